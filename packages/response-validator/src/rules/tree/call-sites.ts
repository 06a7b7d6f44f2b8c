// Every place a function is called, directly or by reference, with its resolved callee and the
// arguments it receives: `s(cmd)` after `from os import system as s` is a call to os.system;
// `functools.partial(subprocess.run, shell=True)(cmd)` is subprocess.run(cmd, shell=True);
// `loop.run_in_executor(None, os.system, cmd)`, `asyncio.to_thread(os.system, cmd)`,
// `executor.submit(...)`, `threading.Thread(target=..., args=(...))` call what they are given.
// Security rules match these sites, never the callee as written.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { NameResolver } from './name-resolution.js';
import { callArguments, calleeText, isPlainString, lastSegment, stringContent, unwrap } from './nodes.js';

export interface CallSite {
  /** where a finding is reported: the call, or the function passed by reference */
  node: Node;
  /** the call expression the site belongs to */
  call: Node;
  /** resolved qualified callee ('os.system', 'requests.Session().get'), else the callee as written */
  callee: string;
  positional: Node[];
  keywords: Map<string, Node>;
  /** `*args` / `**kwargs` among the arguments: what is listed may be incomplete */
  hasSplat: boolean;
  /** false when a function is handed to a call we do not know (its arguments are unknown) */
  argsKnown: boolean;
  via: 'call' | 'partial' | 'executor' | 'reference';
}

/** callee (last segment or full name) → index of the function argument; the rest are its arguments */
const EXECUTORS = new Map<string, number>([
  ['run_in_executor', 1], ['to_thread', 0], ['run_sync', 0], ['run_in_threadpool', 0], ['submit', 0],
  ['call_soon', 0], ['call_soon_threadsafe', 0], ['call_later', 1], ['call_at', 1], ['atexit.register', 0],
  ['threading.Timer', 1], ['apply_async', 0], ['apply', 0],
]);
const TARGET_CALLERS = new Set(['threading.Thread', 'multiprocessing.Process', 'Thread', 'Process']);
const PARTIAL = new Set(['functools.partial', 'functools.partialmethod']);
const BUILTIN_CALLABLES = new Set(['eval', 'exec', 'compile', 'open', '__import__']);

/** Every call site of `calls` with its callee resolved (the engine collects them once per run). */
export function callSites(calls: readonly Node[], names: NameResolver): CallSite[] {
  const sites: CallSite[] = [];
  const seen = new Set<string>();
  const push = (site: CallSite) => {
    const key = `${site.node.startIndex}:${site.node.endIndex}:${site.callee}`;
    if (seen.has(key)) return;
    seen.add(key);
    sites.push(site);
  };
  const calledNames = new Set<string>();
  for (const call of calls) calledNames.add(calleeText(call));

  for (const call of calls) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    const own = callArguments(call);
    const hasSplat = splat(call);
    const target = through(fn, names);
    const direct: CallSite = {
      node: call,
      call,
      callee: target.callee ?? calleeText(call),
      positional: [...target.positional, ...own.positional],
      keywords: new Map([...target.keywords, ...splatKeywords(call), ...own.keywords]),
      hasSplat: hasSplat || target.hasSplat,
      argsKnown: true,
      via: target.viaPartial ? 'partial' : 'call',
    };
    push(direct);
    const callee = direct.callee;
    const last = lastSegment(callee);

    // a partial object made here and never called by a name: what it will call, with what it binds
    if (PARTIAL.has(callee) && own.positional[0] && !assignedAndCalled(call, calledNames)) {
      const inner = through(own.positional[0], names);
      if (inner.callee) {
        push({
          node: own.positional[0],
          call,
          callee: inner.callee,
          positional: [...inner.positional, ...own.positional.slice(1)],
          keywords: new Map([...inner.keywords, ...own.keywords]),
          hasSplat: hasSplat || inner.hasSplat,
          argsKnown: true,
          via: 'partial',
        });
      }
      continue;
    }

    const index = EXECUTORS.get(callee) ?? EXECUTORS.get(last);
    if (index !== undefined && own.positional[index]) {
      const f = own.positional[index]!;
      const inner = through(f, names);
      if (inner.callee) {
        push({
          node: f,
          call,
          callee: inner.callee,
          positional: [...inner.positional, ...own.positional.slice(index + 1)],
          keywords: new Map([...inner.keywords, ...(last === 'run_in_executor' || last === 'to_thread' || last === 'submit' ? own.keywords : [])]),
          hasSplat: hasSplat || inner.hasSplat,
          argsKnown: true,
          via: 'executor',
        });
      }
      continue;
    }
    if (TARGET_CALLERS.has(callee) && own.keywords.get('target')) {
      const inner = through(own.keywords.get('target')!, names);
      const args = own.keywords.get('args');
      const kwargs = own.keywords.get('kwargs');
      if (inner.callee) {
        push({
          node: own.keywords.get('target')!,
          call,
          callee: inner.callee,
          positional: [...inner.positional, ...(args && ['tuple', 'list'].includes(unwrap(args).type) ? unwrap(args).namedChildren : [])],
          keywords: new Map([...inner.keywords, ...(kwargs ? dictEntries(kwargs) : [])]),
          hasSplat: hasSplat || (!!args && !['tuple', 'list'].includes(unwrap(args).type)),
          argsKnown: true,
          via: 'executor',
        });
      }
      continue;
    }
    // a function handed to any other call (map, a retry helper, a callback registry): called with unknown arguments
    for (const arg of [...own.positional, ...own.keywords.values()]) {
      const a = unwrap(arg);
      if (a.type !== 'identifier' && a.type !== 'attribute') continue;
      const q = names.resolve(a);
      if (!q || (!q.includes('.') && !BUILTIN_CALLABLES.has(q))) continue; // a plain local value, not a known function
      push({ node: a, call, callee: q, positional: [], keywords: new Map(), hasSplat: true, argsKnown: false, via: 'reference' });
    }
  }
  return sites;
}

