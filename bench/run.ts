import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { runPendingMigrations } from '../src/database/migrate';
import { startScaleDatabase } from '../src/database/scale/scale-database';
import { DEMO_PASSWORD } from '../src/database/seed/demo-data';
import { captureStatements } from './capture';
import { signIn, waitUntilServing } from './http-client';
import { measureOperations, type OperationResult } from './operations';
import { benchPages } from './pages';
import { summariseProfileFile } from './profile-summary';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const WARM_UP_SECONDS = 3;
const CONNECTIONS = [10, 50];
/** Issue 23: every key page serves at least 0.6 of the plain baseline's requests a second. */
const RATIO_TARGET = 0.6;
const PORTAL_PORT = 3201;
const BASELINE_PORT = 3202;
const RESULTS_DIR = resolve('bench', 'results');

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

function load(url: string, connections: number, duration: number, cookie: string): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'load-worker.js'), JSON.stringify({ url, connections, duration, cookie })], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolvePromise(JSON.parse(output)) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

async function startServer(name: string, args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitUntilServing(child, name, `http://127.0.0.1:${port}/health`);
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolvePromise) => child.once('exit', resolvePromise));
}

/** EXPLAIN ANALYZE of every statement the pages run (or the one page `onlyKey`), slowest first. */
async function explainPages(url: string, onlyKey: string | undefined): Promise<void> {
  await runPendingMigrations(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const pages = (await benchPages(client)).filter((page) => !onlyKey || page.key === onlyKey);
    const captured = await captureStatements(url, randomBytes(32).toString('hex'), pages);
    for (const page of pages) {
      const timed = [];
      for (const statement of captured[page.key].statements) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
        const plan = rows.map((row) => row['QUERY PLAN'] as string);
        const executionMs = Number(plan.find((line) => line.startsWith('Execution Time'))?.match(/[\d.]+/)?.[0] ?? 0);
        timed.push({ executionMs, sql: statement.text.replace(/\s+/g, ' ').slice(0, 160), plan });
      }
      timed.sort((a, b) => b.executionMs - a.executionMs);
      console.log(
        `\n## ${page.name} (${page.path}): ${timed.length} reads, ${round(
          timed.reduce((sum, row) => sum + row.executionMs, 0),
          2,
        )} ms in PostgreSQL`,
      );
      for (const row of timed) console.log(`${row.executionMs.toFixed(2).padStart(9)} ms  ${row.sql}`);
      if (process.argv.includes('--plans')) for (const row of timed.slice(0, 3)) console.log(`\n${row.plan.join('\n')}`);
    }
  } finally {
    await client.end();
  }
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

/** The portal as it is deployed; `nodeFlags` go before the script (say, `--cpu-prof`). */
function startPortal(common: Record<string, string>, nodeFlags: string[] = []): Promise<ChildProcess> {
  // The generated staff have no authenticator app; the pages measured are the same once signed in.
  return startServer(
    'The portal',
    [...nodeFlags, 'dist/src/main.js'],
    {
      ...common,
      NODE_ENV: 'production',
      PORT: String(PORTAL_PORT),
      BASE_URL: `http://127.0.0.1:${PORTAL_PORT}`,
      SEED_DEMO: 'false',
      OUTBOX_WORKER: 'false',
      LOG_LEVEL: 'warn',
      STAFF_TWO_FACTOR: 'optional',
    },
    PORTAL_PORT,
  );
}

/**
 * `-- --profile [page key]`: the portal under `node --cpu-prof` while one page
 * (the panel page unless named) is loaded at 10 connections, then where its
 * CPU went, by package and by function, and the CPU each request cost.
 */
