import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMAIL_SUBJECTS } from '../src/notifications/email-templates';
import { NotificationsService } from '../src/notifications/notifications.service';
import { activeContract } from './factories/awards';
import { createOpenFramework, prepareProvider, referenceIds } from './factories/frameworks';
import { FACTORY_PASSWORD } from './factories/users';
import { crawl } from './support/crawl';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** Breaks out of element content, of a quoted attribute, and of a script string, if anything is printed unescaped. */
const PAYLOAD = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;
const UNESCAPED = [/<script>alert\(1\)/, /<img src=x onerror/];

/**
 * Columns left alone, and why: they are looked up by value (emails sign
 * people in, tokens and hashes are compared), or they are internal.
 */
const SKIPPED_COLUMN = /email|hash|token|secret|^sid$|^sess$|media_type|sha256|^key$/;
const SKIPPED_TABLES = new Set(['migrations', 'sessions', 'sign_in_throttles', 'audit_events', 'bank_holidays', 'typeorm_metadata']);

/**
 * A stored-XSS sweep: every free-text column of every table is given a
 * payload, then every page each role can reach by following links is read,
 * and every email template is rendered with the payload in each field.
 * Nothing may come out unescaped.
 */
describe('stored XSS sweep', () => {
  let testApp: TestApp;
  let poisoned: string[];
  let winnerEmail: string;

  beforeAll(async () => {
    testApp = await createTestApp();
    const db = testApp.dataSource;
    const ids = await referenceIds(db);
    const oakleaf = new WebSession(testApp.server);
    await oakleaf.signIn(DEMO.provider);
    await prepareProvider(oakleaf, ids);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids, 'XSS Framework');
    await oakleaf.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`);
    const contract = await activeContract(testApp, { winner: 'Juniper Therapy' });
    [{ email: winnerEmail }] = await db.query(`SELECT email FROM users WHERE provider_id = $1`, [contract.providerId]);

    const columns: Array<{ table_name: string; column_name: string; data_type: string }> = await db.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'ARRAY') AND (data_type <> 'ARRAY' OR udt_name = '_text')`,
    );
    poisoned = [];
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      if (SKIPPED_TABLES.has(table) || SKIPPED_COLUMN.test(column)) continue;
      const value = type === 'ARRAY' ? `array_append("${column}", $1)` : `"${column}" || $1`;
      // Columns with a CHECK of allowed values (statuses, roles) refuse the payload, and are rightly left as they were.
      await db.query('SAVEPOINT poison').catch(() => undefined);
      try {
        const result = await db.query(`UPDATE "${table}" SET "${column}" = ${value} WHERE "${column}" IS NOT NULL`, [PAYLOAD]);
        if ((result[1] ?? 0) > 0) poisoned.push(`${table}.${column}`);
      } catch {
        // The CHECK refused it.
      }
    }
  });
  afterAll(() => testApp.close());

  it('poisons the free text a person can type', () => {
    expect(poisoned).toEqual(
      expect.arrayContaining([
        'requirements.title',
        'provider_organisations.name',
        'practitioners.full_name',
        'users.full_name',
        'frameworks.name',
        'therapy_types.name',
        'agencies.name',
      ]),
    );
    expect(poisoned.length).toBeGreaterThan(40);
  });

  it.each([
    ['applying provider', DEMO.provider],
    ['contracted provider', 'winner'],
    ['commissioner', DEMO.commissioner],
    ['framework manager', DEMO.frameworkManager],
    ['panel chair', DEMO.panelMember],
    ['system admin', DEMO.admin],
  ])('escapes it on every page the %s can reach', async (_role, email) => {
    const visitor = new WebSession(testApp.server);
    await (email === 'winner' ? visitor.signIn(winnerEmail, FACTORY_PASSWORD) : visitor.signIn(email));
    const problems: string[] = [];
    const pages = await crawl(visitor);
    for (const { path, response, isHtml } of pages) {
      if (response.status >= 500) problems.push(`${path}: ${response.status}`);
      if (!isHtml) {
        // Downloads (CSV, JSON, PDF) carry the data as it is, so they must never be taken for a page.
        if (response.headers['x-content-type-options'] !== 'nosniff') problems.push(`${path}: a download without nosniff`);
        continue;
      }
      for (const pattern of UNESCAPED) if (pattern.test(response.text)) problems.push(`${path}: unescaped ${pattern}`);
    }
    expect(problems).toEqual([]);
    expect(pages.length).toBeGreaterThan(8);
  });

  it('escapes it in every email, in each field the template prints', () => {
    const notifications = testApp.app.get(NotificationsService);
    const problems: string[] = [];
    for (const template of Object.keys(EMAIL_SUBJECTS) as Array<keyof typeof EMAIL_SUBJECTS>) {
      const source = ['html', 'text'].map((kind) => readFileSync(join(__dirname, '..', 'views', 'emails', `${template}.${kind}.hbs`), 'utf8')).join('\n');
      const data: Record<string, unknown> = {};
      for (const [, path] of source.matchAll(/{{{?\s*(?:#\w+\s+)?([a-zA-Z][\w.]*)\s*}}}?/g)) {
        if (['else', 'this', 'baseUrl', 'serviceName'].includes(path)) continue;
        const parts = path.split('.');
        let target = data;
        for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
        target[parts.at(-1)!] = PAYLOAD;
      }
      const { htmlBody } = notifications.render({ to: 'family@example.com', template, data });
      for (const pattern of UNESCAPED) if (pattern.test(htmlBody)) problems.push(`${template}: ${pattern}`);
    }
    expect(problems).toEqual([]);
  });
});
