// SARIF 2.1.0 for GitHub code scanning: one run, the rules that fired (unique tags with the CWE, a
// security-severity per security rule from data/sarif/security-severity.json), results with relative
// artifact URIs and 1-based regions. Valid against the official 2.1.0 schema (test/sarif-schema.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../data-dir.js';
import { describeRules } from '../rules/registry.js';
import type { Severity } from '@onexgen/onex';
import type { Report } from './report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

interface PackageFacts {
  version: string;
  informationUri?: string;
}

interface SecuritySeverityData {
  byCwe: Record<string, number>;
  fallbackBySeverity: Record<Severity, number>;
  warningCap: number;
}

let facts: PackageFacts | undefined;
function packageFacts(): PackageFacts {
  if (!facts) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(DATA_DIR, '..', 'package.json'), 'utf8')) as {
        version: string;
        repository?: string | { url?: string };
      };
      const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
      facts = { version: pkg.version, ...(repo ? { informationUri: repositoryWebUrl(repo) } : {}) };
    } catch {
      facts = { version: '0.0.0' };
    }
  }
  return facts;
}

/** `git+https://host/o/r.git` or `github:o/r` → `https://host/o/r` (what a person opens). */
export function repositoryWebUrl(repo: string): string {
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(repo);
  if (shorthand) return `https://github.com/${shorthand[1]}`;
  return repo.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '');
}

let severityData: SecuritySeverityData | undefined;
/** GitHub's security-severity of one rule: from its CWE, else from its default severity. */
export function securitySeverity(cwe: string | undefined, severity: Severity): string {
  severityData ??= JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'sarif', 'security-severity.json'), 'utf8')) as SecuritySeverityData;
  const fromCwe = cwe ? severityData.byCwe[cwe.toUpperCase()] : undefined;
  let score = fromCwe ?? severityData.fallbackBySeverity[severity];
  if (severity !== 'error') score = Math.min(score, severityData.warningCap);
  return score.toFixed(1);
}

function artifactUri(file: string, cwd: string): string {
  if (file === '-' || file === 'stdin') return 'stdin';
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return rel.split(path.sep).join('/');
}

/** `cwd`: the directory absolute file paths are made relative to (the run's working directory). */
export function formatSarif(report: Report, cwd = process.cwd()): string {
  const described = new Map(describeRules().map((r) => [r.id, r]));
  const fired = [...new Set(report.files.flatMap((f) => f.result.issues.map((i) => i.ruleId)))].sort();
  const rules = fired.map((id) => {
    const r = described.get(id);
    const severity = (r?.severity ?? 'warning') as Severity;
    // A set: GitHub and the schema (`uniqueItems`) reject a tag listed twice.
    const tags = [...new Set([r?.category ?? 'quality', ...(r?.cwe ? [`external/cwe/${r.cwe.toLowerCase()}`] : [])])];
    return {
      id,
      name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: r?.summary ?? id },
      fullDescription: { text: `${r?.summary ?? id}${r?.bandit ? ` (Bandit ${r.bandit})` : ''}${r?.cwe ? ` [${r.cwe}]` : ''}` },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags, ...(r?.category === 'security' ? { 'security-severity': securitySeverity(r.cwe, severity) } : {}) },
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
            artifactLocation: { uri: artifactUri(f.file, cwd), uriBaseId: '%SRCROOT%' },
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
        tool: {
          driver: {
            name: 'onexgen-validate',
            ...(packageFacts().informationUri ? { informationUri: packageFacts().informationUri } : {}),
            semanticVersion: packageFacts().version,
            rules,
          },
        },
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
