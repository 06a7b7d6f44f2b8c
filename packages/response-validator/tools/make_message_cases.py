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
 'a parser error gives way to a later unterminated string': 'if x\n    pass\ny = 1\nz = "abc\n',
 'unexpected indent does not give way to a later tokenizer error': 'x = f\n    a, b)\ny = 1\n',
 'a later unindent mismatch does not override': 'try:\nif a:\n        b = 1\n    c = 2\n',
 'two names side by side': 'def f():\n    i j = m.span()\n',
 'keyword typo: two names': 'if a:\n    pass\neli x == 1:\n    pass\n',
 'keyword typo: empty annotation': 'if a:\n    pass\nels:\n    pass\n',
 'keyword typo after a try body': 'try:\n    pass\nexcep ValueError:\n    pass\n',
 'else if': 'if a:\n    pass\nelse if b:\n    pass\n',
 'except followed by a keyword': 'try:\n    pass\nexcept if E:\n    pass\n',
 'else after a plain statement': 'if a:\n    x = 1\n    else:\n    pass\n',
 'print statement': 'print "x"\n',
 'missing comma between parameters': 'def f(self input, final=False):\n    pass\n',
 'missing comma in a for target': 'for k v in d:\n    pass\n',
 'assignment to a name in if': 'if state = 0:\n    pass\n',
 'assignment to a call in if': 'if len(x) = 0:\n    pass\n',
 'assignment to a subscript in while': 'while a[0] = 1:\n    pass\n',
 'assignment to an attribute in elif': 'if a:\n    pass\nelif self.x = 0:\n    pass\n',
 'assignment to an expression in if': 'if i + 1 = n:\n    pass\n',
 'assignment after and in if': 'if x and y = 1:\n    pass\n',
 'expected indented block before a dedented statement': 'class A:\n    def f(self):\nclass B:\n    pass\n',
}
out = []
for name, src in cases.items():
    try:
        ast.parse(src); raise SystemExit(f'valid: {name}')
    except SyntaxError as e:
        out.append({'name': name, 'source': src, 'message': e.msg, 'line': e.lineno, 'column': e.offset})
import sys
print(json.dumps({'python': sys.version.split()[0], 'cases': out}, indent=1))
