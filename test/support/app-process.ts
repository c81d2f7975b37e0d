import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/common/project-root';
import { until } from './until';

/** The session secret every test process shares, so a cookie signed by one is good at another. */
export const TEST_SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';

/** The first port the kernel hands out for `listen(0)` and outgoing connections. */
function ephemeralPortsStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const FIRST_CHOSEN_PORT = 10_000;

/** Whether nothing listens on `port` now. */
function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free port below the kernel's ephemeral range. A port from `listen(0)` is
 * ephemeral, so between closing it and a slow-starting child binding it,
 * any supertest request in another jest worker can be given the same port
 * and answer the child's health check: the child then fails to bind and the
 * test talks to a server that soon goes away.
 */
export async function freePort(): Promise<number> {
  const span = ephemeralPortsStart() - FIRST_CHOSEN_PORT;
  for (;;) {
    const port = FIRST_CHOSEN_PORT + Math.floor(Math.random() * span);
    if (await canListen(port)) return port;
  }
}

/**
 * The portal as a separate operating-system process, started the way
 * `npm start` starts it (src/main.ts, compiled on the fly by SWC), so a test
 * can kill it outright or run two of them against one database.
 */
export class AppProcess {
  private output = '';
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly dataDir: string,
  ) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(options: { databaseUrl: string; smtpUrl?: string; env?: Record<string, string> }): Promise<AppProcess> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-process-'));
    const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        TS_NODE_SWC: 'true',
        TS_NODE_TRANSPILE_ONLY: 'true',
        NODE_ENV: 'test',
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        BASE_URL: url,
        SESSION_SECRET: TEST_SESSION_SECRET,
        DATA_DIR: dataDir,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(child, url, dataDir);
    await app.waitUntilServing();
    return app;
  }

  /** Everything the process has printed, for a failing test's message. */
  get log(): string {
    return this.output;
  }

  private async waitUntilServing(): Promise<void> {
    await until(
      'the portal process to answer',
      async () => {
        if (this.child.exitCode !== null) throw new Error(`The portal process exited with ${this.child.exitCode} while starting:\n${this.output}`);
        const response = await fetch(`${this.url}/health`).catch(() => undefined);
        return response?.status === 200;
      },
      () => this.output,
    );
  }

  /** SIGKILL: no shutdown hooks, no chance to finish anything, as in a power cut or the OOM killer. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** SIGTERM: the orderly shutdown. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
