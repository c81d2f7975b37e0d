import { totpCodeAt, totpStepAt } from '../src/auth/two-factor/totp';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** A code for `secret` that differs from the right one, and is not the right one for the neighbouring steps either. */
async function wrongCodeFor(secret: string): Promise<string> {
  const step = totpStepAt(new Date());
  const right = new Set(await Promise.all([-1, 0, 1].map((offset) => totpCodeAt(secret, step + offset))));
  return ['111111', '222222', '333333', '444444'].find((code) => !right.has(code))!;
}

/** The dashboard sends signed-in people on to their role's home page, and everyone else to sign in. */
async function isSignedIn(visitor: WebSession): Promise<boolean> {
  const page = await visitor.get('/dashboard');
  return page.status === 200 || (page.status === 303 && page.location !== '/sign-in');
}

describe('two-factor sign-in', () => {
  let testApp: TestApp;
  let secret: string;
  let recoveryCodes: string[];
  const step = () => totpStepAt(new Date());

  beforeAll(async () => {
    testApp = await createTestApp({ env: { STAFF_TWO_FACTOR: 'required' } });
  });
  afterAll(() => testApp.close());

  const passwordStep = async (email: string) => {
    const visitor = new WebSession(testApp.server);
    const page = await visitor.submit('/sign-in', { email, password: 'demo-password-apse' });
    return { visitor, page };
  };

  it('makes staff set up an authenticator app before they are signed in', async () => {
    const { visitor, page } = await passwordStep(DEMO.commissioner);
    expect(page.location).toBe('/sign-in/set-up-two-factor');
    // The password alone signs nobody in.
    expect(await isSignedIn(visitor)).toBe(false);

    const setUp = await visitor.get('/sign-in/set-up-two-factor');
    expect(setUp.heading).toBe('Set up an authenticator app');
    expect(setUp.$('.app-qr-code svg[role=img] title').text()).toContain('QR code');
    secret = setUp.$('#secret').text().replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading keeps the same secret, so a scanned code stays valid.
    expect((await visitor.get('/sign-in/set-up-two-factor')).$('#secret').text().replace(/\s/g, '')).toBe(secret);

    const wrong = await visitor.submit('/sign-in/set-up-two-factor', { code: await wrongCodeFor(secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.title).toMatch(/^Error: /);
    expect(wrong.errorSummary.map((error) => error.text)).toEqual(['The code is not right. Enter the code your app shows now for this account']);
    expect(wrong.$('#secret').text().replace(/\s/g, '')).toBe(secret);
    const blank = await visitor.submit('/sign-in/set-up-two-factor', { code: 'abc' });
    expect(blank.fieldErrors.code).toBe('The code must be 6 digits, like 123456');

    const done = await visitor.submit('/sign-in/set-up-two-factor', { code: await totpCodeAt(secret, step()) });
    expect(done.location).toBe('/sign-in/recovery-codes');
    const codesPage = await visitor.get('/sign-in/recovery-codes');
    expect(codesPage.headers['cache-control']).toContain('no-store');
    recoveryCodes = codesPage
      .$('#recovery-codes li')
      .map((_, item) => codesPage.$(item).text().trim())
      .get();
    expect(recoveryCodes).toHaveLength(10);
    // Shown once only.
    expect((await visitor.get('/sign-in/recovery-codes')).location).toBe('/dashboard');
    expect(await isSignedIn(visitor)).toBe(true);

    const [user] = await testApp.dataSource.query(`SELECT id, totp_enabled_at FROM users WHERE email = $1`, [DEMO.commissioner]);
    expect(user.totp_enabled_at).not.toBeNull();
    const events = await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`, [user.id]);
    expect(events.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['user.two_factor_enabled', 'user.signed_in']));
    // Only hashes are kept.
    const stored = await testApp.dataSource.query(`SELECT code_hash FROM recovery_codes WHERE user_id = $1`, [user.id]);
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);
  });

  it('asks for a code at every sign-in after that, and never takes the same code twice', async () => {
    const { visitor, page } = await passwordStep(DEMO.commissioner);
    expect(page.location).toBe('/sign-in/two-factor');
    expect(await isSignedIn(visitor)).toBe(false);
    const codePage = await visitor.get('/sign-in/two-factor');
    expect(codePage.$('#code').attr('autocomplete')).toBe('one-time-code');
    // The set-up used this step's code; the next step's is within the allowed drift.
    const nextCode = await totpCodeAt(secret, step() + 1);
    expect((await visitor.submit('/sign-in/two-factor', { code: nextCode })).location).toBe('/dashboard');
    expect(await isSignedIn(visitor)).toBe(true);

    const replay = await passwordStep(DEMO.commissioner);
    const refused = await replay.visitor.submit('/sign-in/two-factor', { code: nextCode });
    expect(refused.status).toBe(400);
    expect(refused.errorSummary[0].text).toContain('already been used');
    expect(await isSignedIn(replay.visitor)).toBe(false);
  });

  it('signs in once with each recovery code', async () => {
    const first = await passwordStep(DEMO.commissioner);
    expect((await first.visitor.get('/sign-in/recovery-code')).heading).toBe('Enter a recovery code');
    expect((await first.visitor.submit('/sign-in/recovery-code', { code: ` ${recoveryCodes[3].toUpperCase()} ` })).location).toBe('/dashboard');

    const second = await passwordStep(DEMO.commissioner);
    const used = await second.visitor.submit('/sign-in/recovery-code', { code: recoveryCodes[3] });
    expect(used.status).toBe(400);
    expect(used.errorSummary[0].text).toBe('That recovery code is not right, or has already been used');
    const [{ left }] = await testApp.dataSource.query(
      `SELECT count(*)::int AS left FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = $1 AND r.used_at IS NULL`,
      [DEMO.commissioner],
    );
    expect(left).toBe(9);
  });

  it('sends the person back to their password after five wrong codes', async () => {
    // The earlier tests' wrong codes count towards the throttle; start this one from none.
    await testApp.dataSource.query(`DELETE FROM sign_in_throttles`);
    const { visitor } = await passwordStep(DEMO.commissioner);
    const wrong = await wrongCodeFor(secret);
    for (let attempt = 1; attempt <= 4; attempt++) expect((await visitor.submit('/sign-in/two-factor', { code: wrong })).status).toBe(400);
    const fifth = await visitor.submit('/sign-in/two-factor', { code: wrong });
    expect(fifth.status).toBe(429);
    expect(fifth.errorSummary[0].text).toBe('You entered too many wrong codes. Sign in again with your password.');
    expect((await visitor.get('/sign-in/two-factor')).location).toBe('/sign-in');
    const [{ failures }] = await testApp.dataSource.query(
      `SELECT count(*)::int AS failures FROM audit_events e JOIN users u ON u.id::text = e.entity_id::text WHERE u.email = $1 AND e.action = 'user.two_factor_failed'`,
      [DEMO.commissioner],
    );
    expect(failures).toBeGreaterThanOrEqual(5);
    // Wrong codes are throttled across sign-ins too: with the password again, even the right code must wait.
    const again = await passwordStep(DEMO.commissioner);
    const throttled = await again.visitor.submit('/sign-in/two-factor', { code: await totpCodeAt(secret, step() + 1) });
    expect(throttled.status).toBe(429);
    expect(throttled.errorSummary[0].text).toMatch(/^You have tried to sign in too many times. Wait \d+ minutes?, then try again.$/);
    // Even the right code no longer helps without the password again.
    const late = await visitor.post('/sign-in/two-factor', { code: await totpCodeAt(secret, step() + 1), _csrf: 'x' });
    expect(late.status).not.toBe(303);
  });

  it('does not ask provider users, for whom it is optional', async () => {
    const { page } = await passwordStep(DEMO.provider);
    expect(page.location).toBe('/dashboard');
  });

  it('has no second step to visit without a password first', async () => {
    const visitor = new WebSession(testApp.server);
    for (const path of ['/sign-in/two-factor', '/sign-in/recovery-code', '/sign-in/set-up-two-factor', '/sign-in/recovery-codes']) {
      const page = await visitor.get(path);
      expect({ path, status: page.status, location: page.location }).toEqual({ path, status: 303, location: '/sign-in' });
    }
  });
});
