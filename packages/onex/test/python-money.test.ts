import { describe, expect, it } from '@jest/globals';
import {
  formatUsd,
  isPythonIdentifier,
  microsToUsd,
  nodeClassName,
  pascalCase,
  pyString,
  pythonDocText,
  pythonIdentifierSchema,
  snakeCase,
  usdToMicros,
} from '@onexgen/onex';

describe('python names', () => {
  it('converts service names to class and module names', () => {
    for (const name of ['mysql adapter', 'mysql-adapter', 'MysqlAdapter', 'mysql_adapter']) {
      expect(pascalCase(name)).toBe('MysqlAdapter');
      expect(snakeCase(name)).toBe('mysql_adapter');
    }
    expect(pascalCase('user store 2')).toBe('UserStore2');
    expect(nodeClassName('mysql_effect', 'Effect')).toBe('NodeMysqlEffect');
    expect(nodeClassName('NodeOrders', 'Effect')).toBe('NodeOrdersEffect');
  });

  it('refuses keywords and non-identifiers with a message per failure', () => {
    expect(isPythonIdentifier('fetch_user')).toBe(true);
    expect(isPythonIdentifier('class')).toBe(false);
    expect(isPythonIdentifier('2x')).toBe(false);
    expect(pythonIdentifierSchema.safeParse('lambda').error?.issues[0]?.message).toBe('is a Python keyword');
    expect(pythonIdentifierSchema.safeParse('a-b').error?.issues[0]?.message).toContain('must be a Python identifier');
  });

  it('makes text safe inside Python literals', () => {
    expect(pyString('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(pythonDocText('one\n  two """ \\ ', '    ')).toBe('one\n    two \\"\\"\\" \\\\');
  });
});

describe('money in micro-dollars', () => {
  it('converts a typed dollar amount once and back for display', () => {
    expect(usdToMicros(0.5)).toBe(500_000);
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
    expect(microsToUsd(1_234)).toBe(0.001234);
    expect(formatUsd(1_234)).toBe('$0.0012');
    expect(formatUsd(1_234, 6)).toBe('$0.001234');
  });
});
