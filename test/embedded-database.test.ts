import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/app-process';
import { until } from './support/until';

jest.setTimeout(180_000);

const MAIN = [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '..', 'src', 'main.ts')];

/**
 * `npm start` without DATABASE_URL runs its own PostgreSQL. When that server
 * cannot start (here: another portal already has the data directory), the
 * portal must say why and exit 1, on every Node LTS, rather than die of an
 * unhandled rejection whose reason is "undefined".
 */
describe('starting the embedded PostgreSQL', () => {
  let directory: string;
  let databasePort: number;
  const environment = (port: number) => ({
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATA_DIR: directory,
    EMBEDDED_DATABASE_PORT: String(databasePort),
    PORT: String(port),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
  });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'portal-embedded-'));
    databasePort = await freePort();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('exits 1 with PostgreSQL’s reason when another portal already runs on the data directory', async () => {
    const port = await freePort();
    const first = spawn(process.execPath, MAIN, { env: environment(port), stdio: ['ignore', 'pipe', 'pipe'] });
    let firstLog = '';
    first.stdout.on('data', (chunk) => (firstLog += chunk));
    first.stderr.on('data', (chunk) => (firstLog += chunk));
    const firstExited = new Promise((resolve) => first.once('exit', resolve));
    try {
      await until(
        'the first portal to answer',
        async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status === 200,
        () => firstLog,
        120_000,
      );
      const second = spawnSync(process.execPath, MAIN, { env: environment(await freePort()), encoding: 'utf8', timeout: 90_000 });
      const output = `${second.stdout}${second.stderr}`;
      expect(output).not.toContain('UnhandledPromiseRejection');
      expect(output).toContain('The embedded PostgreSQL could not start');
      expect(output).toMatch(/already running/);
      expect(second.status).toBe(1);
    } finally {
      first.kill('SIGTERM');
      await firstExited;
    }
  });
});
