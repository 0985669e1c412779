import { createServer, type AddressInfo } from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago (for a server started next by port number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