async function profilePage(url: string, onlyKey: string | undefined): Promise<void> {
  await runPendingMigrations(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  const pages = await benchPages(client);
  await client.end();
  const page = pages.find((candidate) => candidate.key === (onlyKey ?? 'panel')) ?? pages[0];
  const directory = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const portal = await startPortal({ DATABASE_URL: url, SESSION_SECRET: randomBytes(32).toString('hex') }, ['--cpu-prof', `--cpu-prof-dir=${directory}`]);
  let measured: LoadResult;
  try {
    const cookie = await signIn(`http://127.0.0.1:${PORTAL_PORT}`, page.email, DEMO_PASSWORD);
    measured = await load(`http://127.0.0.1:${PORTAL_PORT}${page.path}`, 10, DURATION_SECONDS, cookie);
    console.log(`${page.name}: ${round(measured.requestsPerSecond)} requests/s, p99 ${measured.p99} ms, ${measured.errors + measured.non2xx} errors`);
  } finally {
    await stop(portal);
  }
  const requests = measured.requests;
  const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`The portal wrote no CPU profile in ${directory}`);
  const summary = summariseProfileFile(join(directory, file));
  console.log(
    `\nCPU profile ${join(directory, file)}: ${summary.totalMilliseconds} ms sampled, about ${round(summary.totalMilliseconds / Math.max(requests, 1), 2)} ms a request`,
  );
  console.log('\nSelf time by owner');
  console.table(summary.byOwner);
  console.log('\nSelf time by function');
  console.table(summary.byFunction);
}

