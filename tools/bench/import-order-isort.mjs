#!/usr/bin/env node
// node-source's import ordering (sortImports) against Debian's isort (`python3-isort`, profile
// black) on generated import blocks: how many files come out byte-identical. Printed, never asserted.
//   apt-get install python3-isort   # once
//   npx tsx --tsconfig tsconfig.base.json tools/bench/import-order-isort.mjs [--n 300]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import prand from 'pure-rand';
import { loadPythonParser } from '@onexgen/response-validator';
import { sortImports } from '@onexgen/node-source';

const { values } = parseArgs({ options: { n: { type: 'string', default: '300' } } });
const N = Number(values.n);
const POOL = [
  'import os', 'import sys', 'import json', 'import time', 'import asyncio', 'import re', 'import asyncpg', 'import httpx',
  'import Zlib_like', 'import yaml', 'import os.path', 'import numpy as np', 'import json, asyncpg',
  'from typing import Any', 'from typing import Optional, Dict', 'from uuid import uuid4', 'from datetime import datetime, timezone',
  'from decimal import Decimal, ROUND_HALF_EVEN', 'from collections import Counter, defaultdict', 'from __future__ import annotations',
  'from omnibase_core import ModelOnexError, EnumCoreErrorCode', 'from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel',
  'from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event', 'from omnibase_core.models.core import ModelContainer',
  'from omnibase_core.nodes.node_effect import NodeEffect', 'from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect',
  'from omnibase_core.models.contracts.model_contract_effect import ModelContractEffectWithAVeryLongName, ModelContractEffect',
  'from .models import ModelUserInput, ModelUserOutput', 'from ..shared import helpers', 'from pydantic import BaseModel, Field, MAX_X',
  'from aiokafka import AIOKafkaProducer', 'from httpx import AsyncClient, Timeout, HTTPError', 'from typing import cast, TYPE_CHECKING',
];
let rng = prand.xoroshiro128plus(7);
const next = (max) => {
  const [v, r] = prand.uniformIntDistribution(0, max - 1, rng);
  rng = r;
  return v;
};
const dir = mkdtempSync(join(tmpdir(), 'isort-cmp-'));
const files = [];
for (let i = 0; i < N; i++) {
  const lines = [...POOL];
  for (let j = lines.length - 1; j > 0; j--) {
    const k = next(j + 1);
    [lines[j], lines[k]] = [lines[k], lines[j]];
  }
  const name = `c${String(i).padStart(4, '0')}.py`;
  writeFileSync(join(dir, name), `"""Doc."""\n\n${lines.slice(0, 2 + next(11)).join('\n')}\n\n\nclass X:\n    pass\n`);
  files.push(name);
}
mkdirSync(join(dir, 'isort'));
for (const f of files) cpSync(join(dir, f), join(dir, 'isort', f));
execFileSync('/usr/bin/python3', ['-m', 'isort', '--profile', 'black', '-q', ...files.map((f) => join(dir, 'isort', f))]);
const parser = await loadPythonParser();
let same = 0;
const differ = [];
for (const f of files) {
  const ours = sortImports(parser, readFileSync(join(dir, f), 'utf8')).source;
  if (ours === readFileSync(join(dir, 'isort', f), 'utf8')) same++;
  else differ.push(f);
}
const version = execFileSync('/usr/bin/python3', ['-c', 'import isort; print(isort.__version__)'], { encoding: 'utf8' }).trim();
console.log(`sortImports vs isort ${version} --profile black: ${same}/${N} files byte-identical${differ.length ? `; differ: ${differ.slice(0, 10).join(', ')} (in ${dir})` : ''}`);
if (!differ.length) rmSync(dir, { recursive: true, force: true });
