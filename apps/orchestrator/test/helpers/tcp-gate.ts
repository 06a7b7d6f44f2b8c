// A TCP pass-through in front of a real PostgreSQL server that a test can close and open again:
// closed, it resets every connection and refuses new ones, which is what clients see when the
// database goes away; the server itself (shared by other test files) is never disturbed.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpGate {
  port: number;
  close(): Promise<void>;
  open(): Promise<void>;
}

export async function startTcpGate(targetHost: string, targetPort: number): Promise<TcpGate> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const make = (): Server =>
    createServer((client) => {
      const upstream = createConnection({ host: targetHost, port: targetPort });
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  let server: Server | undefined = make();
  const port = await listen(server, 0);
  const shut = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  return {
    port,
    close: shut,
    async open() {
      if (server) return;
      server = make();
      await listen(server, port);
    },
  };
}