interface Target {
  callee?: string;
  positional: Node[];
  keywords: Map<string, Node>;
  hasSplat: boolean;
  viaPartial: boolean;
}

/** What calling `fn` calls: partial objects are unwrapped and contribute their bound arguments. */
function through(fn: Node, names: NameResolver, depth = 0): Target {
  const partial = depth < 4 ? names.partialCall(fn) : undefined;
  if (partial) {
    const args = callArguments(partial);
    const inner = args.positional[0] ? through(args.positional[0], names, depth + 1) : undefined;
    if (inner?.callee) {
      return {
        callee: inner.callee,
        positional: [...inner.positional, ...args.positional.slice(1)],
        keywords: new Map([...inner.keywords, ...args.keywords]),
        hasSplat: inner.hasSplat || splat(partial),
        viaPartial: true,
      };
    }
  }
  return { callee: names.resolve(fn), positional: [], keywords: new Map(), hasSplat: false, viaPartial: false };
}

function splat(call: Node): boolean {
  const list = call.childForFieldName('arguments');
  return !!list && list.namedChildren.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat');
}

/** `{"shell": True}` / `dict(shell=True)` passed as kwargs= */
function dictEntries(node: Node): [string, Node][] {
  const n = unwrap(node);
  if (n.type !== 'dictionary') return [];
  const out: [string, Node][] = [];
  for (const pair of n.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (key && value && isPlainString(key)) out.push([stringContent(key), value]);
  }
  return out;
}

/** `run = partial(...)` followed by `run(...)`: the later call is the site, not the partial. */
function assignedAndCalled(partial: Node, calledNames: ReadonlySet<string>): boolean {
  const parent = partial.parent;
  if (parent?.type !== 'assignment') return false;
  const left = parent.childForFieldName('left');
  return !!left && calledNames.has(left.text.replace(/\s+/g, ''));
}

/** `**{"shell": True}` in a call's arguments: the keywords it spells out */
export function splatKeywords(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const list = call.childForFieldName('arguments');
  for (const c of list?.namedChildren ?? []) {
    if (c.type !== 'dictionary_splat') continue;
    const inner = c.namedChildren[0];
    if (inner) for (const [k, v] of dictEntries(inner)) out.set(k, v);
  }
  return out;
}
