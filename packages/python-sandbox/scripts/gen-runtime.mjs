#!/usr/bin/env node
// Generates the ONEX test runtime (runtime/stand-in/omnibase_core) from hand-written module
// sources (scripts/runtime-src) and the copied API index (scripts/onex-api). The sources hold the
// behaviour the sandbox needs; the index supplies what must match the real package exactly:
//   # @members Class name|lower|int   enum members (values: the name, its lower case, or 0..n)
//   # @fields Class                   pydantic fields for the class's attributes (all optional)
//   # @rest Class [pydantic]          stubs, with the index's exact signatures, for every public
//                                     method the source does not define (they raise NotImplementedError;
//                                     `pydantic` leaves the model_* methods to pydantic)
//   # @functions                      the same for the module's public functions
// Then it checks every `def`/`class` the sources define against the index (names and parameters),
// so the stand-in cannot drift from the real API. The package's build runs it (the output is not
// committed). Usage: node scripts/gen-runtime.mjs [--check]
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const srcRoot = join(here, 'runtime-src');
const outRoot = join(here, '..', 'runtime', 'stand-in');
const index = JSON.parse(readFileSync(join(here, 'onex-api', 'omnibase_core-subset.json'), 'utf8'));
const checkOnly = process.argv.includes('--check');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith('.py') ? [path] : [];
  });
}

function moduleName(file) {
  const parts = relative(srcRoot, file).replace(/\.py$/, '').split('/');
  if (parts.at(-1) === '__init__') parts.pop();
  return parts.join('.');
}

function renderParams(params) {
  const out = [];
  let starDone = false;
  let slashPending = false;
  for (const p of params) {
    if (p.kind === 'positional_only') slashPending = true;
    else if (slashPending) {
      out.push('/');
      slashPending = false;
    }
    const dflt = p.default ? '=None' : '';
    if (p.kind === 'var_positional') {
      out.push(`*${p.name}`);
      starDone = true;
    } else if (p.kind === 'var_keyword') out.push(`**${p.name}`);
    else if (p.kind === 'keyword_only') {
      if (!starDone) out.push('*');
      starDone = true;
      out.push(`${p.name}${dflt}`);
    } else out.push(`${p.name}${dflt}`);
  }
  if (slashPending) out.push('/');
  return out.join(', ');
}

function stub(name, fn, owner, indent) {
  const lines = [];
  const decorators = fn.decorators.filter((d) => ['property', 'classmethod', 'staticmethod', 'asynccontextmanager'].includes(d));
  for (const d of decorators) lines.push(`${indent}@${d === 'asynccontextmanager' ? 'contextlib.asynccontextmanager' : d}`);
  lines.push(`${indent}${fn.async ? 'async ' : ''}def ${name}(${renderParams(fn.params)}):`);
  lines.push(`${indent}    raise NotImplementedError("omnibase_core stand-in: ${owner}${name} is not simulated")`);
  if (decorators.includes('asynccontextmanager')) lines.push(`${indent}    yield`);
  return lines.join('\n');
}

function definedNames(text) {
  return new Set([...text.matchAll(/^\s*(?:async\s+)?def\s+(\w+)\s*\(/gm)].map((m) => m[1]));
}

/** The source text of one class's body (from `class X` to the next top-level statement). */
function classBody(text, cls) {
  const start = text.search(new RegExp(`^class ${cls}\\b`, 'm'));
  if (start < 0) return '';
  const rest = text.slice(text.indexOf('\n', start) + 1);
  const end = rest.search(/^\S/m);
  return end < 0 ? rest : rest.slice(0, end);
}

function expand(text, mod, modName) {
  const problems = [];
  const out = text.replace(/^([ \t]*)# @(members|fields|rest|functions)\b ?(\w*) ?(\w*)[^\n]*$/gm, (_, indent, kind, cls, mode) => {
    if (kind === 'functions') {
      const defined = definedNames(text);
      return Object.entries(mod.functions)
        .filter(([n]) => !n.startsWith('_') && !defined.has(n))
        .map(([n, fn]) => stub(n, fn, '', indent))
        .join('\n\n');
    }
    const info = mod.classes[cls];
    if (!info) {
      problems.push(`${modName}: no class ${cls} in the index`);
      return '';
    }
    if (kind === 'members') {
      return info.members
        .map((m, i) => `${indent}${m} = ${mode === 'int' ? i : JSON.stringify(mode === 'lower' ? m.toLowerCase() : m)}`)
        .join('\n');
    }
    if (kind === 'fields') {
      return info.attributes
        .filter((a) => !a.startsWith('_') && a !== 'model_config' && a !== 'INTERFACE_VERSION')
        .map((a) => `${indent}${a}: Any = None`)
        .join('\n');
    }
    const defined = definedNames(classBody(text, cls));
    // `pydantic`: the class is a pydantic model, whose own model_* methods must stay pydantic's.
    const ownedByPydantic = (n) => mode === 'pydantic' && n.startsWith('model_');
    return Object.entries(info.methods)
      .filter(([n]) => !n.startsWith('_') && !defined.has(n) && !ownedByPydantic(n))
      .map(([n, fn]) => stub(n, fn, `${cls}.`, indent))
      .join('\n\n');
  });
  return { out, problems };
}

