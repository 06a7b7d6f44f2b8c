// XML parsed with a parser that expands entities (billion laughs) or fetches external ones (XXE):
// the standard library's xml.etree / minidom / pulldom / sax / expatbuilder on non-literal input,
// and lxml unless its parser sets resolve_entities=False. defusedxml is the fix.
import type { SyntaxNode as Node } from '../../parser/mirror/syntax-node.js';
import type { Rule, RuleContext } from '../rule.js';
import { isFalse, isPlainString, isTrue, unwrap } from '../tree/nodes.js';
import { oncePerLine } from './once-per-line.js';

const STDLIB = /^xml\.(etree\.(c?ElementTree)\.(parse|iterparse|fromstring|fromstringlist|XML|XMLID)|dom\.(minidom|pulldom|expatbuilder)\.(parse|parseString)|sax\.(parse|parseString|make_parser))$/;
const LXML = /^lxml\.(etree|objectify)\.(parse|fromstring|XML|iterparse|fromstringlist)$/;

export const xmlUnsafeParser: Rule = {
  id: 'security/xml-unsafe-parser',
  category: 'security',
  severity: 'error',
  summary: 'XML parsed with entity expansion on (xml.etree/minidom/sax on untrusted input, lxml resolve_entities)',
  bandit: 'B313-B320',
  cwe: 'CWE-611',
  check(ctx) {
    const once = oncePerLine(ctx);
    const message = 'this parser expands entities (billion laughs, external entities): parse untrusted XML with defusedxml (defusedxml.ElementTree.fromstring)';
    for (const site of ctx.sites()) {
      const callee = site.callee.replace(/^xml\.etree\.cElementTree/, 'xml.etree.ElementTree');
      if (site.via === 'reference') continue;
      const input = site.positional[0] ?? site.keywords.get('source') ?? site.keywords.get('text');
      if (STDLIB.test(callee)) {
        if (callee.endsWith('make_parser') || !input || !isPlainString(input)) once(site.node, `${site.callee}(): ${message}`);
        continue;
      }
      if (callee === 'lxml.etree.XMLParser' || callee === 'lxml.objectify.makeparser') {
        if (isTrue(site.keywords.get('resolve_entities')) || isFalse(site.keywords.get('no_network'))) once(site.node, `lxml XMLParser(resolve_entities=True) reads external entities (XXE): pass resolve_entities=False, no_network=True`);
        continue;
      }
      if (LXML.test(callee) && input && !isPlainString(input)) {
        const parser = site.keywords.get('parser') ?? site.positional[1];
        if (!parser || !safeLxmlParser(ctx, parser)) once(site.node, `${site.callee}() without a parser that sets resolve_entities=False: ${message}`);
      }
    }
  },
};

function safeLxmlParser(ctx: RuleContext, parser: Node): boolean {
  const def = unwrap(ctx.names.definition(parser) ?? parser);
  if (def.type !== 'call') return false;
  const args = def.childForFieldName('arguments');
  return (args?.namedChildren ?? []).some((k) => k.type === 'keyword_argument' && k.childForFieldName('name')?.text === 'resolve_entities' && isFalse(k.childForFieldName('value') ?? undefined));
}
