"""Builds a labelled Python corpus for measuring the parser's agreement with CPython 3.12.

Snippets are top-level functions and classes cut from the standard library (plus a few Python
3.12-only constructs the stdlib barely uses), and corrupted copies of them: deleted, duplicated or
inserted characters, dropped or swapped tokens, indentation changes, joined or split lines.
Every item is labelled by CPython itself: ast.parse (the syntax verdict) and compile() (the
compile-level verdict). Writes JSON lines to stdout.

Usage: PYENV_VERSION=3.12 python3 make_corpus.py --n 5000 --seed 1 [--stdlib DIR]
"""
import argparse
import ast
import glob
import io
import json
import os
import random
import sys
import sysconfig
import tokenize
import warnings

PY312_SNIPPETS = [
    "type Pair[T] = tuple[T, T]\n",
    "type Json = dict[str, 'Json'] | list['Json'] | str | int | None\n",
    "class Box[T: (int, str), *Ts, **P]:\n    def get[U](self, u: U) -> T | U:\n        return u\n",
    "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
    "class NodeEffect[T_Input, T_Output](NodeBase):\n    async def run(self, x: T_Input) -> T_Output:\n        return await self.process(x)\n",
    "msg = f\"{'a' + \"b\"}\"\n",
    "msg = f\"{x!r:>{width}} {y:%Y-%m-%d} {'\\n'.join(rows)}\"\n",
    "s = f'''{\n    a  # a comment inside\n    + b\n}'''\n",
    "match command.split():\n    case [\"go\", direction] if direction in exits:\n        pass\n    case [\"drop\", *objects]:\n        pass\n    case {\"x\": 0, **rest}:\n        pass\n    case Point(x=0, y=0) | None:\n        pass\n    case _:\n        pass\n",
    "match = 1\ncase = 2\ntype = 3\nprint(match, case, type)\n",
    "async def main():\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(work())\n    try:\n        pass\n    except* ValueError as eg:\n        pass\n",
    "with (open('a') as a, open('b') as b):\n    pass\n",
    "def f(a, /, b, *, c): ...\n",
    "x = [y := 1, y ** 2]\n",
    "lambda: (yield)\n",
]

MUTATIONS = ['delete_char', 'duplicate_char', 'insert_char', 'delete_token', 'duplicate_token',
             'swap_tokens', 'insert_keyword', 'indent_line', 'dedent_line', 'join_lines',
             'split_line', 'delete_line', 'duplicate_line', 'tab_indent', 'replace_token']
INSERTABLE = list('()[]{}:;,.=+-*/%@<>!~^&|\'"\\#\t ') + ['\n']
KEYWORDS = ['def', 'class', 'return', 'yield', 'await', 'async', 'lambda', 'if', 'else', 'elif',
            'for', 'while', 'in', 'not', 'and', 'or', 'is', 'pass', 'break', 'continue', 'import',
            'from', 'as', 'with', 'try', 'except', 'finally', 'raise', 'del', 'global',
            'nonlocal', 'assert', 'None', 'True', 'False', 'print', 'match', 'case', 'type']


def cut_snippets(paths, max_lines):
    for path in paths:
        try:
            with open(path, encoding='utf-8') as f:
                source = f.read()
            tree = ast.parse(source)
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        lines = source.splitlines(keepends=True)
        for node in tree.body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            end = node.end_lineno
            if end - start > max_lines:
                continue
            yield os.path.basename(path), ''.join(lines[start:end])


def tokens_of(source):
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
                if t.type not in (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT, tokenize.NEWLINE, tokenize.NL)]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []


def offset_of(source, row, col):
    lines = source.splitlines(keepends=True)
    return sum(len(line) for line in lines[:row - 1]) + col


