// Async methods do their I/O with await: no un-awaited coroutine calls (asyncpg fetch/execute,
// producers' send), no blocking calls (time.sleep, requests) inside async def.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { calleeText, enclosingFunction, isAsyncFunction, isAwaited, lastSegment } from '../tree/nodes.js';

/** Is the node's own function async (a fragment's wrapper counts when context.isAsync is not false)? */
function inAsyncFunction(ctx: RuleContext, node: Node): Node | undefined {
  const fn = enclosingFunction(node);
  return fn && isAsyncFunction(fn) ? fn : undefined;
}

export const missingAwait: Rule = {
  id: 'onex/missing-await',
  category: 'compliance',
  severity: 'error',
  summary: 'async I/O call without await (the coroutine never runs)',
  check(ctx) {
    const methods = new Set(ctx.profile.onex.asyncIoMethods ?? []);
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (!callee.includes('.') || !(methods.has(lastSegment(callee)) || methods.has(callee))) continue;
      if (/(^|\.)(cursor|cur)$/.test(callee.slice(0, callee.lastIndexOf('.')))) continue; // DB-API cursors are synchronous
      if (!inAsyncFunction(ctx, call) || isAwaited(call) || usedAsValue(call)) continue;
      ctx.report(call, `${callee}(...) returns a coroutine that is never awaited: write await ${callee}(...)`);
    }
  },
};

/** Passed on (gather/create_task argument, async with item, returned, stored) rather than dropped or used as a result. */
function usedAsValue(call: Node): boolean {
  const p = call.parent;
  if (!p) return false;
  if (p.type === 'with_item' || p.type === 'argument_list' || p.type === 'return_statement' || p.type === 'list' || p.type === 'tuple') return true;
  return false;
}

export const blockingCallInAsync: Rule = {
  id: 'onex/blocking-call-in-async',
  category: 'compliance',
  severity: 'warning',
  summary: 'blocking call (time.sleep, requests, ...) inside async def',
  check(ctx) {
    const blocking = new Set(ctx.profile.onex.blockingCalls ?? []);
    for (const call of ctx.nodes('call')) {
      const callee = ctx.qualify(calleeText(call));
      if (!blocking.has(callee) || !inAsyncFunction(ctx, call)) continue;
      ctx.report(call, `${callee}() blocks the event loop inside an async method: use its async counterpart (asyncio.sleep, httpx.AsyncClient, asyncpg) or asyncio.to_thread`);
    }
  },
};

export const asyncWithoutAwait: Rule = {
  id: 'onex/async-without-await',
  category: 'compliance',
  severity: 'info',
  summary: 'async method that never awaits',
  check(ctx) {
    for (const fn of ctx.nodes('function_definition')) {
      if (!isAsyncFunction(fn)) continue;
      const body = fn.childForFieldName('body');
      if (!body) continue;
      const awaits = body.descendantsOfType(['await', 'async']).filter((n) => n && enclosingFunction(n)?.equals(fn));
      // `async for` / `async with` show up as an `async` keyword token inside the body
      if (awaits.length) continue;
      ctx.report(ctx.isWrapper(fn) ? body : fn, 'this async method never awaits: await its I/O (database, HTTP, events) or make it a plain def');
    }
  },
};
