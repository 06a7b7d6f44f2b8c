// Builds the SyntaxTree mirror of a tree-sitter tree in ONE cursor walk. With the wasm binding
// captured at load time (wasm-binding.ts) each step is a direct call into the module with the
// cursor left in tree-sitter's transfer buffer (no marshalling, no Node objects); without it the
// public TreeCursor API gives the same mirror, only slower.
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { lineStartsOf } from '../ranges.js';
import { SyntaxNode, SyntaxTree } from './syntax-node.js';
import type { WasmBinding } from './wasm-binding.js';

/** The cursor operations the walk needs; node-level facts for error trees come from `errorFacts`. */
interface CursorOps {
  typeId(): number;
  isNamed(typeId: number): boolean;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** isMissing and hasError of the current node (asked only when the tree has an error) */
  errorFacts(): { isMissing: boolean; hasError: boolean };
  done(): void;
}

export function buildSyntaxTree(tree: Tree, source: string, binding: WasmBinding | undefined): SyntaxTree {
  const mirror = new SyntaxTree(source, lineStartsOf(source));
  const language = tree.language;
  const { types, fields } = internedNames(language);
  const withErrors = tree.rootNode.hasError;
  const cursor = tree.walk();
  const ops = binding ? bindingOps(binding, tree, cursor) : cursorOps(cursor);
  const starts = mirror.lineStarts;
  let row = 0;
  let id = 0;
  let parent: SyntaxNode | null = null;
  let node: SyntaxNode;
  try {
    for (;;) {
      const typeId = ops.typeId();
      const start = ops.startIndex();
      // document order: starts never decrease, so the row only moves forward
      if (starts[row]! > start) row = 0;
      while (row + 1 < starts.length && starts[row + 1]! <= start) row++;
      const fieldId = ops.fieldId();
      node = new SyntaxNode(mirror, id++, types[typeId] ?? 'ERROR', ops.isNamed(typeId), start, ops.endIndex(), row, fieldId > 0 ? (fields[fieldId] ?? null) : null, parent);
      if (withErrors) {
        const facts = ops.errorFacts();
        node.isMissing = facts.isMissing;
        node.hasError = facts.hasError;
      }
      if (parent === null) mirror.rootNode = node;
      if (ops.gotoFirstChild()) {
        parent = node;
        continue;
      }
      while (!ops.gotoNextSibling()) {
        if (!ops.gotoParent()) {
          mirror.finish();
          return mirror;
        }
        node = parent!;
        parent = node.parent;
      }
    }
  } finally {
    ops.done();
  }
}

const namesByLanguage = new WeakMap<Language, { types: string[]; fields: (string | null)[] }>();

/**
 * The language's type and field names as internalized strings: web-tree-sitter decodes them from
 * wasm memory, and V8 compares such strings char by char (every `node.type === '...'` of every
 * check); a string that has been a property key compares by pointer.
 */
function internedNames(language: Language): { types: string[]; fields: (string | null)[] } {
  let names = namesByLanguage.get(language);
  if (!names) {
    const intern = <T extends string | null>(s: T): T => (s === null ? s : (Object.keys({ [s]: 0 })[0] as T));
    names = { types: language.types.map(intern), fields: language.fields.map(intern) };
    namesByLanguage.set(language, names);
  }
  return names;
}

function cursorOps(cursor: TreeCursor): CursorOps {
  return {
    typeId: () => cursor.nodeTypeId,
    isNamed: () => cursor.nodeIsNamed,
    fieldId: () => cursor.currentFieldId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
    errorFacts: () => {
      const node = cursor.currentNode;
      return { isMissing: node.isMissing, hasError: node.hasError };
    },
    done: () => cursor.delete(),
  };
}

// web-tree-sitter's TreeCursor keeps its 4-word state in JS and copies it into the transfer buffer
// before every call; the walk instead leaves it there (goto* calls write the moved cursor back).
function bindingOps(b: WasmBinding, tree: Tree, cursor: TreeCursor): CursorOps {
  const t = (tree as unknown as Record<number, number>)[0]!;
  const buffer = b.transferBuffer >> 2;
  const state = cursor as unknown as Record<number, number>;
  const save = (): number[] => {
    const heap = b.module.HEAP32;
    return [heap[buffer]!, heap[buffer + 1]!, heap[buffer + 2]!, heap[buffer + 3]!];
  };
  const load = (words: number[]): void => {
    const heap = b.module.HEAP32;
    for (let i = 0; i < 4; i++) heap[buffer + i] = words[i]!;
  };
  load([state[0]!, state[1]!, state[2]!, state[3]!]);
  const m = b.module;
  const named = b.namedByTypeId;
  return {
    typeId: () => m._ts_tree_cursor_current_node_type_id_wasm(t),
    isNamed: (typeId) => {
      let v = named.get(typeId);
      if (v === undefined) named.set(typeId, (v = m._ts_tree_cursor_current_node_is_named_wasm(t) === 1));
      return v;
    },
    fieldId: () => m._ts_tree_cursor_current_field_id_wasm(t),
    startIndex: () => m._ts_tree_cursor_start_index_wasm(t),
    endIndex: () => m._ts_tree_cursor_end_index_wasm(t),
    gotoFirstChild: () => m._ts_tree_cursor_goto_first_child_wasm(t) === 1,
    gotoNextSibling: () => m._ts_tree_cursor_goto_next_sibling_wasm(t) === 1,
    gotoParent: () => m._ts_tree_cursor_goto_parent_wasm(t) === 1,
    errorFacts: () => {
      const isMissing = m._ts_tree_cursor_current_node_is_missing_wasm(t) === 1;
      const words = save();
      m._ts_tree_cursor_current_node_wasm(t); // writes the node where the cursor was
      const hasError = m._ts_node_has_error_wasm(t) === 1;
      load(words);
      return { isMissing, hasError };
    },
    done: () => {
      const words = save();
      for (let i = 0; i < 4; i++) state[i] = words[i]!;
      cursor.delete();
    },
  };
}
