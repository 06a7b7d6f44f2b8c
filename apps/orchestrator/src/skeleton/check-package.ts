// The last gate before a generated package is written: every Python file it holds parses, and
// none carries a security error — whatever a spec value or a template change put into it. A
// finding here is a defect in what onexgen wrote, so nothing is written and the run says where.
import type { Validator } from '@onexgen/response-validator';
import { OnexgenError } from '../errors.js';

export interface PackageFile {
  path: string;
  content: string;
}

export async function checkGeneratedPackage(validator: Validator, label: string, files: readonly PackageFile[]): Promise<void> {
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
