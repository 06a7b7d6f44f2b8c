// `fill --in-place` on files a person owns: legacy encodings, a BOM, private modes, symlinks, and
// implemented methods that carry a TODO note. Nothing outside the stubs may change.
import { chmodSync, copyFileSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, EXAMPLES } from '../context.mjs';

const STUBBED = join(EXAMPLES, 'stubbed', 'node_inventory_effect.py');
const IMPLEMENTED_WITH_TODO = `
    def health_checks(self) -> list[str]:
        """Checks this node runs."""
        checks = ["database", "cache"]
        # TODO: Phase 2 - Add Vault integration
        checks.append("disk")
        return checks
`;

function variant(dir, name, transform) {
  const file = join(dir, `${name}.py`);
  const text = readFileSync(STUBBED, 'utf8');
  writeFileSync(file, transform(text));
  return file;
}

const fill = (ctx, dir, file, extra = []) => ctx.run(['fill', file, '--in-place', '--offline', '--db', 'memory://', ...extra], { cwd: dir });
const refusedOrFilled = (r) => r.code === 0 || r.code === 1 || r.code === 2;

export const nodeFiles = {
  name: 'node-files',
  about: 'fill --in-place on Latin-1, BOM, 0600, symlinked files and a TODO note in implemented code',
  async run(ctx) {
    const checks = [];
    const dir = ctx.dir('files');

    // Latin-1 with a PEP 263 declaration and an é outside every stub.
    ctx.counters.faults += 1;
    const latin = join(dir, 'latin.py');
    const latinText = `# -*- coding: latin-1 -*-\n# Auteur: José Müller\n${readFileSync(STUBBED, 'utf8')}`;
    writeFileSync(latin, Buffer.from(latinText, 'latin1'));
    const before = readFileSync(latin);
    const r1 = await fill(ctx, dir, latin);
    const after = readFileSync(latin);
    const keptLine = after.includes(Buffer.from('# Auteur: José Müller\n', 'latin1'));
    const noReplacement = !after.includes(Buffer.from([0xef, 0xbf, 0xbd]));
    const held1 = refusedOrFilled(r1) && (r1.code === 2 ? after.equals(before) : keptLine && noReplacement);
    if (!held1) ctx.counters.filesDamaged += 1;
    checks.push(check('Latin-1 file: bytes outside the stubs kept (or refused, untouched)', held1, `exit ${r1.code}; declaration line kept ${keptLine}; U+FFFD absent ${noReplacement}`));

    // UTF-8 with a BOM: CPython accepts it, so must we; the BOM stays.
    ctx.counters.faults += 1;
    const bom = variant(dir, 'bom', (t) => `\ufeff${t}`);
    const r2 = await fill(ctx, dir, bom);
    const bomKept = readFileSync(bom).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
    checks.push(check('UTF-8 file with a BOM: filled, BOM kept', (r2.code === 0 || r2.code === 1) && bomKept, `exit ${r2.code}; ${r2.stderr.slice(0, 160)}`));

    // A private file stays private.
    ctx.counters.faults += 1;
    const priv = variant(dir, 'private', (t) => t);
    chmodSync(priv, 0o600);
    const r3 = await fill(ctx, dir, priv);
    const mode = statSync(priv).mode & 0o777;
    if (mode !== 0o600) ctx.counters.filesDamaged += 1;
    checks.push(check('0600 file keeps its mode', refusedOrFilled(r3) && mode === 0o600, `exit ${r3.code}; mode now ${mode.toString(8)}`));

    // A symlink stays a symlink; its target is filled (or the file refused, both untouched).
    ctx.counters.faults += 1;
    const target = variant(dir, 'target', (t) => t);
    const link = join(dir, 'link.py');
    symlinkSync(target, link);
    const targetBefore = readFileSync(target);
    const r4 = await fill(ctx, dir, link);
    const stillLink = lstatSync(link).isSymbolicLink();
    const targetChanged = !readFileSync(target).equals(targetBefore);
    const held4 = stillLink && (r4.code === 2 ? !targetChanged : targetChanged);
    if (!stillLink) ctx.counters.filesDamaged += 1;
    checks.push(check('symlink kept; its target filled, or refused untouched', held4, `exit ${r4.code}; still a link ${stillLink}; target changed ${targetChanged}`));

    // An implemented method with a TODO note about later work is not a stub.
    ctx.counters.faults += 1;
    const todo = variant(dir, 'todo', (t) => t.replace('    async def reserve_stock', `${IMPLEMENTED_WITH_TODO.slice(1)}\n    async def reserve_stock`));
    const r5 = await fill(ctx, dir, todo);
    const kept = readFileSync(todo, 'utf8').includes(IMPLEMENTED_WITH_TODO.trim());
    if (!kept) ctx.counters.filesDamaged += 1;
    checks.push(check('implemented method with a TODO note left as it was', refusedOrFilled(r5) && kept, `exit ${r5.code}`));

    // A file copied untouched as a control: the run must change it (the probe itself works).
    const control = join(dir, 'control.py');
    copyFileSync(STUBBED, control);
    const r6 = await fill(ctx, dir, control);
    checks.push(check('control: a plain stubbed file is filled', !readFileSync(control).equals(readFileSync(STUBBED)), `exit ${r6.code}; ${r6.stderr.slice(0, 160)}`));
    return checks;
  },
};
