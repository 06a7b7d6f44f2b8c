// Recommends mixins from node type, canonical features, the chosen variant and the mixins the
// contract already declares. Mixins, their triggers, dependencies and conflicts are data
// (data/mixins.yaml); dependencies are added, conflicts resolved in favour of the stronger claim.
import { loadMixinsData } from '../data/load-data.js';
import type { Mixin, MixinsFile } from '../data/data-files.js';
import type { NodeType } from '@onexgen/onex';

export interface MixinQuery {
  nodeType: NodeType;
  features: readonly string[];
  /** mixins suggested by the selected variant */
  variantMixins?: readonly string[];
  /** mixins the contract declares (confidence 1) */
  declared?: readonly string[];
  /** default 6 */
  limit?: number;
}

export interface MixinRecommendation {
  id: string;
  className: string;
  /** 0..1 */
  confidence: number;
  provides: string;
  usage: string;
  reasons: string[];
}

export interface MixinRecommender {
  recommend(query: MixinQuery): MixinRecommendation[];
  readonly mixins: readonly Mixin[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function createMixinRecommender(data: MixinsFile = loadMixinsData()): MixinRecommender {
  const byId = new Map(data.mixins.map((m) => [m.id, m]));
  const order = new Map(data.mixins.map((m, i) => [m.id, i]));

  return {
    mixins: data.mixins,
    recommend({ nodeType, features, variantMixins = [], declared = [], limit = 6 }) {
      const wanted = new Set(features);
      const picked = new Map<string, { confidence: number; reasons: string[] }>();
      const applies = (m: Mixin) => m.nodeTypes.length === 0 || m.nodeTypes.includes(nodeType);

      for (const id of declared) {
        if (byId.has(id)) picked.set(id, { confidence: 1, reasons: ['declared by the contract'] });
      }
      for (const m of data.mixins) {
        if (picked.has(m.id) || !applies(m)) continue;
        const hits = m.triggers.filter((t) => wanted.has(t));
        const suggested = variantMixins.includes(m.id);
        if (hits.length === 0 && !suggested) continue;
        const reasons: string[] = [];
        let confidence = data.baseConfidence;
        if (hits.length > 0) {
          confidence += data.perTrigger * hits.length;
          reasons.push(`features: ${hits.join(', ')}`);
        }
        if (suggested) {
          confidence += data.variantBoost;
          reasons.push('suggested by the selected variant');
        }
        picked.set(m.id, { confidence: Math.min(0.99, confidence), reasons });
      }

      // Dependencies come with what needs them, at the needing mixin's confidence.
      for (const [id, rec] of [...picked]) {
        for (const dep of byId.get(id)?.requires ?? []) {
          const existing = picked.get(dep);
          if (!existing) picked.set(dep, { confidence: rec.confidence, reasons: [`required by ${id}`] });
          else if (!existing.reasons.includes(`required by ${id}`)) existing.reasons.push(`required by ${id}`);
        }
      }

      // Rank: confidence, then mixins wanted for themselves before those only required, then data
      // order. Conflicts are resolved in that order, so the stronger claim stays.
      const onlyRequired = (id: string) => (picked.get(id)!.reasons.every((r) => r.startsWith('required by')) ? 1 : 0);
      const sorted = [...picked.keys()].sort(
        (a, b) =>
          picked.get(b)!.confidence - picked.get(a)!.confidence ||
          onlyRequired(a) - onlyRequired(b) ||
          (order.get(a) ?? 0) - (order.get(b) ?? 0),
      );
      const kept: string[] = [];
      for (const id of sorted) {
        const m = byId.get(id)!;
        const clash = kept.find((k) => m.conflicts.includes(k) || byId.get(k)!.conflicts.includes(id));
        if (!clash && !declared.some((d) => m.conflicts.includes(d))) kept.push(id);
      }

      // the limit never separates a mixin from what it requires
      const chosen = kept.slice(0, limit);
      for (const id of [...chosen]) for (const dep of byId.get(id)!.requires) if (!chosen.includes(dep) && kept.includes(dep)) chosen.push(dep);
      return chosen.map((id) => {
        const m = byId.get(id)!;
        const rec = picked.get(id)!;
        return { id, className: m.className, confidence: round2(rec.confidence), provides: m.provides, usage: m.usage, reasons: rec.reasons };
      });
    },
  };
}
