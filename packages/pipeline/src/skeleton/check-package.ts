// The last gate before a generated package is written: every Python file it holds parses, and
// none carries a security error — whatever a spec value or a template change put into it. A
// finding here is a defect in what onexgen wrote, so nothing is written and the run says where.
import { createValidator, describeRules, type ProfileInput, type ThreadedValidator, type Validator } from '@onexgen/response-validator';
import { OnexgenError } from '../errors.js';

export interface PackageFile {
  path: string;
  content: string;
}

/** What the check needs of a validator: in process or on the validation thread. */
export type PackageValidator = Pick<Validator, 'validate'> | Pick<ThreadedValidator, 'validate'>;

export async function checkGeneratedPackage(validator: PackageValidator, label: string, files: readonly PackageFile[]): Promise<void> {
  for (const file of files) {
    if (!file.path.endsWith('.py')) continue;
    // One validation per file: its syntax issues say whether it parses, its security issues the rest.
    const result = await validator.validate(file.content, {});
    if (!result.syntaxValid) {
      const e = result.issues.find((i) => i.category === 'syntax');
      throw new OnexgenError('TEMPLATE_RENDER_FAILED', `${label}: the generated ${file.path}:${e?.line ?? '?'} is not valid Python (${e?.message ?? 'syntax error'}); nothing was written`, { where: label });
    }
    const finding = result.issues.find((i) => i.category === 'security' && i.severity === 'error');
    if (finding) {
      throw new OnexgenError('TEMPLATE_RENDER_FAILED', `${label}: the generated ${file.path}:${finding.line} ${finding.message} (${finding.ruleId}); nothing was written`, { where: label });
    }
  }
}

/**
 * The validator the check needs: the run's profile (its security settings and severities) with
 * every rule but the security ones off. The check reads syntax and security errors only, and the
 * other rules were about 40 % of its time — paid once per node, so a run of many small nodes spent
 * more of its CPU here than one of few large ones (tools/bench pipeline-bench).
 */
export function packageCheckValidator(profile: string): Promise<Validator> {
  return createValidator({ profile: packageCheckProfile(profile) });
}

/** The check's profile: the run's, every rule but the security ones off (plain data: it travels to the validation thread). */
export function packageCheckProfile(profile: string): ProfileInput {
  const off = describeRules().filter((r) => r.category !== 'security' && r.category !== 'syntax');
  return { id: `${profile}:package-check`, extends: profile, rules: Object.fromEntries(off.map((r) => [r.id, { enabled: false }])) };
}
