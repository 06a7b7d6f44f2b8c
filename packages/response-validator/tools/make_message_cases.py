# Records CPython 3.12 syntax-error messages and positions for test/parser/fixtures/cpython-messages.json:
#   PYENV_VERSION=3.12 python3 tools/make_message_cases.py > test/parser/fixtures/cpython-messages.json
import ast, json
cases = {
 'missing colon after if': 'def f():\n    if x > 1\n        return x\n',
 'a statement where the colon belongs': 'def f():\n    if x > 1 return x\n',
 'missing colon after def': 'def f(x)\n    return x\n',
 'missing colon after def with annotation': 'def f(x) -> int\n    return x\n',
 'missing colon after class': 'class A(B)\n    pass\n',
 'missing colon after else': 'if x:\n    pass\nelse\n    pass\n',
 'missing colon after try': 'try\n    pass\nexcept E:\n    pass\n',
 'missing colon before a comment': 'if x  # c\n    pass\n',
 'missing colon after except as': 'try:\n    pass\nexcept ValueError as e\n    pass\n',
 'unexpected indent': 'x = 1\n    y = 2\n',
 'unindent does not match': 'if x:\n        a = 1\n    b = 2\n',
 'tabs inconsistent with spaces': 'if x:\n\tif y:\n        pass\n',
 'expected an indented block after if': 'if x:\nreturn 1\n',
 'expected an indented block after def': 'def f():\n\nx = 1\n',
 'expected an indented block at end of file': 'def f():\n',
 'expected an indented block after for, comment only': 'for x in y:\n    # c\nz = 1\n',
 'unterminated string': 'x = "abc\ny = 1\n',
 'unterminated f-string': 'x = 1 + f"abc\ny = 1\n',
 'unterminated triple-quoted string': 'x = """abc\ny = 1\n',
 'unmatched )': 'x = 1)\ny = 2\n',
 'mismatched brackets': 'x = (1]\n',
 'mismatched brackets on two lines': 'x = (1,\n 2]\n',
 'bracket never closed': 'x = (1,\ny = 2\nz = 3\n',
 'call bracket never closed at end of file': 'x = foo(1,\n',
 'assign to a call': 'f(x) = 1\n',
 'assign None to a method call': 'self.foo(a, b) = None\n',
 'missing comma in a list': 'x = [a b]\n',
 'missing comma in a call': 'f(a, b c)\n',
 'generic, same line as the open bracket': 'def f(:\n    pass\n',
 'opening bracket dropped': 'x = foo 1, 2)\n',
}
out = []
for name, src in cases.items():
    try:
        ast.parse(src); raise SystemExit(f'valid: {name}')
    except SyntaxError as e:
        out.append({'name': name, 'source': src, 'message': e.msg, 'line': e.lineno, 'column': e.offset})
import sys
print(json.dumps({'python': sys.version.split()[0], 'cases': out}, indent=1))
