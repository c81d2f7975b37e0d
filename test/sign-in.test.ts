import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';
import { SESSION_TOUCH_WINDOW_MS } from '../src/common/http/session-store';

describe('signing in and out', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  const session = () => new WebSession(testApp.server);

  it('shows the sign-in page with a CSRF token and novalidate', async () => {
    const page = await session().get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.title).toBe('Sign in - Adoption Support Commissioning Portal');
    expect(page.$('form').attr('novalidate')).toBeDefined();
    expect(page.$('input[name="_csrf"]').attr('value')).toMatch(/^[\w-]{43}$/);
  });

  it('asks for both fields when the form is empty', async () => {
    const page = await session().submit('/sign-in', {});
    expect(page.status).toBe(400);
    expect(page.title).toBe('Error: Sign in - Adoption Support Commissioning Portal');
    expect(page.errorSummary).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    expect(page.fieldErrors).toEqual({ email: 'Enter your email address', password: 'Enter your password' });
    expect(page.$('#email').attr('aria-describedby')).toBe('email-error');
  });

  it('refuses a wrong password, keeps the email and never echoes the password', async () => {
    const page = await session().submit('/sign-in', { email: DEMO.commissioner, password: 'not the right password' });
    expect(page.status).toBe(400);
    expect(page.errorSummary).toEqual([{ text: 'The email address or password is not correct', href: '#email' }]);
    expect(page.$('#email').val()).toBe(DEMO.commissioner);
    expect(page.html).not.toContain('not the right password');
  });

  it.each([
    [DEMO.provider, '/provider', 'Your organisation'],
    [DEMO.commissioner, '/commissioner', 'Commissioning'],
    [DEMO.frameworkManager, '/framework-manager', 'Framework'],
    [DEMO.panelMember, '/panel', 'Multi-agency resource panel'],
    [DEMO.admin, '/admin', 'Admin'],
  ])('lands %s on their own dashboard', async (email, path, heading) => {
    const visitor = session();
    const signedIn = await visitor.signIn(email);
    expect(signedIn.location).toBe('/dashboard');
    const dashboard = await visitor.get('/dashboard');
    expect(dashboard.location).toBe(path);
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(page.heading).toBe(heading);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.$('.govuk-service-navigation__link[href="/sign-out"]').text().trim()).toBe('Sign out');
    expect(page.$('.govuk-service-navigation__item--active a').attr('href')).toBe(path);
  });

  it('lets someone with several roles choose a dashboard', async () => {
    await testApp.dataSource.query(`UPDATE users SET roles = '{commissioner,panel_member}' WHERE email = $1`, ['panel.member@medway.example']);
    const visitor = session();
    await visitor.signIn(DEMO.panelMember);
    const page = await visitor.get('/dashboard');
    expect(page.heading).toBe('Choose where to go');
    expect(
      page
        .$('main a')
        .map((_, a) => page.$(a).attr('href'))
        .get(),
    ).toEqual(['/commissioner', '/panel']);
    await testApp.dataSource.query(`UPDATE users SET roles = '{panel_member}' WHERE email = $1`, ['panel.member@medway.example']);
  });

  it('gives a new session id on sign-in, so a planted session is useless', async () => {
    const visitor = session();
    await visitor.get('/sign-in');
    const before = visitor.cookie('portal.sid');
    expect(before).toBeDefined();
    await visitor.signIn(DEMO.commissioner);
    const after = visitor.cookie('portal.sid');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const [row] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM sessions WHERE sid = $1', [
      decodeURIComponent(before!).slice(2).split('.')[0],
    ]);
    expect(row.n).toBe(0);
  });

  it('returns to the page that asked for sign-in, but only on this site', async () => {
    const visitor = session();
    expect((await visitor.get('/admin/audit?page=1')).location).toBe('/sign-in');
    const signedIn = await visitor.signIn(DEMO.admin);
    expect(signedIn.location).toBe('/admin/audit?page=1');
  });

  it('destroys the session on sign-out', async () => {
    const visitor = session();
    await visitor.signIn(DEMO.commissioner);
    const cookie = visitor.cookie('portal.sid')!;
    const signedOut = await visitor.get('/sign-out');
    expect(signedOut.heading).toBe('You have signed out');
    const replay = new WebSession(testApp.server);
    replay.agent.jar.setCookie(`portal.sid=${cookie}`, '127.0.0.1', '/');
    expect((await replay.get('/commissioner')).location).toBe('/sign-in');
  });

  it('ends a session left idle past SESSION_IDLE_MINUTES, and pushes the deadline back on each request', async () => {
    const visitor = session();
    await visitor.signIn(DEMO.commissioner);
    const sid = decodeURIComponent(visitor.cookie('portal.sid')!).slice(2).split('.')[0];
    const expiry = async () => new Date((await testApp.dataSource.query('SELECT expire FROM sessions WHERE sid = $1', [sid]))[0].expire).getTime();
    // Idle for 25 of the 30 minutes: the next request moves the deadline 30 minutes on from now,
    // plus the touch window that lets later requests skip the write.
    await testApp.dataSource.query(`UPDATE sessions SET expire = now() + interval '5 minutes' WHERE sid = $1`, [sid]);
    expect((await visitor.get('/commissioner')).status).toBe(200);
    expect(Math.abs((await expiry()) - (Date.now() + 30 * 60_000 + SESSION_TOUCH_WINDOW_MS))).toBeLessThan(30_000);
    // Idle past the deadline: the same cookie no longer signs anyone in.
    await testApp.dataSource.query(`UPDATE sessions SET expire = now() - interval '1 second' WHERE sid = $1`, [sid]);
    expect((await visitor.get('/commissioner')).location).toBe('/sign-in');
  });

  it('records sign-ins in the audit log', async () => {
    await session().signIn(DEMO.frameworkManager);
    const rows = await testApp.dataSource.query(`SELECT actor_email FROM audit_events WHERE action = 'user.signed_in' AND actor_email = $1`, [
      DEMO.frameworkManager,
    ]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('throttles repeated failures for an email address', async () => {
    const visitor = session();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const page = await visitor.submit('/sign-in', { email: DEMO.otherProvider, password: `wrong password ${attempt}` });
      expect(page.status).toBe(400);
    }
    const locked = await visitor.submit('/sign-in', { email: DEMO.otherProvider, password: 'demo-password-apse' });
    expect(locked.status).toBe(429);
    expect(locked.errorSummary[0].text).toBe('You have tried to sign in too many times. Wait 1 minute, then try again.');
    // The right password does not get through while locked, and other accounts are unaffected.
    await session().signIn(DEMO.provider);
  });
});
