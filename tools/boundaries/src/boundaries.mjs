// The dependency direction of DESIGN.md, enforced by ESLint. Each workspace project's package.json
// carries nx tags: `scope:leaf|core|app|tool` and, for everything but tools, `layer:N`. A project's
// source may import another project only when that project's layer is lower (onex 0 → validator,
// llm-effect, metrics, sandbox 1 → node-source, pattern-library, fallback 2 → context-builder 3 →
// app 4); tools may import anything and nothing but tools may import a tool. The nx plugin
// `@nx/enforce-module-boundaries` would read the same tags, but @nx plugins lag core here
// (TOOLCHAIN.md), so the rule is ESLint's own `no-restricted-imports`, generated per project.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const PROJECT_DIRS = ['packages', 'apps', 'tools'];

/** Public entries only: never a package's src/ or dist/ (applies everywhere). */
export const INTERNALS_PATTERN = {
  group: ['@onexgen/*/src/*', '@onexgen/*/dist/*'],
  message: 'import another package through its public entry (@onexgen/x or an exported subpath), never its src/ or dist/',
};

/** Every workspace project: name, folder, tags, scope and layer. */
export function readProjects(root) {
  const projects = [];
  for (const dir of PROJECT_DIRS) {
    const base = join(root, dir);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const file = join(base, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      const tags = pkg.nx?.tags ?? [];
      const scope = tags.find((t) => t.startsWith('scope:'))?.slice('scope:'.length);
      const layerTag = tags.find((t) => t.startsWith('layer:'));
      projects.push({
        name: pkg.name,
        root: `${dir}/${entry.name}`,
        tags,
        scope,
        layer: layerTag === undefined ? undefined : Number(layerTag.slice('layer:'.length)),
      });
    }
  }
  return projects;
}

/** What `project` may not import, with the reason a reader sees in the lint error. */
export function forbiddenFor(project, projects) {
  if (project.scope === 'tool') return [];
  const out = [];
  for (const other of projects) {
    if (other.name === project.name) continue;
    let why;
    if (other.scope === 'tool') why = `${other.name} is a tool (scope:tool): no package or app depends on a tool`;
    else if (other.layer >= project.layer) {
      why = `${project.name} (layer ${project.layer}) may import only lower layers; ${other.name} is layer ${other.layer} (DESIGN.md: dependencies point down, never back)`;
    }
    if (why) out.push({ group: [other.name, `${other.name}/*`], message: why });
  }
  return out;
}

/** Problems with the tags themselves (a project without scope or layer escapes the rule). */
export function tagProblems(projects) {
  const problems = [];
  for (const p of projects) {
    if (!['leaf', 'core', 'app', 'tool'].includes(p.scope)) problems.push(`${p.root}: package.json nx.tags needs scope:leaf|core|app|tool`);
    if (p.scope !== 'tool' && !Number.isInteger(p.layer)) problems.push(`${p.root}: package.json nx.tags needs layer:N`);
  }
  return problems;
}

/** ESLint flat-config blocks: one per project, each with the full pattern list (options do not merge). */
export function boundaryConfigs(root) {
  const projects = readProjects(root);
  const problems = tagProblems(projects);
  if (problems.length > 0) throw new Error(`module boundaries: ${problems.join('; ')}`);
  return projects.map((project) => ({
    files: [`${project.root}/src/**/*.{ts,mts,cts,js,mjs}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [INTERNALS_PATTERN, ...forbiddenFor(project, projects)] }],
    },
  }));
}
