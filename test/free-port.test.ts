import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from './support/app-process';

// A child process is handed a port seconds before it binds it; an ephemeral port could be given to another listener meanwhile.
it('chooses free ports outside the range the kernel hands to listen(0)', async () => {
  const ephemeralStart = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  expect(ports.filter((port) => port >= ephemeralStart || port < 1024)).toEqual([]);

  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(ports[0], '127.0.0.1', resolve));
  await new Promise((resolve) => server.close(resolve));
});
