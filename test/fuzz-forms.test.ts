import { RequestMethod } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { IS_PUBLIC, ROLES } from '../src/common/auth/access.decorators';
import { DASHBOARD_PATHS } from '../src/home/dashboards';
import type { Role } from '../src/users/role';
import { NO_SUCH_ID } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_SIGN_INS, WebSession } from './support/web-session';

interface FormRoute {
  route: string;
  path: string;
  fields: string[];
  roles?: Role[];
  isPublic: boolean;
}

/** Every POST route whose handler takes a form DTO (its @Body), with the DTO's validated fields. */
function formRoutes(testApp: TestApp): FormRoute[] {
  const reflector = testApp.app.get(Reflector);
  const scanner = new MetadataScanner();
  const storage = getMetadataStorage();
  const found: FormRoute[] = [];
  for (const module of testApp.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as new (...args: unknown[]) => object;
      if (!controller) continue;
      const base = String(Reflect.getMetadata('path', controller) ?? '').replace(/^\/|\/$/g, '');
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, () => void>)[name];
        if (Reflect.getMetadata('method', handler) !== RequestMethod.POST) continue;
        const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
        const bodyKey = Object.keys(args).find((key) => key.startsWith(`${RouteParamtypes.BODY}:`));
        if (!bodyKey) continue;
        const dto = Reflect.getMetadata('design:paramtypes', controller.prototype, name)[args[bodyKey].index];
        const fields = [...new Set(storage.getTargetValidationMetadatas(dto, '', true, false).map((rule) => rule.propertyName))];
        if (!fields.length) continue;
        const path = `/${[base, String(Reflect.getMetadata('path', handler)).replace(/^\/|\/$/g, '')].filter(Boolean).join('/')}`;
        found.push({
          route: `POST ${path}`,
          path,
          fields,
          roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES, [handler, controller]),
          isPublic: !!reflector.getAllAndOverride(IS_PUBLIC, [handler, controller]),
        });
      }
    }
  }
  return found;
}

/** Values people and robots send: anything, blanks, edge numbers and dates, hostile text, huge text, lists and nested fields. */
const fieldValue: fc.Arbitrary<string | string[] | Record<string, string>> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1.5',
    '1e309',
    'NaN',
    '99999999999999999999',
    '999999999999',
    '21474836.48',
    '£30,000,000',
    '10000000.01',
    '0.00',
    '31',
    '2026',
    '2026-02-30',
    'yes',
    'no',
    'true',
    'continue',
  ),
  fc.constantFrom(
    `'; DROP TABLE users; --`,
    '<script>alert(1)</script>',
    '\\',
    '"',
    '😀',
    NO_SUCH_ID,
    'x'.repeat(5000),
    'constructor',
    '__proto__',
    'a\u0000b',
  ),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('day', 'month', 'year', 'a', '0'), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

function encode(fields: Record<string, string | string[] | Record<string, string>>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) body.append(name, item);
    else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) body.append(`${name}[${key}]`, item);
    else body.append(name, value);
  }
  return body.toString();
}

/**
 * Rows in every table and the latest change to each, except where a refused
 * attempt is meant to leave a mark: the sign-in throttle, sessions, and the
 * audit log's record of failed attempts.
 */
async function fingerprint(testApp: TestApp): Promise<string> {
  const tables: Array<{ table_name: string; has_updated: boolean }> = await testApp.dataSource.query(
    `SELECT t.table_name, bool_or(c.column_name = 'updated_at') AS has_updated
       FROM information_schema.tables t JOIN information_schema.columns c USING (table_schema, table_name)
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN ('sessions', 'sign_in_throttles', 'migrations')
      GROUP BY t.table_name ORDER BY t.table_name`,
  );
  const parts = tables.map(({ table_name: table, has_updated }) =>
    table === 'audit_events'
      ? `(SELECT count(*) FROM audit_events WHERE action NOT LIKE '%failed')::text`
      : `(SELECT count(*)::text${has_updated ? ` || coalesce(max(updated_at)::text, '')` : ''} FROM "${table}")`,
  );
  const [row] = await testApp.dataSource.query(`SELECT concat_ws(',', ${parts.join(', ')}) AS print`);
  return row.print;
}

describe('fuzzing every form', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  it('never answers a 500, and a refused form changes nothing', async () => {
    const routes = formRoutes(testApp);
    expect(routes.length).toBeGreaterThan(40);
    // Everyone signs in first: fuzzing the sign-in form soon throttles this address.
    const sessions = new Map<Role | 'anonymous', { session: WebSession; csrf: string }>();
    const anonymous = new WebSession(testApp.server);
    sessions.set('anonymous', { session: anonymous, csrf: (await anonymous.get('/sign-in')).$('input[name=_csrf]').val() as string });
    for (const [role, email] of DEMO_SIGN_INS) {
      const session = new WebSession(testApp.server);
      await session.signIn(email);
      sessions.set(role, { session, csrf: (await session.get(DASHBOARD_PATHS[role])).$('meta[name=csrf-token]').attr('content')! });
    }

    const problems: string[] = [];
    let refused = 0;
    let before = await fingerprint(testApp);
    // Sign-in forms last, so the throttle they trip does not get in the way of the rest.
    const ordered = [...routes].sort((a, b) => Number(a.isPublic) - Number(b.isPublic));
    for (const route of ordered) {
      const { session, csrf } = sessions.get(route.isPublic ? 'anonymous' : route.roles!.find((role) => sessions.has(role))!)!;
      const path = route.path.replace(/:\w+/g, NO_SUCH_ID);
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(fc.record(Object.fromEntries(route.fields.map((field) => [field, fieldValue])), { requiredKeys: [] }), async (fields) => {
          const response = await session.agent
            .post(path)
            .type('form')
            .send(`${encode(fields as Record<string, string>)}&_csrf=${encodeURIComponent(csrf)}`)
            .redirects(0);
          if (response.status >= 500) problems.push(`${route.route}: ${response.status} for ${JSON.stringify(fields).slice(0, 300)}`);
          const after = await fingerprint(testApp);
          if (response.status >= 400) {
            refused++;
            if (after !== before)
              problems.push(`${route.route}: refused with ${response.status} but changed rows, for ${JSON.stringify(fields).slice(0, 300)}`);
          }
          // What an accepted form changed is the starting point for the next attempt.
          before = after;
          return true;
        }),
        { numRuns: 12, seed: Number(process.env.FUZZ_SEED ?? 20261124) },
      );
      if (process.env.FUZZ_VERBOSE) console.log(route.route, Date.now() - started);
      if (problems.length > 20) break;
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(routes.length * 5);
  }, 600_000);
});
