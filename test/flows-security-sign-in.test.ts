import { randomUUID } from 'node:crypto';
import { REQUEST_LIMITS } from '../src/auth/sign-in-throttle.policy';
import { newTotpSecret, totpCodeAt, totpStepAt } from '../src/auth/two-factor/totp';
import { TwoFactorService } from '../src/auth/two-factor/two-factor.service';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, Page, WebSession } from './support/web-session';

/**
 * Flow attacks on signing in: each is the journey an attacker would take,
 * against the real app and database.
 */

/** The dashboard sends signed-in people on to their role's home page, and everyone else to sign in. */
async function isSignedIn(visitor: WebSession): Promise<boolean> {
  const page = await visitor.get('/dashboard');
  return page.status === 200 || (page.status === 303 && page.location !== '/sign-in');
}

/** A page as bytes, less what differs on every response (CSRF tokens, CSP nonces) and the address typed. */
function normalised(page: Page, address: string): string {
  return (
    JSON.stringify({ status: page.status, location: page.location ?? null, type: page.headers['content-type'] ?? null }) +
    page.html
      .replace(/(name="_csrf" value=")[^"]*"/g, '$1CSRF"')
      .replace(/(name="csrf-token" content=")[^"]*"/g, '$1CSRF"')
      .replace(/nonce="[^"]*"/g, 'nonce="NONCE"')
      .split(address)
      .join('ADDRESS')
  );
}

let ipCounter = 0;
/** A visitor from an address of its own (the app trusts X-Forwarded-For from the loopback proxy), so each test has its own per-IP count. */
function visitorFrom(server: TestApp['server'], ip = `198.51.100.${++ipCounter}`): WebSession {
  const visitor = new WebSession(server);
  visitor.agent.set('X-Forwarded-For', ip);
  return visitor;
}

const secretOn = (page: { $: (selector: string) => { text(): string } }) => page.$('#secret').text().replace(/\s/g, '');

describe('flow attacks on sign-in', () => {
  let testApp: TestApp;
  const step = () => totpStepAt(new Date());

  beforeAll(async () => {
    // SQL_STATEMENT_COUNTS: the X-Sql-Statements header shows how much work each answer took.
    testApp = await createTestApp({ smtp: true, env: { STAFF_TWO_FACTOR: 'required', SQL_STATEMENT_COUNTS: 'true' } });
  });
  afterAll(() => testApp.close());

  const passwordStep = async (email: string, password = FACTORY_PASSWORD) => {
    const visitor = new WebSession(testApp.server);
    const page = await visitor.submit('/sign-in', { email, password });
    return { visitor, page };
  };

  const storedTwoFactor = async (email: string) =>
    (await testApp.dataSource.query(`SELECT id, totp_secret, totp_enabled_at FROM users WHERE email = $1`, [email]))[0] as {
      id: string;
      totp_secret: string | null;
      totp_enabled_at: Date | null;
    };

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
        (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'user.two_factor%'`, [victim.id]))[0]
          .n as number;
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
      const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'user.two_factor%'`, [
        victim.id,
      ]);
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

  describe('enumeration and throttling', () => {
    const emailsTo = async (address: string) =>
      (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE to_address = $1`, [address]))[0].n as number;
    const fresh = (name: string) => `${name}-${randomUUID()}@enumeration.example`;

    it('answers forgot-password the same, byte for byte, for an address with an account and one without, doing the same work for each', async () => {
      const known = await createUser(testApp.dataSource, {
        roles: ['provider_user'],
        providerId: (await testApp.dataSource.query(`SELECT id FROM provider_organisations LIMIT 1`))[0].id,
      });
      const unknown = fresh('nobody');
      const visitor = visitorFrom(testApp.server);
      const counts = async () =>
        (await testApp.dataSource.query(`SELECT (SELECT count(*) FROM notifications)::int AS emails, (SELECT count(*) FROM audit_events)::int AS events`))[0];

      const before = await counts();
      const forKnown = await visitor.submit('/forgot-password', { email: known.email });
      const middle = await counts();
      const forUnknown = await visitor.submit('/forgot-password', { email: unknown });
      const after = await counts();

      expect(forKnown.status).toBe(200);
      expect(forKnown.heading).toBe('Check your email');
      expect(normalised(forUnknown, unknown)).toBe(normalised(forKnown, known.email));
      // The same work on each path: as many SQL statements, and the same writes, one email and one audit event.
      expect(forUnknown.headers['x-sql-statements']).toBeDefined();
      expect(forUnknown.headers['x-sql-statements']).toBe(forKnown.headers['x-sql-statements']);
      expect({ emails: middle.emails - before.emails, events: middle.events - before.events }).toEqual({ emails: 1, events: 1 });
      expect({ emails: after.emails - middle.emails, events: after.events - middle.events }).toEqual({ emails: 1, events: 1 });
      // Only the account owner gets a link.
      await testApp.deliverEmails();
      expect(testApp.smtp!.to(known.email).at(-1)!.subject).toBe('Reset your password');
      const note = testApp.smtp!.to(unknown).at(-1)!;
      expect(note.subject).toBe('Someone asked to reset a password with this email address');
      expect(note.text).not.toContain('token=');
    });

    it(`sends no more than ${REQUEST_LIMITS['forgot-password'].perAddress} reset emails to one address in the window, and looks the same after`, async () => {
      const limit = REQUEST_LIMITS['forgot-password'].perAddress;
      const victim = await createUser(testApp.dataSource, { roles: ['commissioner'] });
      const pages: Page[] = [];
      // From several addresses, as a botnet would: the per-address limit holds whatever the IP.
      for (let attempt = 0; attempt <= limit + 2; attempt++) pages.push(await visitorFrom(testApp.server).submit('/forgot-password', { email: victim.email }));
      expect(await emailsTo(victim.email)).toBe(limit);
      for (const page of pages) expect(normalised(page, victim.email)).toBe(normalised(pages[0], victim.email));
    });

    it(`refuses forgot-password from one IP address after ${REQUEST_LIMITS['forgot-password'].perIp} requests, with a clear message`, async () => {
      const visitor = visitorFrom(testApp.server);
      for (let attempt = 0; attempt < REQUEST_LIMITS['forgot-password'].perIp; attempt++) {
        expect((await visitor.submit('/forgot-password', { email: fresh('spray') })).status).toBe(200);
      }
      const address = fresh('spray');
      const refused = await visitor.submit('/forgot-password', { email: address });
      expect(refused.status).toBe(429);
      expect(refused.title).toMatch(/^Error: /);
      expect(refused.errorSummary).toEqual([
        { text: expect.stringMatching(/^You have asked too many times\. Wait \d+ minutes?, then try again\.$/), href: '#email' },
      ]);
      expect(refused.$('#email').val()).toBe(address);
      expect(await emailsTo(address)).toBe(0);
      // Another visitor is not held up.
      expect((await visitorFrom(testApp.server).submit('/forgot-password', { email: fresh('other') })).status).toBe(200);
    });

    it(`throttles registration per IP address after ${REQUEST_LIMITS.register.perIp}`, async () => {
      const visitor = visitorFrom(testApp.server);
      const register = (email: string) =>
        visitor.submit('/register', { organisationName: `Throttle Test ${email}`, fullName: 'Pat Doe', email, password: 'a long enough password' });
      for (let attempt = 0; attempt < REQUEST_LIMITS.register.perIp; attempt++) expect((await register(fresh('register'))).heading).toBe('Check your email');
      const organisations = async () => (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM provider_organisations`))[0].n as number;
      const before = await organisations();
      const address = fresh('register');
      const refused = await register(address);
      expect(refused.status).toBe(429);
      expect(refused.title).toMatch(/^Error: /);
      expect(refused.errorSummary[0].text).toMatch(/^You have asked too many times\. Wait \d+ minutes?, then try again\.$/);
      expect(refused.$('#fullName').val()).toBe('Pat Doe');
      expect(await organisations()).toBe(before);
      expect(await emailsTo(address)).toBe(0);
    });

    it('limits registrations for one address, the same whether or not it has an account', async () => {
      const limit = REQUEST_LIMITS.register.perAddress;
      const address = fresh('again');
      for (let attempt = 0; attempt <= limit + 1; attempt++) {
        const page = await visitorFrom(testApp.server).submit('/register', {
          organisationName: 'Again Ltd',
          fullName: 'Sam Again',
          email: address,
          password: 'a long enough password',
        });
        expect(page.heading).toBe('Check your email');
      }
      // One confirmation, then "you already have an account" notes, up to the limit.
      expect(await emailsTo(address)).toBe(limit);
    });

    it('answers an invitation the same, byte for byte, for an address with an account and one without, and tells the existing owner instead', async () => {
      const admin = visitorFrom(testApp.server);
      await admin.signIn(DEMO.provider);
      const unknown = fresh('colleague');
      const taken = DEMO.commissioner;
      const emailsBefore = await emailsTo(taken);

      const forUnknown = await admin.submit('/provider/colleagues', { fullName: 'Alex Colleague', email: unknown });
      const unknownBanner = await admin.get('/provider/colleagues');
      const forTaken = await admin.submit('/provider/colleagues', { fullName: 'Alex Colleague', email: taken });
      const takenBanner = await admin.get('/provider/colleagues');

      expect(forUnknown.status).toBe(303);
      expect(normalised(forTaken, taken)).toBe(normalised(forUnknown, unknown));
      const banner = (page: Page, address: string) => page.$('.govuk-notification-banner').toString().split(address).join('ADDRESS');
      expect(banner(takenBanner, taken)).toBe(banner(unknownBanner, unknown));
      expect(takenBanner.$('.govuk-notification-banner__heading').text()).toBe(`We have sent an invitation to ${taken}`);

      // The account with the address is left alone, and its owner hears of it, with no link to set a password.
      const [owner] = await testApp.dataSource.query(`SELECT provider_id, status FROM users WHERE email = $1`, [taken]);
      expect(owner).toEqual({ provider_id: null, status: 'active' });
      expect(await emailsTo(taken)).toBe(emailsBefore + 1);
      await testApp.deliverEmails();
      const note = testApp.smtp!.to(taken).at(-1)!;
      expect(note.subject).toBe('Someone tried to invite you to the Adoption Support Commissioning Portal');
      expect(note.text).not.toContain('token=');
      expect(testApp.smtp!.to(unknown).at(-1)!.text).toContain('/accept-invitation?token=');
    });

    it(`sends no more than ${REQUEST_LIMITS['invite-colleague'].perAddress} invitations to one address in the window`, async () => {
      const admin = visitorFrom(testApp.server);
      await admin.signIn(DEMO.provider);
      const address = fresh('invitee');
      for (let attempt = 0; attempt <= REQUEST_LIMITS['invite-colleague'].perAddress + 1; attempt++) {
        expect((await admin.submit('/provider/colleagues', { fullName: 'Robin Invitee', email: address })).status).toBe(303);
      }
      expect(await emailsTo(address)).toBe(REQUEST_LIMITS['invite-colleague'].perAddress);
      // A colleague invited again before signing up gets a new link each time, and only the newest works.
      await testApp.deliverEmails();
      const invitations = testApp.smtp!.to(address);
      expect(invitations.map((email) => email.subject)).toEqual(
        Array(REQUEST_LIMITS['invite-colleague'].perAddress).fill('You have been invited to the Adoption Support Commissioning Portal'),
      );
      const links = invitations.map((email) => email.text.match(/\/accept-invitation\?token=[\w-]+/)![0]);
      expect((await admin.get(links[0])).status).toBe(410);
      expect((await new WebSession(testApp.server).get(links.at(-1)!)).status).toBe(200);
    });
  });
});
