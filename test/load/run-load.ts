import 'reflect-metadata';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { signIn } from '../../bench/http-client';
import { hashPassword } from '../../src/auth/password';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { admitManyMembers, dateFields, draftRequirement } from '../factories/competitions';
import { createOpenFramework, referenceIds } from '../factories/frameworks';
import { AppProcess, freePort } from '../support/app-process';
import { SmtpTestServer } from '../support/smtp-test-server';
import { DEMO, WebSession } from '../support/web-session';

/**
 * `npm run test:load`: LOAD_USERS (50) signed-in providers browse their
 * opportunities and draft, check and submit bids, each as fast as the portal
 * answers, for LOAD_SECONDS (60). The portal runs as its own process as
 * `npm start` runs it, against an embedded PostgreSQL (or DATABASE_URL) and a
 * real SMTP server. Any failed request, or any answer other than the one a
 * browser expects, is an error; the run exits 1 unless there are none.
 */
const USERS = Number(process.env.LOAD_USERS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const PASSWORD = 'load test password 2026';
const RESULTS_FILE = join(__dirname, 'results', 'latest.json');

interface Sample {
  step: string;
  ms: number;
}

class LoadError extends Error {}

/** One signed-in provider, speaking HTTP as a browser does: a cookie, the form's CSRF token, no redirects followed. */
class VirtualUser {
  private cookie = '';
  readonly samples: Sample[] = [];

  constructor(
    private readonly baseUrl: string,
    readonly member: { email: string; practitionerId: string },
  ) {}

  private async request(step: string, path: string, expected: number, form?: Record<string, string>): Promise<string> {
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { Cookie: this.cookie, ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const body = await response.text();
    this.samples.push({ step, ms: performance.now() - started });
    const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('portal.sid='));
    if (session) this.cookie = session.split(';')[0];
    if (response.status !== expected) throw new LoadError(`${step}: ${form ? 'POST' : 'GET'} ${path} answered ${response.status}, not ${expected}`);
    return body;
  }

  private static csrf(html: string): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new LoadError('A form had no CSRF token');
    return token;
  }

  async signIn(): Promise<void> {
    this.cookie = await signIn(this.baseUrl, this.member.email, PASSWORD);
  }

  /** One visit: the list, the requirement, a bid at a new rate, its check page and the submission. */
  async browseAndBid(requirementId: string, iteration: number): Promise<void> {
    const opportunity = `/provider/opportunities/${requirementId}`;
    await this.request('opportunities list', '/provider/opportunities', 200);
    await this.request('opportunity', opportunity, 200);
    const bidForm = await this.request('bid form', `${opportunity}/bid`, 200);
    const rate = String(90 + (iteration % 30));
    await this.request('save bid', `${opportunity}/bid`, 303, {
      _csrf: VirtualUser.csrf(bidForm),
      rate,
      total: String(Number(rate) * 10),
      practitionerIds: this.member.practitionerId,
      ...dateFields('earliestStart', 20),
      answer1: `We build trust through play, visit ${iteration}`,
      answer2: 'Parents join every third session',
      intent: 'continue',
    });
    const check = await this.request('check bid', `${opportunity}/bid/check`, 200);
    await this.request('submit bid', `${opportunity}/bid/submit`, 303, { _csrf: VirtualUser.csrf(check), declaration: 'confirmed' });
    await this.request('provider home', '/provider', 200);
  }
}

function percentile(sorted: number[], fraction: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] : 0;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'portal-load-'));
  let database: EmbeddedDatabase | undefined;
  let portal: AppProcess | undefined;
  const smtp = new SmtpTestServer();
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      console.log('Starting an embedded PostgreSQL…');
      database = await EmbeddedDatabase.start({ directory: workDir, port: await freePort(), databaseName: 'portal_load', persistent: false });
      databaseUrl = database.url;
    }
    await smtp.start();
    console.log('Starting the portal (migrations and demo data)…');
    portal = await AppProcess.start({
      databaseUrl,
      smtpUrl: smtp.url,
      env: { NODE_ENV: 'production', SEED_DEMO: 'true', OUTBOX_WORKER: 'true', STAFF_TWO_FACTOR: 'optional' },
    });

    console.log(`Admitting ${USERS} providers and publishing a requirement to them…`);
    const dataSource = await new DataSource(buildDataSourceOptions(databaseUrl)).initialize();
    const ids = await referenceIds(dataSource);
    const manager = new WebSession(portal.url);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids, `Load Services ${Date.now()}`);
    const members = await admitManyMembers(dataSource, USERS, {
      frameworkId,
      therapyTypeId: ids.theraplay,
      areaId: ids.ashford,
      passwordHash: await hashPassword(PASSWORD),
    });
    const commissioner = new WebSession(portal.url);
    await commissioner.signIn(DEMO.commissioner);
    const requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, { title: 'Theraplay under load' });
    const published = await commissioner.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`);
    if (published.status !== 303) throw new Error(`Publishing failed with ${published.status}`);

    const users = members.map((member) => new VirtualUser(portal!.url, member));
    for (let start = 0; start < users.length; start += 10) await Promise.all(users.slice(start, start + 10).map((user) => user.signIn()));

    console.log(`${USERS} users browsing and bidding for ${SECONDS} s…`);
    const errors: string[] = [];
    const stopAt = Date.now() + SECONDS * 1000;
    const progress = setInterval(() => {
      const requests = users.reduce((sum, user) => sum + user.samples.length, 0);
      console.log(`  ${Math.max(0, Math.round((stopAt - Date.now()) / 1000))} s left: ${requests} requests, ${errors.length} errors`);
    }, 10_000);
    const started = performance.now();
    await Promise.all(
      users.map(async (user) => {
        for (let iteration = 0; Date.now() < stopAt; iteration++) {
          await user.browseAndBid(requirementId, iteration).catch((error: Error) => errors.push(`${user.member.email}: ${error.message}`));
        }
      }),
    );
    const elapsedSeconds = (performance.now() - started) / 1000;
    clearInterval(progress);

    const samples = users.flatMap((user) => user.samples);
    const steps = [...new Set(samples.map((sample) => sample.step))].map((step) => {
      const times = samples
        .filter((sample) => sample.step === step)
        .map((sample) => sample.ms)
        .sort((a, b) => a - b);
      return {
        step,
        requests: times.length,
        p50: Math.round(percentile(times, 0.5)),
        p95: Math.round(percentile(times, 0.95)),
        p99: Math.round(percentile(times, 0.99)),
        max: Math.round(times.at(-1) ?? 0),
      };
    });
    const [{ submitted, versions }] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'submitted') AS submitted, coalesce(sum(current_version), 0) AS versions FROM bids WHERE requirement_id = $1`,
      [requirementId],
    );
    await dataSource.destroy();
    const result = {
      users: USERS,
      seconds: Math.round(elapsedSeconds),
      requests: samples.length,
      requestsPerSecond: Math.round(samples.length / elapsedSeconds),
      errors: errors.length,
      bidsSubmitted: Number(submitted),
      bidVersions: Number(versions),
      steps,
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);

    console.log(
      `\n${result.requests} requests in ${result.seconds} s (${result.requestsPerSecond} a second); ${result.bidsSubmitted} bids submitted, ${result.bidVersions} versions in all.`,
    );
    console.table(steps);
    console.log(`Results written to ${RESULTS_FILE}`);
    if (errors.length) {
      console.error(`\n${errors.length} errors. The first few:\n${errors.slice(0, 10).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log('No errors.');
    }
  } finally {
    await portal?.stop();
    await smtp.stop();
    await database?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