def mutate(source, kind, rng):
    lines = source.splitlines(keepends=True)
    if not lines:
        return None
    if kind in ('delete_char', 'duplicate_char', 'insert_char'):
        i = rng.randrange(len(source))
        if kind == 'delete_char':
            return source[:i] + source[i + 1:]
        if kind == 'duplicate_char':
            return source[:i] + source[i] + source[i:]
        return source[:i] + rng.choice(INSERTABLE) + source[i:]
    if kind in ('delete_token', 'duplicate_token', 'swap_tokens', 'insert_keyword', 'replace_token'):
        toks = tokens_of(source)
        if len(toks) < 2:
            return None
        j = rng.randrange(len(toks) - 1)
        a, b = toks[j], toks[j + 1]
        sa, ea = offset_of(source, *a.start), offset_of(source, *a.end)
        sb, eb = offset_of(source, *b.start), offset_of(source, *b.end)
        if kind == 'delete_token':
            return source[:sa] + source[ea:]
        if kind == 'duplicate_token':
            return source[:ea] + ' ' + a.string + source[ea:]
        if kind == 'swap_tokens':
            return source[:sa] + b.string + source[ea:sb] + a.string + source[eb:]
        if kind == 'replace_token':
            return source[:sa] + rng.choice(KEYWORDS + INSERTABLE[:20]) + source[ea:]
        return source[:sa] + rng.choice(KEYWORDS) + ' ' + source[sa:]
    i = rng.randrange(len(lines))
    line = lines[i]
    if kind == 'indent_line':
        lines[i] = ' ' * rng.choice([1, 2, 4]) + line
    elif kind == 'dedent_line':
        stripped = line.lstrip(' ')
        if stripped == line:
            return None
        lines[i] = line[min(len(line) - len(stripped), rng.choice([1, 2, 4])):]
    elif kind == 'tab_indent':
        stripped = line.lstrip(' ')
        lines[i] = '\t' * max(1, (len(line) - len(stripped)) // rng.choice([4, 8])) + stripped
    elif kind == 'join_lines':
        if i + 1 >= len(lines):
            return None
        lines[i] = line.rstrip('\n') + ' ' + lines[i + 1].lstrip()
        del lines[i + 1]
    elif kind == 'split_line':
        body = line.rstrip('\n')
        if len(body) < 2:
            return None
        k = rng.randrange(1, len(body))
        lines[i] = body[:k] + '\n' + body[k:] + ('\n' if line.endswith('\n') else '')
    elif kind == 'delete_line':
        del lines[i]
    elif kind == 'duplicate_line':
        lines.insert(i, line)
    return ''.join(lines)


def label(source):
    item = {'source': source}
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            ast.parse(source)
            item['ok'] = True
        except SyntaxError as e:
            item.update(ok=False, msg=e.msg, lineno=e.lineno, offset=e.offset, error=type(e).__name__)
            return item
        except (ValueError, RecursionError, MemoryError) as e:
            item.update(ok=False, msg=str(e), lineno=None, offset=None, error=type(e).__name__)
            return item
        try:
            compile(source, '<snippet>', 'exec', dont_inherit=True)
            item['compileOk'] = True
        except SyntaxError as e:
            item.update(compileOk=False, compileMsg=e.msg, compileLineno=e.lineno)
        except (ValueError, RecursionError, MemoryError):
            item['compileOk'] = False
    return item


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=5000, help='number of items (about 40 %% originals)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--max-lines', type=int, default=60)
    ap.add_argument('--stdlib', default=sysconfig.get_paths()['stdlib'])
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 12):
        sys.exit(f'make_corpus.py needs CPython 3.12 (run with PYENV_VERSION=3.12), got {sys.version.split()[0]}')
    rng = random.Random(args.seed)
    paths = sorted(glob.glob(os.path.join(args.stdlib, '*.py')) + glob.glob(os.path.join(args.stdlib, '*', '*.py')))
    paths = [p for p in paths if '/test' not in p and 'lib2to3' not in p and 'site-packages' not in p]
    snippets = [('py312', s) for s in PY312_SNIPPETS] + list(cut_snippets(paths, args.max_lines))
    rng.shuffle(snippets)
    n_orig = max(len(PY312_SNIPPETS), int(args.n * 0.4))
    originals = snippets[:n_orig]
    out = sys.stdout
    count = 0
    for origin, src in originals:
        out.write(json.dumps({'id': count, 'origin': origin, 'mutation': 'none', **label(src)}) + '\n')
        count += 1
    while count < args.n:
        origin, src = rng.choice(originals)
        kind = rng.choice(MUTATIONS)
        mutated = mutate(src, kind, rng)
        if mutated is None or mutated == src or '\0' in mutated:
            continue
        out.write(json.dumps({'id': count, 'origin': origin, 'mutation': kind, **label(mutated)}) + '\n')
        count += 1


if __name__ == '__main__':
    main()
