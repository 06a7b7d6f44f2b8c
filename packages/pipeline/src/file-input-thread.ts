// The thread that reads a large node file, or one part of it, for fileInputAsync: it loads its own
// parser, parses and sends back the facts (file-facts.ts). A part is parsed with everything before it
// blanked (each character but line breaks made a space), so every line, column and offset it reports
// is the file's own. An error goes back as its name, code, message and `where`.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPythonParser } from '@onexgen/response-validator';
import { fileFacts } from './node/file-facts.js';
import type { FileInputReply, FileInputRequest } from './node/file-input-async.js';

/** The text a part is parsed as: blank lines up to `start`, then the part. */
function partText(source: string, [start, end]: readonly [number, number]): string {
  return source.slice(0, start).replace(/[^\r\n]/g, ' ') + source.slice(start, end);
}

async function answer(request: FileInputRequest): Promise<FileInputReply> {
  try {
    const parser = await loadPythonParser();
    const text = request.part ? partText(request.source, request.part) : request.source;
    return { ok: true, facts: fileFacts(parser, parser.parse(text), request.options) };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string; where?: string };
    return { ok: false, error: { name: e.name ?? 'Error', code: e.code, message: e.message ?? String(err), where: e.where } };
  }
}

void answer(workerData as FileInputRequest).then((reply) => parentPort!.postMessage(reply));
