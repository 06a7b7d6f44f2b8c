// extractCode: the Python code in an LLM answer, how it was found, and what was changed on the way.
import type { ParsedModule, PyImport, PythonParser } from '../parser/types.js';
import { getLoadedPythonParser } from '../parser/index.js';
import type { ExtractionResult, RequiredImport } from '../validation/validation-types.js';
import { chooseBlocks } from './choose-blocks.js';
import { findFencedBlocks } from './fences.js';
import { dedent, expandLeadingTabs, normalizeAnswer, trimBlankEdges } from './normalize.js';
import { type Reduction, reduceToBody } from './reduce-definition.js';
import { stripTopLevelImports } from './strip-imports.js';

export interface ExtractOptions {
  /** 'body' (default): a method body was asked for; whole definitions are reduced and imports removed.
   *  'module': a whole file was asked for; code is returned as found. */
  expect?: 'body' | 'module';
  /** the method asked for: picks among several blocks and among a returned class's methods */
  methodName?: string;
  /** what to do with the docstring of a returned definition when reducing it to the body (default 'drop') */
  docstring?: 'keep' | 'drop';
  /** a loaded parser; defaults to the process's warm one (createValidator/loadPythonParser load it) */
  parser?: PythonParser;
  /**
   * 'body' only: the code parsed by the caller as a method body (its checks need that parse anyway),
   * asked before extraction parses it as a module to find a whole definition to reduce or imports to
   * move. 'plain': the parse was valid and no statement of the body is a definition, a class or an
   * import, so nothing is reduced or moved. The body's imports (in its own positions): the parse was
   * valid, no statement is a definition or a class, and these are moved as a module parse's would be.
   * undefined: extraction parses the code as a module itself.
   */
  bodyParse?: (code: string) => BodyParse | undefined;
}

/** What a caller's parse of the code as a method body tells extraction (ExtractOptions.bodyParse). */
export type BodyParse = 'plain' | { imports: PyImport[] };

/** How many prose lines may be trimmed from each end of an unfenced answer to make it parse. */
const MAX_PROSE_LINES = 3;

export function extractCode(answer: string, options: ExtractOptions = {}): ExtractionResult {
  const expect = options.expect ?? 'body';
  const parser = options.parser ?? getLoadedPythonParser();
  const { text, warnings } = normalizeAnswer(answer);
  if (!parser) warnings.push('no Python parser loaded: definition reduction, import detection and prose trimming skipped');

  const blocks = findFencedBlocks(text);
  const chosen = blocks.length ? chooseBlocks(blocks, parser, options.methodName) : undefined;
  let method: ExtractionResult['method'];
  let code: string;
  if (chosen) {
    warnings.push(...chosen.warnings);
    ({ code, method } = chosen);
  } else {
    if (blocks.length) warnings.push('no fenced block is Python: the answer text is taken as code');
    code = text;
    method = 'raw';
  }
  code = trimBlankEdges(dedent(expandLeadingTabs(code, warnings)));
  if (code === '') return { code: '', method: 'empty', imports: [], requiredImports: [], warnings: [...warnings, 'the answer holds no code'] };
  if (!parser) return { code, method, imports: [], requiredImports: [], warnings };

  if (method === 'raw') code = trimProse(code, parser, warnings);
  if (expect === 'module') return { code, method, imports: [], requiredImports: [], warnings };
  // a valid body's own statements are the top-level statements a module parse of it finds
  const parsedBody = options.bodyParse?.(code);
  if (parsedBody === 'plain') return { code, method, imports: [], requiredImports: [], warnings };

  let module: Pick<ParsedModule, 'source' | 'imports'>;
  let reduction: Reduction | undefined;
  if (parsedBody) {
    // a body with no definition among its statements has nothing to reduce: its imports are all it needs
    module = { source: code, imports: parsedBody.imports };
  } else {
    const whole = parser.parse(code);
    module = whole;
    reduction = reduceToBody(whole, { methodName: options.methodName, docstring: options.docstring ?? 'drop' });
  }
  let reducedFrom: ExtractionResult['reducedFrom'];
  const imports: string[] = [];
  const requiredImports: RequiredImport[] = [];
  if (reduction) {
    const before = stripTopLevelImports(module);
    imports.push(...before.imports);
    requiredImports.push(...before.required);
    warnings.push(...reduction.warnings);
    reducedFrom = reduction.reducedFrom;
    code = reduction.code;
    module = parser.parse(code);
  }
  const stripped = stripTopLevelImports(module);
  if (stripped.imports.length || imports.length) {
    imports.push(...stripped.imports);
    requiredImports.push(...stripped.required);
    code = trimBlankEdges(stripped.code);
    warnings.push(`moved ${imports.length} import line(s) the model added out of the body: the file's import block needs them (see requiredImports)`);
  }
  return { code, method, ...(reducedFrom ? { reducedFrom } : {}), imports, requiredImports, warnings };
}

/** An unfenced answer with a sentence before or after the code: drop the fewest edge lines that make it parse. */
function trimProse(code: string, parser: PythonParser, warnings: string[]): string {
  if (parser.parse(code).syntaxValid) return code;
  const lines = code.split('\n');
  for (let total = 1; total <= 2 * MAX_PROSE_LINES; total++) {
    for (let head = Math.min(total, MAX_PROSE_LINES); head >= 0; head--) {
      const tail = total - head;
      if (tail > MAX_PROSE_LINES || head + tail >= lines.length) continue;
      const candidate = trimBlankEdges(dedent(lines.slice(head, lines.length - tail).join('\n')));
      if (candidate !== '' && parser.parse(candidate).syntaxValid) {
        warnings.push(`removed ${head} leading and ${tail} trailing line(s) of prose around unfenced code`);
        return candidate;
      }
    }
  }
  return code;
}
