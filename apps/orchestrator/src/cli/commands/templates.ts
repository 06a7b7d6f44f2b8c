// `onexgen templates list|show|forget|approve`: the learned templates, where they came from, and
// the person's say over them (a pending template is reused only once approved). The work loads when
// the command runs (templates-run.ts), so --help and --version never load the store.
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { DbOptions } from './templates-run.js';

function dbOptions(cmd: Command): Command {
  return cmd.option('--db <url|path>', 'database (default DATABASE_URL, then .onexgen/db)').option('--config <file>', 'configuration file');
}

export function registerTemplates(program: Command, io: CliIO): void {
  const templates = program.command('templates').description('learned templates: list, show, forget, approve');
  dbOptions(templates.command('list').description('every learned template with its origin').option('--json', 'print JSON')).action(async (opts: DbOptions) => {
    const { runTemplatesList } = await import('./templates-run.js');
    await runTemplatesList(io, opts);
  });
  dbOptions(templates.command('show').description('one template: provenance and body').argument('<id>', 'template id').option('--json', 'print JSON')).action(
    async (id: string, opts: DbOptions) => {
      const { runTemplatesShow } = await import('./templates-run.js');
      await runTemplatesShow(io, id, opts);
    },
  );
  dbOptions(templates.command('forget').description('delete a template').argument('<id>', 'template id')).action(async (id: string, opts: DbOptions) => {
    const { runTemplatesForget } = await import('./templates-run.js');
    await runTemplatesForget(io, id, opts);
  });
  dbOptions(templates.command('approve').description('vouch for a template so it may be reused').argument('<id>', 'template id')).action(async (id: string, opts: DbOptions) => {
    const { runTemplatesApprove } = await import('./templates-run.js');
    await runTemplatesApprove(io, id, opts);
  });
}
