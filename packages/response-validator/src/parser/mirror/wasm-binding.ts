// The Emscripten module behind web-tree-sitter, captured when Parser.init() runs: Emscripten fills
// the options object passed to init with the module's exports (Module = moduleArg), so the
// cursor functions can be called directly (build-mirror.ts). Absent or incomplete: undefined, and
// the mirror is built through the public TreeCursor API instead.

type Fn = (tree: number) => number;

export interface WasmModule {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm: Fn;
  _ts_tree_cursor_current_node_is_named_wasm: Fn;
  _ts_tree_cursor_current_node_is_missing_wasm: Fn;
  _ts_tree_cursor_current_field_id_wasm: Fn;
  _ts_tree_cursor_start_index_wasm: Fn;
  _ts_tree_cursor_end_index_wasm: Fn;
  _ts_tree_cursor_goto_first_child_wasm: Fn;
  _ts_tree_cursor_goto_next_sibling_wasm: Fn;
  _ts_tree_cursor_goto_parent_wasm: Fn;
  _ts_tree_cursor_current_node_wasm: Fn;
  _ts_node_has_error_wasm: Fn;
}

export interface WasmBinding {
  module: WasmModule;
  transferBuffer: number;
  /** isNamed per (alias-aware) symbol id: constant per symbol, asked once */
  namedByTypeId: Map<number, boolean>;
}

const FUNCTIONS = [
  '_ts_init',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_wasm',
  '_ts_node_has_error_wasm',
] as const;

/** The binding from the object given to Parser.init(), or undefined when it lacks what the walk uses. */
export function captureBinding(moduleOptions: Record<string, unknown>): WasmBinding | undefined {
  if (!(moduleOptions.HEAP32 instanceof Int32Array)) return undefined;
  if (!FUNCTIONS.every((name) => typeof moduleOptions[name] === 'function')) return undefined;
  const module = moduleOptions as unknown as WasmModule;
  return { module, transferBuffer: module._ts_init(), namedByTypeId: new Map() };
}
