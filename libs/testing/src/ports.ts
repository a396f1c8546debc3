import { createServer } from 'node:net';

/** Below Linux's ephemeral range (32768–60999), so no outgoing connection can take it. */
const LOW = 20_000;
const HIGH = 32_000;
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port nothing listens on, for a server a test starts (often in another process).
 * Chosen outside the kernel's ephemeral range and never twice in one test process: a port
 * from `listen(0)` can be handed to the next client socket or another child before the
 * server that was meant to get it binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`freePort(): no free port between ${LOW} and ${HIGH} after 200 tries`);
}
