// The mustache views of the six sections (documented in the README for template authors). Items
// (patterns, references, mixins) arrive already formatted; a view only places them.
import { loadOnexRulesData } from '../data/load-data.js';
import { nodeTypeFacts, type NodeType, type SectionId } from '@onexgen/onex';
import type { MixinRecommendation } from '../sources/mixin-recommender.js';
import type { VariantSelection } from '../sources/variant-selector.js';
import type { ContextSpec, MethodSpec } from '../spec/build-input.js';
import { tidy } from '../format/clean-code.js';
import { fenceFor, quoteSpecData } from '../format/spec-data.js';

export interface ViewInputs {
  spec: ContextSpec;
  method: MethodSpec;
  nodeType: NodeType;
  features: readonly string[];
  variant: VariantSelection;
  patternsAvailable: number;
  referencesAvailable: number;
}

export type ItemList = readonly { text: string }[];

function toPascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function formatMixin(m: MixinRecommendation): string {
  return `### ${m.className} (confidence ${m.confidence.toFixed(2)})\nProvides: ${m.provides}\nUsage: ${m.usage}\n`;
}

/**
 * A docstring as it sits under the signature: inspect.cleandoc's rule (first line trimmed, the rest
 * dedented), then every line after the first indented by the 4 spaces of the method body.
 */
export function docstringForSignature(text: string | undefined): string | undefined {
  if (!text?.trim()) return undefined;
  const [first = '', ...rest] = text.replace(/\r\n?/g, '\n').split('\n');
  const body = tidy(rest.join('\n'));
  // tidy drops leading blank lines: keep the one PEP 257 puts between summary and details
  const gap = body && first.trim() && rest.findIndex((l) => l.trim() !== '') > 0 ? [''] : [];
  const lines = [first.trim(), ...gap, ...(body ? body.split('\n') : [])];
  while (lines.length && lines[0] === '') lines.shift();
  return lines.map((l, i) => (i === 0 || l === '' ? l : `    ${l}`)).join('\n');
}

function performanceLines(spec: ContextSpec): string[] {
  const p = spec.performance;
  if (!p) return [];
  const lines: string[] = [];
  if (p.latencyP95Ms !== undefined) lines.push(`Latency: p95 under ${p.latencyP95Ms} ms`);
  if (p.throughputPerSecond !== undefined) lines.push(`Throughput: at least ${p.throughputPerSecond} operations per second`);
  if (p.timeoutSeconds !== undefined) lines.push(`Timeout: bound each external call by ${p.timeoutSeconds} s`);
  if (p.maxMemoryMb !== undefined) lines.push(`Memory: stay under ${p.maxMemoryMb} MB`);
  return [...lines, ...p.notes.map((n) => quoteSpecData(n))];
}

/** Error codes for the constraints section: always-on, by node type, by feature, then declared. */
export function chooseErrorCodes(nodeType: NodeType, features: readonly string[], declared: readonly string[]): string[] {
  const rules = loadOnexRulesData();
  const out: string[] = [];
  const add = (codes: readonly string[] | undefined) => {
    for (const c of codes ?? []) if (!out.includes(c) && !rules.forbiddenErrorCodes.includes(c)) out.push(c);
  };
  add(rules.errorCodes.always);
  add(rules.errorCodes.byNodeType[nodeType]);
  for (const f of features) add(rules.errorCodes.byFeature[f]);
  add(declared);
  return out;
}

/** Builds the view for one section; `items` replaces the list the section shows. */
export function sectionView(id: SectionId, inputs: ViewInputs, items: ItemList): object {
  const { spec, method, nodeType, variant } = inputs;
  const facts = nodeTypeFacts(nodeType);
  const rules = loadOnexRulesData();
  switch (id) {
    case 'system':
      return {
        onexRules: rules.onexRules,
        callForms: rules.callForms,
        hasCallForms: rules.callForms.length > 0,
        nodeType: { ...facts, title: facts.title.toUpperCase() },
        className: spec.className ?? `Node${toPascal(spec.name)}${toPascal(nodeType)}`,
        variant: { ...variant, confidenceText: variant.confidence.toFixed(2) },
        service: { name: spec.name, domain: spec.domain },
      };
    case 'operation': {
      // every string here comes from the user's spec: quoted, so it cannot close the data block
      const contract = spec.contract;
      const docstring = quoteSpecData(docstringForSignature(method.docstring));
      const signature = quoteSpecData(method.signature);
      return {
        fence: fenceFor(signature, docstring),
        method: {
          ...method,
          signature,
          docstring,
          description: quoteSpecData(method.description),
          inputModel: quoteSpecData(method.inputModel ?? contract?.inputModel),
          outputModel: quoteSpecData(method.outputModel ?? contract?.outputModel),
        },
        spec: {
          name: quoteSpecData(spec.name),
          domain: quoteSpecData(spec.domain),
          description: quoteSpecData(spec.description.trim()) || '(no description given)',
        },
        hasOperations: spec.operations.length > 0,
        operationList: quoteSpecData(spec.operations.map((o) => (o.description ? `${o.name} (${o.description})` : o.name)).join('; ')),
        hasIoOperations: (contract?.ioOperations.length ?? 0) > 0,
        ioOperations: contract?.ioOperations ?? [],
        hasExternalServices: (contract?.externalServices.length ?? 0) > 0,
        externalServiceList: quoteSpecData(contract?.externalServices.join(', ') ?? ''),
      };
    }
    case 'patterns':
      return { hasPatterns: items.length > 0, patterns: items, count: items.length, available: inputs.patternsAvailable };
    case 'references':
      return { hasReferences: items.length > 0, references: items, count: items.length, available: inputs.referencesAvailable };
    case 'constraints': {
      const perf = performanceLines(spec);
      return {
        securityRules: rules.securityRules,
        errorCodeList: chooseErrorCodes(nodeType, inputs.features, spec.contract?.errorCodes ?? []).join(', '),
        forbiddenList: rules.forbiddenErrorCodes.join(', '),
        hasPerformance: perf.length > 0,
        performance: perf,
        hasMixins: items.length > 0,
        mixins: items,
      };
    }
    case 'instructions':
      return {
        methodName: method.name,
        isAsync: method.async,
        outputModel: method.outputModel ?? spec.contract?.outputModel,
      };
  }
}
