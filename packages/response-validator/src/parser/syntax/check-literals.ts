// Literal tokens tree-sitter's lexer accepts too generously: Python 2 numbers (`017`, `10L`),
// misplaced underscores, unknown string prefixes, backticks, non-ASCII bytes, f-string conversions,
// and literal patterns in `case` clauses.
// The expressions below validate the text of ONE number token against Python's lexical grammar
// (docs: Lexical analysis, Integer/Floating-point/Imaginary literals); they never scan source code.
import type { SyntaxNode as Node } from '../mirror/syntax-node.js';
import { literalShape } from '../tree-utils.js';
import { codeChildren, type NodeCheck } from './check-context.js';

const DIGITS = '[0-9](?:_?[0-9])*';
const INTEGER = new RegExp(
  `^(?:[1-9](?:_?[0-9])*|0+(?:_?0)*|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+)$`,
);
const POINT_FLOAT = `(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.)`;
const FLOAT = new RegExp(`^(?:${POINT_FLOAT}|(?:${DIGITS}|${POINT_FLOAT})[eE][+-]?${DIGITS})$`);
const IMAGINARY = new RegExp(`^(?:${POINT_FLOAT}|(?:${DIGITS}|${POINT_FLOAT})[eE][+-]?${DIGITS}|${DIGITS})[jJ]$`);
const PREFIXES = new Set(['', 'r', 'u', 'f', 'b', 'br', 'rb', 'fr', 'rf']);

function numberError(text: string): string | undefined {
  if (INTEGER.test(text) || FLOAT.test(text) || IMAGINARY.test(text)) return undefined;
  if (/^0[0-9_]*[lL]?$/.test(text) && /[1-9]/.test(text)) {
    return 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
  }
  return `invalid number literal '${text}'`;
}

const numberLiteral: NodeCheck = (node, report) => {
  const message = numberError(node.text);
  if (message) report(node, 'invalid-syntax', message);
};

const stringLiteral: NodeCheck = (node, report) => {
  const text = node.text;
  const { prefix, quote, quoteLength } = literalShape(text);
  if (quote !== '"' && quote !== "'") {
    report(node, 'invalid-syntax', 'invalid syntax: backquotes are not Python 3; use repr()');
    return;
  }
  const lower = prefix.toLowerCase();
  if (!PREFIXES.has(lower)) {
    report(node, 'invalid-syntax', `invalid string prefix '${prefix}'`);
    return;
  }
  if (lower.includes('b') && /[^\x00-\x7f]/.test(text)) {
    report(node, 'invalid-syntax', 'bytes can only contain ASCII literal characters');
  }
  if (!lower.includes('r') && text.includes('\\')) {
    const escapeError = badEscape(literalParts(node, lower.includes('f')), lower.includes('b'));
    if (escapeError) report(node, 'invalid-syntax', escapeError);
  }
  if (quoteLength === 1 && text.includes('\n')) {
    // A single-quoted literal ends at the end of its line unless the newline is escaped; an
    // f-string may still span lines inside the expressions of its {replacement fields} (PEP 701),
    // but not inside a format spec.
    const literal = node.children.filter((c) => c.type === 'string_content');
    if (lower.includes('f')) literal.push(...node.descendantsOfType('format_specifier'));
    for (const part of literal) {
      if (hasBareNewline(ownText(part))) {
        report(node, 'invalid-syntax', `unterminated ${lower.includes('f') ? 'f-string' : 'string'} literal`);
        return;
      }
    }
  }
};

/** A node's text without the text of its nested {format expressions}. */
function ownText(node: Node): string {
  let text = '';
  let at = node.startIndex;
  const full = node.text;
  for (const child of node.namedChildren) {
    if (child.type !== 'format_expression') continue;
    text += full.slice(at - node.startIndex, child.startIndex - node.startIndex);
    at = child.endIndex;
  }
  return text + full.slice(at - node.startIndex);
}

