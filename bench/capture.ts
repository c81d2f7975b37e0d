import type { AddressInfo } from 'node:net';
import { createApp } from '../src/bootstrap';
import { listenToSqlStatements, SQL_STATEMENTS_HEADER } from '../src/common/http/sql-statement-counter';
import { createLogger } from '../src/common/logging/logger';
import { loadConfig } from '../src/config/app-config';
import { DEMO_PASSWORD } from '../src/database/seed/demo-data';
import type { Role } from '../src/users/role';
import { signIn } from './http-client';
import type { BenchPage } from './pages';

export interface CapturedPage {
  name: string;
  path: string;
  roles: Role[];
  /** Every statement the portal sent for one load of the page. */
  statementCount: number;
  /** The reads the baseline repeats: all but the session store's, which it does its own way. */
  statements: Array<{ text: string; values: unknown[] | undefined }>;
}

/**
 * Loads each page once in an in-process portal, recording its SQL: how many
 * statements a request costs, and the reads the baseline server repeats.
 */
export async function captureStatements(databaseUrl: string, sessionSecret: string, pages: BenchPage[]): Promise<Record<string, CapturedPage>> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: sessionSecret,
    OUTBOX_WORKER: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    SQL_STATEMENT_COUNTS: 'true',
    STAFF_TWO_FACTOR: 'optional',
    // The baseline works the market figures out on every request, as the portal does when its cache is cold.
    MARKET_CACHE_SECONDS: '0',
  });
  const app = await createApp(config, createLogger('silent'));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const captured: Record<string, CapturedPage> = {};
  try {
    for (const page of pages) {
      const cookie = await signIn(baseUrl, page.email, DEMO_PASSWORD);
      await fetch(baseUrl + page.path, { headers: { Cookie: cookie } }); // warm: first-visit work is not what each visit costs
      const statements: CapturedPage['statements'] = [];
      listenToSqlStatements((text, values) => {
        if (/^\s*(SELECT|WITH)\b/i.test(text) && !/\bsessions\b/.test(text)) statements.push({ text, values });
      });
      const response = await fetch(baseUrl + page.path, { headers: { Cookie: cookie } });
      listenToSqlStatements(undefined);
      if (response.status !== 200) throw new Error(`${page.name} (${page.path}) answered ${response.status}`);
      captured[page.key] = {
        name: page.name,
        path: page.path,
        roles: page.roles,
        statementCount: Number(response.headers.get(SQL_STATEMENTS_HEADER)),
        statements,
      };
    }
  } finally {
    await app.close();
  }
  return captured;
}
