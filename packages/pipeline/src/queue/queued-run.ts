// What a queued node carries for the workers: the spec file as the user named it, the parsed spec
// and the absolute output folder. Read back through zod, so a row written by another version fails
// naming the field instead of half-working.
import { z } from 'zod';
import { NodeSpecSchema, type NodeSpec } from '@onexgen/onex';

export const queuedNodeInput = z.object({
  file: z.string().min(1),
  spec: NodeSpecSchema,
  outDir: z.string().min(1),
});
export type QueuedNodeInput = { file: string; spec: NodeSpec; outDir: string };

export function readNodeInput(value: unknown): QueuedNodeInput {
  return queuedNodeInput.parse(value);
}
