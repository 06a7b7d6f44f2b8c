// The thread that turns a large node file into the pipeline's NodeInput (fileInputAsync starts it):
// it loads its own parser, parses the file once and sends back the stubs and the node, less the
// source text the caller already holds. An error goes back as its name, code, message and `where`.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPythonParser } from '@onexgen/response-validator';
import { fileInput } from './node/node-inputs.js';
import type { FileInputRequest, FileInputReply } from './node/file-input-async.js';

async function answer(request: FileInputRequest): Promise<FileInputReply> {
  try {
    const parser = await loadPythonParser();
    const { node, stubs } = fileInput(parser, request.file, request.source, request.spec, request.options);
    const { source: _text, injection, ...rest } = node;
    const { source: _same, ...base } = injection!;
    return { ok: true, stubs, node: rest, injection: base };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string; where?: string };
    return { ok: false, error: { name: e.name ?? 'Error', code: e.code, message: e.message ?? String(err), where: e.where } };
  }
}

void answer(workerData as FileInputRequest).then((reply) => parentPort!.postMessage(reply));
