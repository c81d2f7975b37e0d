import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * The GOV.UK timeout pattern: signed-in pages carry a warning dialog, shown
 * by script two minutes before the idle sign-out, that can keep the session
 * alive; when time runs out the person lands on a page that says what happened.
 */
describe('signing out after a period without activity', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { SESSION_IDLE_MINUTES: '20' } });
  });
  afterAll(() => testApp.close());

  it('puts the warning dialog on signed-in pages only, timed from the configured idle period', async () => {
    const visitor = new WebSession(testApp.server);
    expect((await visitor.get('/sign-in')).$('#session-timeout').length).toBe(0);
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const page = await commissioner.get('/requirements');
    expect(page.status).toBe(200);
    const dialog = page.$('dialog#session-timeout');
    expect(dialog.length).toBe(1);
    expect(dialog.attr('data-idle-seconds')).toBe('1200');
    expect(dialog.attr('data-warning-seconds')).toBe('120');
    expect(dialog.attr('aria-labelledby')).toBe('session-timeout-heading');
    expect(dialog.find('#session-timeout-heading').text()).toBe('You’re about to be signed out');
    expect(
      dialog
        .find('button')
        .map((_, button) => page.$(button).text().trim())
        .get(),
    ).toEqual(['Stay signed in']);
    expect(dialog.find('a[href="/sign-out"]').text()).toBe('Sign out');
    expect(page.$('script[src="/app-assets/session-timeout.js"]').length).toBe(1);
  });

  it('keeps a signed-in session alive on request, and refuses to for a visitor', async () => {
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const kept = await commissioner.get('/session/keep-alive');
    expect(kept.status).toBe(204);
    expect(kept.headers['cache-control']).toBe('no-store');
    const visitor = new WebSession(testApp.server);
    expect((await visitor.get('/session/keep-alive')).status).toBe(303);
  });

  it('keeps the stored session alive a whole idle period past each request, without a write on every page', async () => {
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const storedExpiry = async () =>
      (
        await testApp.dataSource.query(
          `SELECT extract(epoch FROM expire)::float8 * 1000 AS expires, extract(epoch FROM now())::float8 * 1000 AS now FROM sessions WHERE sess -> 'passport' ->> 'user' = (SELECT id::text FROM users WHERE email = $1) ORDER BY expire DESC LIMIT 1`,
          [DEMO.commissioner],
        )
      )[0] as { expires: number; now: number };
    expect((await commissioner.get('/requirements')).status).toBe(200);
    const first = await storedExpiry();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await commissioner.get('/requirements')).status).toBe(200);
    const second = await storedExpiry();
    // The second page view wrote nothing, and the stored session still outlives a full idle period from now.
    expect(second.expires).toBe(first.expires);
    expect(second.expires - second.now).toBeGreaterThanOrEqual(20 * 60_000);
    expect(second.expires - second.now).toBeLessThanOrEqual(21 * 60_000 + 1000);
    expect((await commissioner.get('/session/keep-alive')).status).toBe(204);
  });

  it('signs out and says so when the time runs out, whether or not the session is still there', async () => {
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const page = await commissioner.get('/session/timed-out');
    expect(page.status).toBe(200);
    expect(page.$('h1').text()).toBe('You have been signed out');
    expect(page.$('main').text()).toContain(
      'You have not done anything for 20 minutes, so we signed you out to keep your information secure. Anything you had not saved has not been kept.',
    );
    expect(page.$('a[href="/sign-in"]').text()).toBe('Sign in again');
    expect((await commissioner.get('/dashboard')).status).toBe(303);
    expect((await new WebSession(testApp.server).get('/session/timed-out')).status).toBe(200);
  });
});
