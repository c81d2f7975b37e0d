import { newTotpSecret, totpCodeAt, totpStepAt } from '../src/auth/two-factor/totp';
import { TwoFactorService } from '../src/auth/two-factor/two-factor.service';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { WebSession } from './support/web-session';

/**
 * Flow attacks on signing in: each is the journey an attacker would take,
 * against the real app and database.
 */

/** The dashboard sends signed-in people on to their role's home page, and everyone else to sign in. */
async function isSignedIn(visitor: WebSession): Promise<boolean> {
  const page = await visitor.get('/dashboard');
  return page.status === 200 || (page.status === 303 && page.location !== '/sign-in');
}

const secretOn = (page: { $: (selector: string) => { text(): string } }) => page.$('#secret').text().replace(/\s/g, '');

describe('flow attacks on sign-in', () => {
  let testApp: TestApp;
  const step = () => totpStepAt(new Date());

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true, env: { STAFF_TWO_FACTOR: 'required' } });
  });
  afterAll(() => testApp.close());

  const passwordStep = async (email: string, password = FACTORY_PASSWORD) => {
    const visitor = new WebSession(testApp.server);
    const page = await visitor.submit('/sign-in', { email, password });
    return { visitor, page };
  };

  const storedTwoFactor = async (email: string) =>
    (await testApp.dataSource.query(`SELECT id, totp_secret, totp_enabled_at FROM users WHERE email = $1`, [email]))[0] as { id: string; totp_secret: string | null; totp_enabled_at: Date | null };

  /** A staff user who set up an authenticator at their first sign-in; returns their secret. */
  const enrolledStaff = async () => {
    const victim = await createUser(testApp.dataSource, { roles: ['commissioner'] });
    const { visitor, page } = await passwordStep(victim.email);
    expect(page.location).toBe('/sign-in/set-up-two-factor');
    const secret = secretOn(await visitor.get('/sign-in/set-up-two-factor'));
    expect((await visitor.submit('/sign-in/set-up-two-factor', { code: await totpCodeAt(secret, step()) })).location).toBe('/sign-in/recovery-codes');
    return { victim, secret };
  };

  describe('two-factor: the set-up step cannot stand in for the code', () => {
    it('sets up an authenticator at a first sign-in, then asks for its code, as before', async () => {
      const { victim, secret } = await enrolledStaff();
      const stored = await storedTwoFactor(victim.email);
      expect(stored.totp_secret).toBe(secret);
      const events = await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [victim.id]);
      expect(events.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['user.two_factor_enabled', 'user.signed_in']));

      const { visitor, page } = await passwordStep(victim.email);
      expect(page.location).toBe('/sign-in/two-factor');
      expect((await visitor.get('/sign-in/two-factor')).status).toBe(200);
      expect((await visitor.submit('/sign-in/two-factor', { code: await totpCodeAt(secret, step() + 1) })).location).toBe('/dashboard');
      expect(await isSignedIn(visitor)).toBe(true);
    });

    it('shows no new key to someone with only the password, and a code for a key of their own neither signs them in nor replaces the authenticator', async () => {
      const { victim, secret } = await enrolledStaff();
      const before = await storedTwoFactor(victim.email);
      const twoFactorEvents = async () =>
        (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'user.two_factor%'`, [victim.id]))[0].n as number;
      expect(await twoFactorEvents()).toBe(1);

      const { visitor: attacker, page } = await passwordStep(victim.email);
      expect(page.location).toBe('/sign-in/two-factor');
      const setUpPage = await attacker.get('/sign-in/set-up-two-factor');
      expect([303, 403, 404]).toContain(setUpPage.status);
      expect(setUpPage.location).not.toBe('/sign-in/set-up-two-factor');
      const shown = secretOn(setUpPage);
      expect(shown).toBe('');

      // Whatever key the attacker has, a code for it gets them nowhere.
      const attackerSecret = shown || newTotpSecret();
      const csrf = (await attacker.get('/sign-in/two-factor')).$('input[name=_csrf]').val() as string;
      const posted = await attacker.post('/sign-in/set-up-two-factor', { code: await totpCodeAt(attackerSecret, step()), _csrf: csrf });
      expect(posted.status).not.toBe(500);
      expect(posted.location).not.toBe('/sign-in/recovery-codes');
      expect(await isSignedIn(attacker)).toBe(false);
      // A refused set-up form is re-rendered with its model: that must not make a key either.
      const refused = await attacker.post('/sign-in/set-up-two-factor', { code: 'abc', _csrf: csrf });
      expect(refused.status).toBe(404);
      expect(secretOn(refused)).toBe('');

      const after = await storedTwoFactor(victim.email);
      expect(after.totp_secret).toBe(before.totp_secret);
      expect(after.totp_secret).toBe(secret);
      expect(after.totp_enabled_at).toEqual(before.totp_enabled_at);
      expect(await twoFactorEvents()).toBe(1);
      // The victim's own app still works.
      const { visitor: owner } = await passwordStep(victim.email);
      expect((await owner.submit('/sign-in/two-factor', { code: await totpCodeAt(secret, step() + 1) })).location).toBe('/dashboard');
    });

    it('keeps the code page for those who have an authenticator: someone due to set one up is sent to set it up', async () => {
      const newcomer = await createUser(testApp.dataSource, { roles: ['framework_manager'] });
      const { visitor, page } = await passwordStep(newcomer.email);
      expect(page.location).toBe('/sign-in/set-up-two-factor');
      const codePage = await visitor.get('/sign-in/two-factor');
      expect(codePage.status).toBe(303);
      expect(codePage.location).toBe('/sign-in/set-up-two-factor');
      const csrf = (await visitor.get('/sign-in/set-up-two-factor')).$('input[name=_csrf]').val() as string;
      const posted = await visitor.post('/sign-in/two-factor', { code: '123456', _csrf: csrf });
      expect(posted.status).toBe(303);
      expect(posted.location).toBe('/sign-in/set-up-two-factor');
      expect(await isSignedIn(visitor)).toBe(false);
    });

    it('refuses in the service to enrol an account that already has an authenticator, changing nothing', async () => {
      const { victim, secret } = await enrolledStaff();
      const twoFactor = testApp.app.get(TwoFactorService);
      const fresh = newTotpSecret();
      await expect(twoFactor.enrol(victim.id, fresh, await totpCodeAt(fresh, step()))).rejects.toThrow();
      expect((await storedTwoFactor(victim.email)).totp_secret).toBe(secret);
      const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'user.two_factor%'`, [victim.id]);
      expect(n).toBe(1);
    });

    it('enrols, in the service, an account with no authenticator, with its audit event', async () => {
      const newcomer = await createUser(testApp.dataSource, { roles: ['panel_member'] });
      const twoFactor = testApp.app.get(TwoFactorService);
      const fresh = newTotpSecret();
      const codes = await twoFactor.enrol(newcomer.id, fresh, await totpCodeAt(fresh, step()));
      expect(codes).toHaveLength(10);
      expect((await storedTwoFactor(newcomer.email)).totp_secret).toBe(fresh);
      const events = await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [newcomer.id]);
      expect(events.map((event: { action: string }) => event.action)).toContain('user.two_factor_enabled');
    });
  });
});
