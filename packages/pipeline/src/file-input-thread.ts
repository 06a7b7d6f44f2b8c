// The thread that reads a large node file, or one part of it (file-cut.ts), for fileFactsAsync: it
// loads its own parser, parses and sends back the facts (file-facts.ts). An error goes back as its
// name, code, message and `where`.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPythonParser } from '@onexgen/response-validator';
import { fileFacts } from './node/file-facts.js';
import { partText } from './node/file-cut.js';
import type { FileInputReply, FileInputRequest } from './node/file-facts-async.js';

async function answer(request: FileInputRequest): Promise<FileInputReply> {
  try {
    const parser = await loadPythonParser();
    const text = request.part ? partText(request.source, request.part, request.header) : request.source;
    return { ok: true, facts: fileFacts(parser, text, request.options) };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string; where?: string };
    return { ok: false, error: { name: e.name ?? 'Error', code: e.code, message: e.message ?? String(err), where: e.where } };
  }
}

void answer(workerData as FileInputRequest).then((reply) => parentPort!.postMessage(reply));
