// SARIF 2.1.0 for GitHub code scanning: one run, the rules that fired (with CWE tags and a
// security-severity for security rules), results with relative artifact URIs and 1-based regions.
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../data-dir.js';
import { describeRules } from '../rules/registry.js';
import type { Severity } from '@onexgen/onex';
import type { Report } from './format.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

let version: string | undefined;
function packageVersion(): string {
  if (!version) {
    try {
      version = (JSON.parse(fs.readFileSync(path.join(DATA_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}

function artifactUri(file: string): string {
  if (file === '-' || file === 'stdin') return 'stdin';
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return rel.split(path.sep).join('/');
}

export function formatSarif(report: Report): string {
  const described = new Map(describeRules().map((r) => [r.id, r]));
  const fired = [...new Set(report.files.flatMap((f) => f.result.issues.map((i) => i.ruleId)))].sort();
  const rules = fired.map((id) => {
    const r = described.get(id);
    const severity = (r?.severity ?? 'warning') as Severity;
    const tags = [r?.category ?? 'quality', ...(r?.cwe ? [`external/cwe/${r.cwe.toLowerCase()}`] : [])];
    if (r?.category === 'security') tags.push('security');
    return {
      id,
      name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: r?.summary ?? id },
      fullDescription: { text: `${r?.summary ?? id}${r?.bandit ? ` (Bandit ${r.bandit})` : ''}${r?.cwe ? ` [${r.cwe}]` : ''}` },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags, ...(r?.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[severity] } : {}) },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.files.flatMap((f) =>
    f.result.issues.map((i) => ({
      ruleId: i.ruleId,
      ruleIndex: index.get(i.ruleId) ?? 0,
      level: LEVEL[i.severity],
      message: { text: i.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(f.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: i.line,
              startColumn: i.column,
              ...(i.endLine !== undefined && i.endColumn !== undefined ? { endLine: i.endLine, endColumn: i.endColumn } : {}),
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'onexgen-validate', informationUri: 'https://github.com/onexgen/onexgen', semanticVersion: packageVersion(), rules } },
        results,
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({ level: 'error', message: { text: `${e.file}: ${e.message}` } })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
