// Import order as isort/ruff give it, checked through the parser's view of the result (sections,
// statement kinds, module and name order read from its import nodes), plus one exact text that
// Debian's isort 5.6.4 (--profile black) wrote for the same input.
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadPythonParser, type PyImport, type PythonParser } from '@onexgen/response-validator';
import { importsSorted, mergeImports, removeUnusedImports, sectionOf, sortImports, tidyGeneratedImports } from '../src/index.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const MESSY = `"""Doc."""

import time
from omnibase_core.nodes.node_effect import NodeEffect
import asyncpg, json
from typing import Any, Optional
from uuid import uuid4
from .models import ModelB, ModelA
from omnibase_core import ModelOnexError, EnumCoreErrorCode, CONSTANT_X, helper_fn
from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from __future__ import annotations
from ..shared import thing
from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect, ModelContractEffectInputStateWithLongName
import Zlib_like
from typing import Dict


class X:
    pass
`;

// written by `python3 -m isort --profile black` (isort 5.6.4) from MESSY
const ISORT = `"""Doc."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, Optional
from uuid import uuid4

import asyncpg
import Zlib_like
from omnibase_core import CONSTANT_X, EnumCoreErrorCode, ModelOnexError, helper_fn
from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.models.contracts.model_contract_effect import (
    ModelContractEffect,
    ModelContractEffectInputStateWithLongName,
)
from omnibase_core.nodes.node_effect import NodeEffect

from ..shared import thing
from .models import ModelA, ModelB


class X:
    pass
`;

const SECTIONS = ['future', 'stdlib', 'thirdparty', 'firstparty', 'local'];
const nameRank = (n: string) => (n.length > 1 && n === n.toUpperCase() ? 0 : /^[A-Z]/.test(n) ? 1 : 2);

/** Every ordering rule, read from the parser's import nodes of the result. */
function expectIsortOrder(source: string): void {
  const imports = parser.parse(source).imports.filter((i) => i.range.startColumn === 1);
  const key = (i: PyImport) => [SECTIONS.indexOf(sectionOf(i.module)), i.kind === 'from' ? 1 : 0, i.module.toLowerCase()] as const;
  for (let k = 1; k < imports.length; k++) {
    const [a, b] = [key(imports[k - 1]!), key(imports[k]!)];
    expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] <= b[2])))).toBe(true);
    // sections are one blank line apart, lines within a section none
    const gap = source.slice(imports[k - 1]!.range.endIndex, imports[k]!.range.startIndex);
    expect(gap).toBe(a[0] === b[0] ? '\n' : '\n\n');
  }
  for (const imp of imports) {
    if (imp.kind === 'import') expect(imp.names).toHaveLength(1);
    const ranks = imp.names.map((n) => [nameRank(n.name), n.name.toLowerCase()] as const);
    for (let k = 1; k < ranks.length; k++) {
      const [[pr, pn], [r, n]] = [ranks[k - 1]!, ranks[k]!];
      expect(pr < r || (pr === r && pn <= n)).toBe(true);
    }
  }
}

describe('sortImports', () => {
  test('gives exactly what isort --profile black gives, and the parser sees every ordering rule hold', () => {
    const { source, changed } = sortImports(parser, MESSY);
    expect(changed).toBe(true);
    expect(source).toBe(ISORT);
    expectIsortOrder(source);
    expect(importsSorted(parser.parse(source))).toBe(true);
    expect(importsSorted(parser.parse(MESSY))).toBe(false);
    expect(sortImports(parser, ISORT)).toEqual({ source: ISORT, changed: false });
  });

  test('a comment between imports ends the block: what follows it stays where it is', () => {
    const src = 'import time\nimport asyncpg\n# tools\nimport json\n';
    expect(sortImports(parser, src).source).toBe('import time\n\nimport asyncpg\n# tools\nimport json\n');
  });
});

describe('a person\'s file and a generated one', () => {
  test('mergeImports leaves a person\'s import block as it was; tidyGeneratedImports puts the new lines in their sections', () => {
    const sorted = 'from typing import Any\n\nfrom omnibase_core import ModelOnexError\n\nfrom .models import ModelA\n\n\nclass X:\n    def f(self, a: ModelA) -> Any:\n        raise ModelOnexError(json.dumps(asyncpg.x), uuid4())\n';
    const merged = mergeImports(parser, sorted, ['import json', 'import asyncpg', 'from uuid import uuid4']);
    expect(merged.source.startsWith('from typing import Any\n\nfrom omnibase_core import ModelOnexError\nimport json\nimport asyncpg\nfrom uuid import uuid4\n')).toBe(true);
    const tidy = tidyGeneratedImports(parser, merged.source).source;
    expect(tidy.startsWith('import json\nfrom typing import Any\nfrom uuid import uuid4\n\nimport asyncpg\nfrom omnibase_core import ModelOnexError\n\nfrom .models import ModelA\n\n\nclass X:')).toBe(true);
    expectIsortOrder(tidy);
  });
});

describe('unused imports', () => {
  test('names never used are removed, a used one or one a string names is kept; tidy then sorts', () => {
    const src = [
      'from typing import Any, Optional',
      'import json',
      'import os.path',
      'from omnibase_core import EnumCoreErrorCode, ModelOnexError',
      'from .models import ModelA, ModelB',
      '',
      '',
      'class X:',
      '    def f(self, a: "ModelB") -> Any:',
      '        raise ModelOnexError("x", error_code=EnumCoreErrorCode.VALIDATION_ERROR)',
      '',
    ].join('\n');
    const { source, removed } = removeUnusedImports(parser, src);
    expect(removed.sort()).toEqual(['ModelA', 'Optional', 'json', 'os.path']);
    expect(source.split('\n').slice(0, 3)).toEqual(['from typing import Any', 'from omnibase_core import EnumCoreErrorCode, ModelOnexError', 'from .models import ModelB']);
    const tidy = tidyGeneratedImports(parser, src).source;
    expect(tidy.startsWith('from typing import Any\n\nfrom omnibase_core import EnumCoreErrorCode, ModelOnexError\n\nfrom .models import ModelB\n\n\nclass X:')).toBe(true);
    expectIsortOrder(tidy);
  });

  test('a removed last section leaves the two blank lines isort puts before a class, not its gap as well', () => {
    // a generated node: the skeleton's block, a line an answer added, the relative section unused
    const block = ['from typing import Any, Protocol', '', 'from omnibase_core import ModelOnexError', 'import time', '', 'from .models import ModelIn, ModelOut'];
    const tail = ['', '', 'class X:', '    def f(self) -> Any:', '        raise ModelOnexError(time.time())', ''];
    const tidy = tidyGeneratedImports(parser, [...block, ...tail].join('\n'));
    expect(tidy.removed.sort()).toEqual(['ModelIn', 'ModelOut', 'Protocol']);
    expect(tidy.source).toBe(['import time', 'from typing import Any', '', 'from omnibase_core import ModelOnexError', ...tail].join('\n'));
    expectIsortOrder(tidy.source);
    // the same with CRLF, and with two unused sections in a row (the gaps between them go too)
    const crlf = tidyGeneratedImports(parser, [...block, ...tail].join('\r\n')).source;
    expect(crlf).toBe(tidy.source.replace(/\n/g, '\r\n'));
    const two = tidyGeneratedImports(parser, ['import time', '', 'import redis', '', 'from .models import ModelIn', '', '', 'class X:', '    t = time', ''].join('\n')).source;
    expect(two).toBe(['import time', '', '', 'class X:', '    t = time', ''].join('\n'));
  });

  test('a class a docstring only mentions is unused (ruff F401), one a forward reference names is not', () => {
    const src = [
      'from .models import ModelIn, ModelOut',
      '',
      '',
      'class X:',
      '    """Returns ModelOut."""',
      '',
      '    def f(self, a: "ModelIn") -> dict:',
      '        """The result as ModelOut."""',
      '        return {}',
      '',
    ].join('\n');
    const { source, removed } = removeUnusedImports(parser, src);
    expect(removed).toEqual(['ModelOut']);
    expect(source.split('\n')[0]).toBe('from .models import ModelIn');
  });
});

describe('tidyGeneratedImports parses the file once', () => {
  // the same text as removing the unused imports and then sorting the block with a parse of its own
  const body = '\n\nclass X:\n    def f(self, a: "ModelB") -> Any:\n        return ModelOnexError(json.dumps(a), uuid4(), Path("x"))\n';
  const files: [string, string][] = [
    ['nothing to remove', 'from typing import Any\nimport json\nfrom uuid import uuid4\nfrom pathlib import Path\nfrom omnibase_core import ModelOnexError\nfrom .models import ModelB\n' + body],
    ['unused names in every section', 'from typing import Any, Optional\nimport os\nimport json\n\nfrom uuid import uuid4\nfrom pathlib import Path\nimport asyncpg\nfrom omnibase_core import ModelOnexError, EnumX\n\nfrom .models import ModelA, ModelB\n' + body],
    ['the last import removed', '"""Doc."""\nfrom typing import Any\nimport json\nfrom uuid import uuid4\nfrom pathlib import Path\nfrom omnibase_core import ModelOnexError\nfrom .models import ModelB\nimport unused_last\n' + body],
    ['a whole section removed, its gap too', 'from typing import Any\nimport json\nfrom uuid import uuid4\nfrom pathlib import Path\n\nimport asyncpg\nimport redis\n\nfrom omnibase_core import ModelOnexError\nfrom .models import ModelB\n' + body],
    ['an import after code', 'from typing import Any\nimport json\nfrom uuid import uuid4\nfrom pathlib import Path\nfrom omnibase_core import ModelOnexError\n\nX = 1\nfrom .models import ModelB, ModelC\nimport late_unused\n' + body],
    ['a comment inside the block', 'from typing import Any, Optional\nimport json\n# first party below\nfrom uuid import uuid4\nfrom pathlib import Path\nfrom omnibase_core import ModelOnexError\nfrom .models import ModelB\n' + body],
    ['CRLF and a wrapped import', ('from typing import (\n    Any,\n    Optional,\n)\nimport json\nfrom uuid import uuid4\nfrom pathlib import Path\nfrom omnibase_core import ModelOnexError\nfrom .models import ModelB\n' + body).replace(/\n/g, '\r\n')],
    ['every import unused', 'import os\nimport sys\n\n\nclass X:\n    pass\n'],
    ['a future import and a star', 'from __future__ import annotations\nfrom typing import Any, Optional\nfrom os.path import *\nimport json\nfrom uuid import uuid4\nfrom pathlib import Path\nfrom omnibase_core import ModelOnexError\nfrom .models import ModelB\n' + body],
  ];
  test.each(files)('%s', (_what, src) => {
    const pruned = removeUnusedImports(parser, src);
    const expected = sortImports(parser, pruned.source).source;
    const tidy = tidyGeneratedImports(parser, src);
    expect(tidy.removed).toEqual(pruned.removed);
    expect(tidy.source).toBe(expected);
  });
});