/**
 * `npm run bench`: the key pages over the scale database (npm run seed:scale
 * first), loaded with autocannon against the portal in production mode and
 * against the plain baseline server, then the operation targets. Writes
 * bench/results/latest.json and latest.md, and fails if any request failed.
 * `-- --operations-only` measures just the operations, writing nothing.
 * `-- --profile [page key]` profiles the portal's CPU while it serves one page.
 * `-- --explain [page key]` prints each page's statements with their
 * EXPLAIN ANALYZE times, slowest first, to find what a page waits for.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--explain')) {
    const embedded = process.env.DATABASE_URL ? undefined : await startScaleDatabase();
    try {
      await explainPages(process.env.DATABASE_URL ?? embedded!.url, process.argv[process.argv.indexOf('--explain') + 1]);
    } finally {
      await embedded?.stop();
    }
    return;
  }
  if (process.argv.includes('--profile')) {
    const embedded = await startScaleDatabase();
    try {
      const key = process.argv[process.argv.indexOf('--profile') + 1];
      await profilePage(embedded.url, key?.startsWith('-') ? undefined : key);
    } finally {
      await embedded.stop();
    }
    return;
  }
  if (process.argv.includes('--operations-only')) {
    const embedded = await startScaleDatabase();
    try {
      console.table(await measureOperations(embedded.adminUrl));
    } finally {
      await embedded.stop();
    }
    return;
  }
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const embedded = databaseUrl ? undefined : await startScaleDatabase();
  const url = databaseUrl ?? embedded!.url;
  let portal: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    await runPendingMigrations(url);
    const client = new Client({ connectionString: url });
    await client.connect();
    const pages = await benchPages(client);
    const {
      rows: [dataset],
    } = await client.query(`SELECT (SELECT count(*) FROM agencies)::int AS agencies, (SELECT count(*) FROM provider_organisations)::int AS providers,
      (SELECT count(*) FROM requirements)::int AS requirements, (SELECT count(*) FROM bids)::int AS bids, (SELECT count(*) FROM audit_events)::int AS audit_events,
      (SELECT count(*) FROM notifications)::int AS emails, (SELECT count(*) FROM panel_scores)::int AS panel_scores`);
    await client.end();
    console.log(
      `Scale data: ${Object.entries(dataset)
        .map(([key, value]) => `${(value as number).toLocaleString('en-GB')} ${key.replace('_', ' ')}`)
        .join(', ')}`,
    );

    const sessionSecret = randomBytes(32).toString('hex');
    console.log('Capturing the SQL each page runs…');
    const captured = await captureStatements(url, sessionSecret, pages);
    const capturedFile = join(tmpdir(), `bench-pages-${process.pid}.json`);
    writeFileSync(capturedFile, JSON.stringify(captured));

    const common = { DATABASE_URL: url, SESSION_SECRET: sessionSecret };
    portal = await startPortal(common);
    baseline = await startServer(
      'The baseline',
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'baseline', 'server.ts')],
      { ...common, PORT: String(BASELINE_PORT), BASELINE_PAGES_FILE: capturedFile, TS_NODE_PROJECT: 'tsconfig.json' },
      BASELINE_PORT,
    );

    const rows = [];
    for (const page of pages) {
      const cookie = await signIn(`http://127.0.0.1:${PORTAL_PORT}`, page.email, DEMO_PASSWORD);
      const portalUrl = `http://127.0.0.1:${PORTAL_PORT}${page.path}`;
      const baselineUrl = `http://127.0.0.1:${BASELINE_PORT}/page/${page.key}`;
      for (const connections of CONNECTIONS) {
        process.stdout.write(`${page.name} at ${connections} connections… `);
        await load(portalUrl, connections, WARM_UP_SECONDS, cookie);
        await load(baselineUrl, connections, WARM_UP_SECONDS, cookie);
        const measured = await load(portalUrl, connections, DURATION_SECONDS, cookie);
        const reference = await load(baselineUrl, connections, DURATION_SECONDS, cookie);
        const ratio = measured.requestsPerSecond / reference.requestsPerSecond;
        const p99Target = connections === 10 ? 50 : 150;
        rows.push({
          page: page.key,
          name: page.name,
          path: page.path,
          connections,
          requestsPerSecond: round(measured.requestsPerSecond),
          p50: measured.p50,
          p99: measured.p99,
          errors: measured.errors + measured.non2xx,
          baseline: {
            requestsPerSecond: round(reference.requestsPerSecond),
            p50: reference.p50,
            p99: reference.p99,
            errors: reference.errors + reference.non2xx,
          },
          ratio: round(ratio, 2),
          sqlStatements: captured[page.key].statementCount,
          targets: { ratio: ratio >= RATIO_TARGET, p99: measured.p99 <= p99Target, p99TargetMs: p99Target },
        });
        console.log(
          `${round(measured.requestsPerSecond)} req/s (baseline ${round(reference.requestsPerSecond)}, ratio ${round(ratio, 2)}), p99 ${measured.p99} ms`,
        );
      }
    }
    await stop(portal);
    await stop(baseline);
    portal = baseline = undefined;

    console.log('Measuring publishing, closing, the outbox and startup…');
    const serverUrl = new URL(url);
    serverUrl.pathname = '/postgres';
    const operations = await measureOperations(serverUrl.toString());
    writeResults({ dataset, rows, operations });

    const failed = rows.filter((row) => row.errors > 0 || row.baseline.errors > 0);
    if (failed.length) {
      console.error(
        `\nFAILED: requests errored on ${failed.map((row) => `${row.name} at ${row.connections} connections (${row.errors} portal, ${row.baseline.errors} baseline)`).join('; ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await stop(portal);
    await stop(baseline);
    await embedded?.stop();
  }
}

function writeResults(results: {
  dataset: Record<string, number>;
  rows: Array<Record<string, unknown> & { targets: Record<string, unknown> }>;
  operations: OperationResult[];
}): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify({ date, machine, durationSeconds: DURATION_SECONDS, ...results }, null, 2)}\n`);
  const yesNo = (met: unknown) => (met ? 'yes' : '**no**');
  const lines = [
    `Measured on ${date}, ${machine}, over ${Object.entries(results.dataset)
      .map(([key, value]) => `${value.toLocaleString('en-GB')} ${key.replace('_', ' ')}`)
      .join(', ')}. Each run lasts ${DURATION_SECONDS} s after a ${WARM_UP_SECONDS} s warm-up.`,
    '',
    `| Page | Connections | Requests/s | p50 ms | p99 ms | Errors | Baseline requests/s | Ratio | SQL statements | Ratio ≥ ${RATIO_TARGET} | p99 target met |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...results.rows.map((row) => {
      const baseline = row.baseline as { requestsPerSecond: number };
      return `| ${row.name} | ${row.connections} | ${row.requestsPerSecond} | ${row.p50} | ${row.p99} | ${row.errors} | ${baseline.requestsPerSecond} | ${row.ratio} | ${row.sqlStatements} | ${yesNo(row.targets.ratio)} | ${yesNo(row.targets.p99)} (≤ ${row.targets.p99TargetMs}) |`;
    }),
    '',
    '| Operation | Measured | Target | Met |',
    '| --- | ---: | --- | --- |',
    ...results.operations.map(
      (operation) => `| ${operation.name} | ${operation.measured.toLocaleString('en-GB')} ${operation.unit} | ${operation.target} | ${yesNo(operation.met)} |`,
    ),
    '',
  ];
  writeFileSync(join(RESULTS_DIR, 'latest.md'), lines.join('\n'));
  console.log(`\n${lines.join('\n')}\nWritten to bench/results/latest.json and bench/results/latest.md`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
