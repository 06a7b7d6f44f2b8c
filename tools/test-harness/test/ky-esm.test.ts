// Proof: jest (ESM mode) can test code importing ky, which is ESM-only; and ky's retry honours
// Retry-After against a real local HTTP server.
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';

let server: http.Server;
let base = '';
let hits: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(Date.now());
    if (req.url === '/flaky' && hits.length === 1) {
      res.writeHead(429, { 'retry-after': '1' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('ky fetches JSON over real HTTP', async () => {
  hits = [];
  const body = await ky.get(`${base}/hello`).json<{ ok: boolean; path: string }>();
  expect(body).toEqual({ ok: true, path: '/hello' });
});

test('ky waits for Retry-After before retrying a 429', async () => {
  hits = [];
  const body = await ky.get(`${base}/flaky`, { retry: { limit: 2 } }).json<{ ok: boolean }>();
  expect(body.ok).toBe(true);
  expect(hits).toHaveLength(2);
  expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(950);
});
