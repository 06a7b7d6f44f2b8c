// The live tree withTree/withFragmentTree hand over, typed by this package: a web-tree-sitter Tree at
// run time, declared here member by member so that the package's .d.ts never imports
// web-tree-sitter's (whose Parser.init names Emscripten's global types, an error for consumers that
// compile with skipLibCheck: false). tree-sitter-python-parser.ts proves at compile time that
// web-tree-sitter's Tree satisfies these interfaces.

/** 0-based row and column (web-tree-sitter's Point). */
export interface LivePoint {
  row: number;
  column: number;
}

/** The members of a web-tree-sitter Node callers may read (positions in UTF-16 units of the source). */
export interface LiveNode {
  readonly id: number;
  readonly type: string;
  readonly typeId: number;
  readonly isNamed: boolean;
  readonly isError: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: LivePoint;
  readonly endPosition: LivePoint;
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly children: LiveNode[];
  readonly namedChildren: LiveNode[];
  readonly parent: LiveNode | null;
  readonly nextSibling: LiveNode | null;
  readonly previousSibling: LiveNode | null;
  readonly nextNamedSibling: LiveNode | null;
  readonly previousNamedSibling: LiveNode | null;
  child(index: number): LiveNode | null;
  namedChild(index: number): LiveNode | null;
  childForFieldName(fieldName: string): LiveNode | null;
  childrenForFieldName(fieldName: string): LiveNode[];
  descendantsOfType(types: string | string[], startPosition?: LivePoint, endPosition?: LivePoint): LiveNode[];
  descendantForIndex(start: number, end?: number): LiveNode | null;
  namedDescendantForIndex(start: number, end?: number): LiveNode | null;
  toString(): string;
}

/** A parsed tree: valid only inside the callback it is handed to (it is deleted afterwards). */
export interface LiveTree {
  readonly rootNode: LiveNode;
}
