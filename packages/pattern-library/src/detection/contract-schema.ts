import { z } from 'zod';

// Contracts come from generators and people alike, so the schema is lenient about shape (a
// capability may be a string or an object) but strict about types of what it reads.
const named = z.union([
  z.string(),
  z
    .object({
      name: z.string().optional(),
      type: z.string().optional(),
      description: z.string().optional(),
      operation_type: z.string().optional(),
    })
    .passthrough(),
]);

export const contractSchema = z
  .object({
    name: z.string().optional(),
    node_type: z.string().optional(),
    description: z.string().optional(),
    capabilities: z.array(named).optional(),
    operations: z.array(named).optional(),
    io_operations: z.array(named).optional(),
    tags: z.array(z.string()).optional(),
  })
  .passthrough();

export type Contract = z.infer<typeof contractSchema>;
type Named = z.infer<typeof named>;

/** One piece of contract text, with where it came from for the evidence trail. */
export interface ContractText {
  field: 'capabilities' | 'operations' | 'io_operations' | 'tags';
  label: string;
  text: string;
}

function textsOf(field: ContractText['field'], items: readonly Named[] | undefined): ContractText[] {
  const out: ContractText[] = [];
  for (const item of items ?? []) {
    if (typeof item === 'string') {
      out.push({ field, label: item, text: item });
      continue;
    }
    const label = item.name ?? item.operation_type ?? item.type ?? '(unnamed)';
    const text = [item.name, item.type, item.operation_type, item.description].filter(Boolean).join(' ');
    out.push({ field, label, text });
  }
  return out;
}

/** The texts detection reads: capabilities, operations, io_operations and tags. */
export function contractTexts(contract: Contract): ContractText[] {
  return [
    ...textsOf('capabilities', contract.capabilities),
    ...textsOf('operations', contract.operations),
    ...textsOf('io_operations', contract.io_operations),
    ...textsOf('tags', contract.tags),
  ];
}
