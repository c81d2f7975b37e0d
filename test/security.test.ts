import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import type { Role } from '../src/users/role';
import { listRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** Every route anyone may use without signing in. Adding one means adding it here, on purpose. */
const PUBLIC_ROUTES = [
  'GET /',
  'GET /accessibility',
  'GET /accept-invitation',
  'POST /accept-invitation',
  'GET /cookies',
  // Single-use feedback links for families and professionals, who have no account.
  'GET /feedback/:token',
  'POST /feedback/:token',
  'GET /feedback/thank-you',
  'GET /forgot-password',
  'POST /forgot-password',
  'GET /health',
  // The OCDS release package, served only when OCDS_PUBLIC is on.
  'GET /open-data/ocds/release-package.json',
  'GET /privacy',
  'GET /register',
  'POST /register',
  'GET /register/confirm',
  'GET /reset-password',
  'GET /session/timed-out',
  'GET /setup',
  'POST /setup',
  'POST /reset-password',
  'GET /sign-in',
  'POST /sign-in',
  // The second step of signing in: each needs a password accepted moments before, in the session.
  'GET /sign-in/recovery-code',
  'POST /sign-in/recovery-code',
  'GET /sign-in/set-up-two-factor',
  'POST /sign-in/set-up-two-factor',
  'GET /sign-in/two-factor',
  'POST /sign-in/two-factor',
  'GET /sign-out',
];

describe('security baseline', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  it('has no public route except the listed ones', () => {
    const routes = listRoutes(testApp);
    expect(routes.length).toBeGreaterThan(PUBLIC_ROUTES.length);
    expect(
      routes
        .filter((route) => route.isPublic)
        .map((route) => route.route)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('sends every private GET route to sign in when signed out', async () => {
    const privateGets = listRoutes(testApp).filter((route) => !route.isPublic && route.route.startsWith('GET '));
    for (const { route } of privateGets) {
      const path = route.slice(4).replace(':id', '00000000-0000-0000-0000-000000000000');
      const response = await request(testApp.server).get(path);
      expect({ route, status: response.status, location: response.headers.location }).toEqual({ route, status: 303, location: '/sign-in' });
    }
  });

  it('answers a malformed id in any URL with a 4xx page, never a 500', async () => {
    const byRole = new Map<Role, WebSession>();
    for (const [email, role] of [
      [DEMO.provider, 'provider_user'],
      [DEMO.commissioner, 'commissioner'],
      [DEMO.panelMember, 'panel_member'],
      [DEMO.frameworkManager, 'framework_manager'],
      [DEMO.admin, 'system_admin'],
    ] as const) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      byRole.set(role, visitor);
    }
    const withIds = listRoutes(testApp).filter((route) => route.route.startsWith('GET ') && route.route.includes(':'));
    expect(withIds.length).toBeGreaterThan(5);
    for (const { route, roles } of withIds) {
      const visitor = byRole.get((roles ?? ['provider_user']).find((role) => byRole.has(role))!)!;
      const page = await visitor.get(route.slice(4).replace(/:\w+/g, 'not-a-uuid'));
      expect({ route, status: page.status >= 400 && page.status < 500 }).toEqual({ route, status: true });
    }
  });

  it('refuses every private POST route when signed out, changing nothing', async () => {
    const before = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
    const visitor = new WebSession(testApp.server);
    const csrf = (await visitor.get('/sign-in')).$('input[name=_csrf]').val() as string;
    for (const { route } of listRoutes(testApp).filter((candidate) => !candidate.isPublic && candidate.route.startsWith('POST '))) {
      const page = await visitor.post(route.slice(5).replace(':id', '00000000-0000-0000-0000-000000000000'), { _csrf: csrf, roles: 'system_admin' });
      expect({ route, status: page.status, location: page.location }).toEqual({ route, status: 303, location: '/sign-in' });
    }
    expect(await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
  });

  it('refuses a POST without a CSRF token', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.get('/sign-in');
    const page = await visitor.post('/sign-in', { email: DEMO.admin, password: 'demo-password-apse' });
    expect(page.status).toBe(403);
    expect(page.heading).toBe('This form has expired');
  });

  it('refuses a POST with a wrong CSRF token, even when signed in', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.admin);
    const page = await visitor.post('/admin/users/new', { fullName: 'Eve', email: 'eve@evil.example', roles: 'system_admin', _csrf: 'x'.repeat(43) });
    expect(page.status).toBe(403);
    const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'eve@evil.example'`);
    expect(n).toBe(0);
  });

  it('refuses a CSRF token from another session', async () => {
    const victim = new WebSession(testApp.server);
    await victim.signIn(DEMO.admin);
    const attacker = new WebSession(testApp.server);
    const attackerToken = (await attacker.get('/sign-in')).$('input[name=_csrf]').val() as string;
    const page = await victim.post('/admin/users/new', { fullName: 'Eve', email: 'eve@evil.example', roles: 'system_admin', _csrf: attackerToken });
    expect(page.status).toBe(403);
  });

  it('sets the security headers, with a fresh script nonce on each page', async () => {
    const first = await request(testApp.server).get('/sign-in');
    const second = await request(testApp.server).get('/sign-in');
    const csp = first.headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    expect(second.headers['content-security-policy']).not.toContain(nonce);
    expect(first.text).toContain(`<script nonce="${nonce}">`);
    expect(first.text).toContain(`<script type="module" nonce="${nonce}">`);
    expect(first.text).not.toMatch(/<script(?![^>]*nonce=)[^>]*>/);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect(first.headers['x-powered-by']).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure behind HTTPS', async () => {
    const plain = await request(testApp.server).get('/sign-in');
    const cookie = plain.headers['set-cookie'][0];
    expect(cookie).toMatch(/^portal\.sid=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    // Idle timeout: the cookie (and the stored session) lapse 30 minutes after the last request.
    const expires = new Date(cookie.match(/Expires=([^;]+)/)![1]).getTime();
    expect(Math.abs(expires - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);

    const httpsApp = await createTestApp({ env: { BASE_URL: 'https://portal.example.gov.uk' } });
    try {
      const secure = await request(httpsApp.server).get('/sign-in').set('X-Forwarded-Proto', 'https');
      expect(secure.headers['set-cookie'][0]).toContain('Secure');
      expect(secure.headers['strict-transport-security']).toContain('max-age=31536000');
    } finally {
      await httpsApp.close();
    }
  });

  it('starts no session for pages without forms', async () => {
    const response = await request(testApp.server).get('/accessibility');
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('shows a GOV.UK 404 page', async () => {
    const page = await new WebSession(testApp.server).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.heading).toBe('Page not found');
  });

  it('shows a GOV.UK 500 page without a stack trace when something breaks', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.frameworkManager);
    await testApp.dataSource.query('ALTER TABLE therapy_types RENAME TO therapy_types_hidden');
    try {
      const page = await visitor.get('/framework-manager');
      expect(page.status).toBe(500);
      expect(page.heading).toBe('Sorry, there is a problem with the service');
      expect(page.html).not.toMatch(/at \w+ \(|QueryFailedError|therapy_types|\.ts:\d+/);
    } finally {
      await testApp.dataSource.query('ALTER TABLE therapy_types_hidden RENAME TO therapy_types');
    }
  });

  it.each([
    [
      'malformed JSON',
      (agent: request.Agent, csrf: string) => agent.post('/sign-in').set('Content-Type', 'application/json').set('X-CSRF-Token', csrf).send('{"email":'),
    ],
    [
      'an oversized body',
      (agent: request.Agent, csrf: string) =>
        agent
          .post('/sign-in')
          .type('form')
          .send(`_csrf=${csrf}&email=${'a'.repeat(300_000)}`),
    ],
    [
      'arrays instead of strings',
      (agent: request.Agent, csrf: string) => agent.post('/sign-in').type('form').send(`_csrf=${csrf}&email[]=a&email[]=b&password[x]=y`),
    ],
    ['nested objects', (agent: request.Agent, csrf: string) => agent.post('/forgot-password').type('form').send(`_csrf=${csrf}&email[a][b][c]=d`)],
    [
      'a bad token type',
      (agent: request.Agent, csrf: string) => agent.post('/reset-password').type('form').send(`_csrf=${csrf}&token[]=x&password=long enough password`),
    ],
  ])('answers %s with a 4xx page, never a 500', async (_name, send) => {
    const visitor = new WebSession(testApp.server);
    const csrf = (await visitor.get('/sign-in')).$('input[name=_csrf]').val() as string;
    const response = await send(visitor.agent as unknown as request.Agent, csrf);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.text).toContain('govuk-');
    expect(response.text).not.toMatch(/\n\s+at /);
  });

  it('never writes passwords or tokens to the log', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({ logLines: lines });
    try {
      const visitor = new WebSession(logged.server);
      await visitor.submit('/sign-in', { email: DEMO.admin, password: 'a wrong secret password' });
      await visitor.signIn(DEMO.admin);
      await visitor.get('/reset-password?token=SECRETTOKENSECRETTOKENSECRETTOKENSECRETTOK');
      await logged.app.get(ModulesContainer); // the app stays up while we read
      const log = lines.join('');
      expect(log).toContain('"url":"/sign-in"');
      expect(log).toContain('/reset-password?token=[redacted]');
      expect(log).not.toContain('a wrong secret password');
      expect(log).not.toContain('demo-password-apse');
      expect(log).not.toContain('SECRETTOKEN');
      expect(log).not.toContain('portal.sid=');
    } finally {
      await logged.close();
    }
  });
});
