import type { Role } from '../src/users/role';
import { listRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_SIGN_INS, WebSession } from './support/web-session';

/**
 * A NUL character in a path parameter (`/requirements/%00`) cannot be stored
 * or compared in PostgreSQL text, so it must be refused as a bad request
 * (400, the GOV.UK "There is a problem" page) before any query, on every
 * route that takes one, and never reach the database as a 500.
 */
describe('NUL characters in path parameters', () => {
  let testApp: TestApp;
  const sessions = new Map<Role, { session: WebSession; csrf: string }>();

  beforeAll(async () => {
    testApp = await createTestApp();
    for (const [role, email] of DEMO_SIGN_INS) {
      const session = new WebSession(testApp.server);
      await session.signIn(email);
      const csrf = (await session.follow('/dashboard')).$('meta[name=csrf-token]').attr('content')!;
      sessions.set(role, { session, csrf });
    }
  });
  afterAll(() => testApp.close());

  it('answers 400 with the GOV.UK error page on every route with a path parameter, for someone allowed to use it', async () => {
    const routes = listRoutes(testApp).filter((route) => route.path.includes('/:'));
    expect(routes.length).toBeGreaterThan(50);
    const anonymous = new WebSession(testApp.server);
    const wrong: string[] = [];
    for (const route of routes) {
      const visitor = route.isPublic || !route.roles ? { session: anonymous, csrf: '' } : sessions.get(route.roles[0])!;
      for (const nul of ['%00', 'a%00b']) {
        const path = route.path.replace(/:\w+/g, nul);
        const page = route.method === 'GET' ? await visitor.session.get(path) : await visitor.session.post(path, { _csrf: visitor.csrf });
        if (page.status !== 400 || page.heading !== 'There is a problem') wrong.push(`${route.method} ${path} gave ${page.status} (${page.heading})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the NUL before signing in is asked for, and a normal bad id still gets 404', async () => {
    const anonymous = new WebSession(testApp.server);
    expect((await anonymous.get('/requirements/%00')).status).toBe(400);
    const commissioner = sessions.get('commissioner')!.session;
    expect((await commissioner.get('/requirements/%00')).status).toBe(400);
    expect((await commissioner.get('/requirements/not-an-id')).status).toBe(404);
  });
});