const concatenation: NodeCheck = (node, report) => {
  const kinds = new Set(codeChildren(node).map((part) => (/^[a-z]*b/i.test(part.firstChild?.text ?? '') ? 'bytes' : 'text')));
  if (kinds.size > 1) report(node, 'invalid-syntax', 'cannot mix bytes and nonbytes literals');
};

/** The literal text of a string: for an f-string only the parts outside {replacement fields}. */
function literalParts(node: Node, isFString: boolean): string {
  if (isFString) return node.children.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
  const start = node.firstChild;
  const end = node.lastChild;
  if (!start || !end || start.equals(end)) return '';
  return node.text.slice(start.endIndex - node.startIndex, end.startIndex - node.startIndex);
}

const HEX = /^[0-9a-fA-F]+$/;

/** Escapes the compiler refuses (unknown escapes are only warnings; `\N{name}` names are not looked up). */
function badEscape(text: string, isBytes: boolean): string | undefined {
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', i + 2)) {
    const kind = text[i + 1];
    const width = kind === 'x' ? 2 : isBytes ? 0 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
    if (width > 0) {
      const digits = text.slice(i + 2, i + 2 + width);
      if (digits.length < width || !HEX.test(digits)) return `(unicode error) truncated \\${kind} escape`;
      if (kind === 'U' && parseInt(digits, 16) > 0x10ffff) return '(unicode error) illegal Unicode character';
    } else if (kind === 'N' && !isBytes && !/^\{[^}\n]+\}/.test(text.slice(i + 2))) {
      return '(unicode error) malformed \\N character escape';
    }
  }
  return undefined;
}

function hasBareNewline(text: string): boolean {
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) backslashes++;
    if (text[i - 1] === '\r') for (let j = i - 2; j >= 0 && text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return true;
  }
  return false;
}

const conversion: NodeCheck = (node, report) => {
  if (!['!s', '!r', '!a'].includes(node.text)) {
    report(node, 'invalid-syntax', `f-string: invalid conversion character '${node.text.slice(1)}': expected 's', 'r', or 'a'`);
  }
};

const interpolation: NodeCheck = (node, report) => {
  const expression = node.childForFieldName('expression') ?? codeChildren(node)[0];
  if (expression?.type === 'lambda') report(expression, 'invalid-syntax', 'f-string: lambda expressions are not allowed without parentheses');
};

/** `case 1 + 2j`: a real number on the left, an imaginary one on the right. */
const complexPattern: NodeCheck = (node, report) => {
  const parts = codeChildren(node);
  const right = parts[parts.length - 1];
  const left = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (right && !/[jJ]$/.test(right.text)) report(right, 'invalid-syntax', 'imaginary number required in complex literal');
  else if (left && /[jJ]$/.test(left.text)) report(left, 'invalid-syntax', 'real number required in complex literal');
};

const classPattern: NodeCheck = (node, report) => {
  let keyword = false;
  for (const arg of codeChildren(node)) {
    if (arg.type !== 'case_pattern') continue;
    if (arg.namedChildren[0]?.type === 'keyword_pattern') keyword = true;
    else if (keyword) report(arg, 'invalid-syntax', 'positional patterns follow keyword patterns');
  }
};

const dictPattern: NodeCheck = (node, report) => {
  const parts = codeChildren(node);
  parts.forEach((part: Node, i) => {
    if (part.type === 'splat_pattern' && i !== parts.length - 1) report(part, 'invalid-syntax', 'invalid syntax: **rest must come last in a mapping pattern');
  });
};

export const LITERAL_CHECKS: Record<string, NodeCheck> = {
  integer: numberLiteral,
  float: numberLiteral,
  string: stringLiteral,
  concatenated_string: concatenation,
  type_conversion: conversion,
  interpolation,
  complex_pattern: complexPattern,
  class_pattern: classPattern,
  dict_pattern: dictPattern,
};