/** Splits on `sep` outside brackets, quotes not considered (parameter lists have none that matter). */
function splitTopLevel(text, sep = ',') {
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    if (ch === sep && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Checks each top-level def and each method of a class the index knows against the index. */
function verify(text, mod, modName) {
  const problems = [];
  const sig = (fn) => fn.params.map((p) => `${p.kind === 'var_positional' ? '*' : p.kind === 'var_keyword' ? '**' : ''}${p.name}${p.default ? '=' : ''}`).join(',');
  const parse = (params) => splitTopLevel(params.replace(/#[^\n]*/g, ''))
    .map((s) => s.trim())
    .filter((s) => s && s !== '/' && s !== '*')
    .map((s) => `${s.match(/^\**\w+/)[0]}${splitTopLevel(s, '=').length > 1 ? '=' : ''}`)
    .join(',');
  const check = (name, paramsText, fn, owner) => {
    if (!fn) return;
    const got = parse(paramsText);
    if (got !== sig(fn)) problems.push(`${modName}: ${owner}${name}(${got}) differs from the index (${sig(fn)})`);
  };
  for (const m of text.matchAll(/^(?:async\s+)?def\s+(\w+)\s*\(([\s\S]*?)\)\s*(?:->[^:]*)?:/gm)) {
    check(m[1], m[2], mod.functions[m[1]], '');
  }
  for (const [cls, info] of Object.entries(mod.classes)) {
    const body = classBody(text, cls);
    for (const m of body.matchAll(/^ {4}(?:async\s+)?def\s+(\w+)\s*\(([\s\S]*?)\)\s*(?:->[^:]*)?:/gm)) {
      check(m[1], m[2], info.methods[m[1]], `${cls}.`);
    }
  }
  for (const m of text.matchAll(/^class\s+(\w+)/gm)) {
    if (!m[1].startsWith('_') && !(m[1] in mod.classes)) problems.push(`${modName}: class ${m[1]} is not in the index`);
  }
  return problems;
}

const header = (src) =>
  `# Generated by scripts/gen-runtime.mjs from scripts/${relative(here, src)} and the ${index.package} API index\n` +
  `# (${index.source}). Do not edit: change the source (the build regenerates this).\n`;

const problems = [];
const files = [];
for (const file of walk(srcRoot).sort()) {
  const modName = moduleName(file);
  const text = readFileSync(file, 'utf8');
  const mod = index.modules[modName] ?? { functions: {}, classes: {} };
  const { out, problems: p } = expand(text, mod, modName);
  problems.push(...p, ...verify(out, mod, modName));
  files.push({ path: join(outRoot, relative(srcRoot, file)), text: header(file) + out });
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
if (checkOnly) {
  const stale = files.filter((f) => {
    try {
      return readFileSync(f.path, 'utf8') !== f.text;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(`runtime/stand-in is stale: ${stale.map((f) => relative(outRoot, f.path)).join(', ')}`);
    process.exit(1);
  }
  console.log(`runtime/stand-in matches its sources (${files.length} files)`);
} else {
  rmSync(outRoot, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
  }
  console.log(`${files.length} files → ${relative(process.cwd(), outRoot) || outRoot}`);
}
