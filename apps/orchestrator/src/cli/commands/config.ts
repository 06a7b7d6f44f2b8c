// `onexgen config show [--effective] | export [--out FILE] | import FILE [--user] [--force]`: see the
// configuration with where each value came from, and move it between machines (config-run.ts,
// loaded on use).
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import type { ConfigOptions } from './config-run.js';

export function registerConfig(program: Command, io: CliIO): void {
  const config = program.command('config').description('the configuration: show it with its layers, export it, import a file');
  config
    .command('show')
    .description('the configuration files\' values; --effective: every value in effect, with the layer it came from')
    .option('--effective', 'every value in effect: default < user file < project file < environment < flags')
    .option('--config <file>', 'configuration file (instead of ./onexgen.config.*)')
    .option('--json', 'print JSON')
    .action(async (opts: ConfigOptions) => {
      const { runConfigShow } = await import('./config-run.js');
      runConfigShow(io, opts);
    });
  config
    .command('export')
    .description('write the effective configuration as a file `config import` takes (never a key; a database password is left out)')
    .option('--out <file>', 'write here instead of stdout')
    .option('--config <file>', 'configuration file (instead of ./onexgen.config.*)')
    .action(async (opts: ConfigOptions) => {
      const { runConfigExport } = await import('./config-run.js');
      await runConfigExport(io, opts);
    });
  config
    .command('import')
    .description('check FILE (schema, llm section, no keys) and make it the project configuration (./onexgen.config.yaml)')
    .argument('<file>', 'a YAML or JSON configuration file')
    .option('--user', 'make it the user configuration (~/.config/onexgen/config.yaml) instead')
    .option('--force', 'replace an existing configuration file')
    .action(async (file: string, opts: ConfigOptions) => {
      const { runConfigImport } = await import('./config-run.js');
      await runConfigImport(io, file, opts);
    });
}
