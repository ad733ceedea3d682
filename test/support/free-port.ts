import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Asks the kernel for a free loopback port, then releases it for a server to take. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolveClose) => server.close(resolveClose));

  return port;
}
