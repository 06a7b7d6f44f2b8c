// What `onexgen templates list|show|forget|approve` run (loaded when the command runs): the
// template store of the database a run recorded into.
import { createTemplateStore, isReusable, type LearnedTemplate } from '@onexgen/pattern-library';
import { OnexgenError } from '@onexgen/pipeline/errors';
import type { CliIO } from '../io.js';
import { openRecordedDatabase } from '../open-recorded-database.js';
import { configFor } from '../config-for.js';

export interface DbOptions {
  db?: string;
  config?: string;
  json?: boolean;
}

async function withStore<T>(io: CliIO, opts: DbOptions, command: string, work: (store: ReturnType<typeof createTemplateStore>) => Promise<T>): Promise<T> {
  const loaded = configFor(io, { ...(opts.db ? { db: opts.db } : {}), ...(opts.config ? { config: opts.config } : {}) });
  // every templates subcommand reads or changes templates a run recorded: none creates a database
  const handle = await openRecordedDatabase(loaded, io.cwd, command);
  try {
    return await work(createTemplateStore(handle.db));
  } finally {
    await handle.close();
  }
}

function idOf(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1) throw new OnexgenError('USAGE', `ID: must be a template id (a positive integer), got "${value}"`);
  return id;
}

/** The `--json` shape: the body and the provenance, dates as ISO strings. */
function plain(t: LearnedTemplate): Record<string, unknown> {
  return {
    id: t.id,
    nodeType: t.nodeType,
    methodName: t.methodName,
    origin: t.origin,
    reusable: isReusable(t),
    score: t.score,
    generationId: t.generationId,
    model: t.model,
    checks: t.checks,
    createdAt: t.createdAt.toISOString(),
    approvedAt: t.approvedAt?.toISOString() ?? null,
    usageCount: t.usageCount,
    features: t.features,
    params: t.params,
    body: t.body,
  };
}

function row(t: LearnedTemplate): string {
  const state = isReusable(t) ? t.origin : 'pending (not reused until approved)';
  return `#${String(t.id).padEnd(5)} ${t.nodeType.padEnd(12)} ${t.methodName.padEnd(28)} ${state.padEnd(36)} used ${t.usageCount}× ${t.model ?? ''}`.trimEnd();
}

export async function runTemplatesList(io: CliIO, opts: DbOptions): Promise<void> {
  const all = await withStore(io, opts, 'templates list', (store) => store.list());
  if (opts.json) return void io.stdout(`${JSON.stringify(all.map(plain), null, 2)}\n`);
  for (const t of all) io.stdout(`${row(t)}\n`);
  io.stdout(`${all.length} template(s); ${all.filter(isReusable).length} reusable\n`);
}

export async function runTemplatesShow(io: CliIO, id: string, opts: DbOptions): Promise<void> {
  const t = await withStore(io, opts, 'templates show', (store) => store.get(idOf(id)));
  if (!t) throw new OnexgenError('USAGE', `no template #${id} (see \`onexgen templates list\`)`);
  if (opts.json) return void io.stdout(`${JSON.stringify(plain(t), null, 2)}\n`);
  io.stdout(
    [
      row(t),
      `learned ${t.createdAt.toISOString()} from generation ${t.generationId ?? '(unknown)'} by ${t.model ?? '(unknown model)'}; checks passed: ${t.checks.join(', ') || '(none recorded)'}`,
      t.approvedAt ? `approved ${t.approvedAt.toISOString()}` : isReusable(t) ? 'reusable: its examples passed' : 'pending: reused only after `onexgen templates approve ' + t.id + '`',
      '',
      '```python',
      t.body.trimEnd(),
      '```',
      '',
    ].join('\n'),
  );
}

export async function runTemplatesForget(io: CliIO, id: string, opts: DbOptions): Promise<void> {
  const gone = await withStore(io, opts, 'templates forget', (store) => store.forget(idOf(id)));
  if (!gone) throw new OnexgenError('USAGE', `no template #${id} (see \`onexgen templates list\`)`);
  io.stdout(`forgot template #${id}\n`);
}

export async function runTemplatesApprove(io: CliIO, id: string, opts: DbOptions): Promise<void> {
  const t = await withStore(io, opts, 'templates approve', (store) => store.approve(idOf(id)));
  if (!t) throw new OnexgenError('USAGE', `no template #${id} (see \`onexgen templates list\`)`);
  io.stdout(`approved template #${t.id} (${t.methodName}): it may be reused from now on\n`);
}
