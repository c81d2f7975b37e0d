import { totpCodeAt, totpStepAt } from '../src/auth/two-factor/totp';
import { DEMO_PASSWORD } from '../src/database/seed/demo-data';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

const NEW_PASSWORD = 'a brand new harbour lantern';

describe('your account: password, two-factor sign-in and recovery codes', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ env: { STAFF_TWO_FACTOR: 'required' } });
  });
  afterAll(() => testApp.close());

  const userId = async (email: string): Promise<string> => (await testApp.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]))[0].id;
  const actions = async (email: string): Promise<string[]> =>
    (await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at, id`, [await userId(email)])).map(
      (row: { action: string }) => row.action,
    );
  const emailsTo = async (email: string): Promise<string[]> =>
    (
      await testApp.dataSource.query(`SELECT text_body FROM notifications WHERE to_address = $1 AND template = 'account-changed' ORDER BY created_at`, [email])
    ).map((row: { text_body: string }) => row.text_body);
  const sessionsOf = async (email: string): Promise<number> =>
    (await testApp.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE sess -> 'passport' ->> 'user' = $1`, [await userId(email)]))[0].n;
  const signedIn = async (visitor: WebSession) => (await visitor.get('/account')).status === 200;

  /** Re-enters the password, then sets up an app from the account page. Returns the secret and recovery codes. */
  async function turnOnTwoFactor(visitor: WebSession, password = DEMO_PASSWORD) {
    const askedFirst = await visitor.get('/account/two-factor');
    expect(askedFirst.location).toBe('/account/confirm-password?next=%2Faccount%2Ftwo-factor');
    const confirmed = await visitor.submit(askedFirst.location!, { password, next: '/account/two-factor' });
    expect(confirmed.location).toBe('/account/two-factor');
    const setUp = await visitor.get('/account/two-factor');
    expect(setUp.heading).toBe('Set up an authenticator app');
    const secret = setUp.$('#secret').text().replace(/\s/g, '');
    const done = await visitor.submit('/account/two-factor', { code: await totpCodeAt(secret, totpStepAt(new Date())) });
    expect(done.location).toBe('/sign-in/recovery-codes?from=account');
    const codesPage = await visitor.get(done.location!);
    expect(codesPage.$('a.govuk-button').attr('href')).toBe('/account');
    const recoveryCodes = codesPage
      .$('#recovery-codes li')
      .map((_, item) => codesPage.$(item).text().trim())
      .get();
    expect(recoveryCodes).toHaveLength(10);
    return { secret, recoveryCodes };
  }

  it('shows each person their sign-in details, linked from the header', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.provider);
    const page = await visitor.get('/account');
    expect(page.heading).toBe('Your account');
    expect(page.$('.govuk-service-navigation a[href="/account"]').text()).toContain('Your account');
    expect(page.$('.govuk-summary-list').text()).toContain(DEMO.provider);
    expect(page.$('a[href="/account/two-factor"]').text()).toContain('Turn on');
    expect(page.html).not.toContain('Turn off two-factor sign-in');
  });

  it('lets a provider turn two-factor sign-in on after re-entering the password, and asks for a code from then on', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.provider);
    const wrong = await visitor.submit('/account/confirm-password?next=/account/two-factor', {
      password: 'not my password at all',
      next: '/account/two-factor',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.title).toMatch(/^Error: /);
    expect(wrong.fieldErrors.password).toBe('The password is not correct');
    expect(wrong.$('input[name=next]').val()).toBe('/account/two-factor');
    const { secret } = await turnOnTwoFactor(visitor);
    // Somewhere off-site is never where re-authentication leads.
    const elsewhere = await visitor.submit('/account/confirm-password', { password: DEMO_PASSWORD, next: 'https://evil.example/' });
    expect(elsewhere.location).toBe('/account');
    expect((await visitor.get('/account')).$('.govuk-summary-list').text()).toContain('10 of 10 left');
    expect(await actions(DEMO.provider)).toEqual(expect.arrayContaining(['user.reauthentication_failed', 'user.two_factor_enabled']));
    expect((await emailsTo(DEMO.provider)).join()).toContain('two-factor sign-in was turned on');

    const next = new WebSession(testApp.server);
    const password = await next.submit('/sign-in', { email: DEMO.provider, password: DEMO_PASSWORD });
    expect(password.location).toBe('/sign-in/two-factor');
    expect(await signedIn(next)).toBe(false);
    const code = await next.submit('/sign-in/two-factor', { code: await totpCodeAt(secret, totpStepAt(new Date()) + 1) });
    expect(code.location).toBe('/dashboard');
    expect(await signedIn(next)).toBe(true);
  });

  it('gives new recovery codes, after the password, and the old ones stop working', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.otherProvider);
    const { recoveryCodes: oldCodes } = await turnOnTwoFactor(visitor);
    // The re-entered password is still fresh, so no second prompt.
    expect((await visitor.get('/account/recovery-codes')).heading).toBe('Get new recovery codes');
    const replaced = await visitor.submit('/account/recovery-codes', {});
    expect(replaced.location).toBe('/sign-in/recovery-codes?from=account');
    const codesPage = await visitor.get(replaced.location!);
    const newCodes = codesPage
      .$('#recovery-codes li')
      .map((_, item) => codesPage.$(item).text().trim())
      .get();
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toContain(oldCodes[0]);

    const withOld = new WebSession(testApp.server);
    await withOld.submit('/sign-in', { email: DEMO.otherProvider, password: DEMO_PASSWORD });
    expect((await withOld.submit('/sign-in/recovery-code', { code: oldCodes[0] })).status).toBe(400);
    expect((await withOld.submit('/sign-in/recovery-code', { code: newCodes[0] })).location).toBe('/dashboard');
    expect(await actions(DEMO.otherProvider)).toContain('user.recovery_codes_replaced');

    // A provider may turn it off again, once the password is re-entered.
    const turnOff = await withOld.get('/account/two-factor/turn-off');
    expect(turnOff.location).toBe('/account/confirm-password?next=%2Faccount%2Ftwo-factor%2Fturn-off');
    await withOld.submit(turnOff.location!, { password: DEMO_PASSWORD, next: '/account/two-factor/turn-off' });
    const off = await withOld.submit('/account/two-factor/turn-off', {});
    expect(off.location).toBe('/account');
    expect((await withOld.get('/account')).$('.govuk-notification-banner').text()).toContain('Two-factor sign-in is off');
    const [row] = await testApp.dataSource.query(
      `SELECT totp_enabled_at, (SELECT count(*)::int FROM recovery_codes WHERE user_id = users.id) AS codes FROM users WHERE email = $1`,
      [DEMO.otherProvider],
    );
    expect(row).toEqual({ totp_enabled_at: null, codes: 0 });
  });

  it('changes the password only with the current one, and signs out every other session', async () => {
    // A provider's colleague of their own, so no other test's sessions are involved.
    const email = 'provider.colleague@oakleaf.example';
    await testApp.dataSource.query(
      `INSERT INTO users (email, full_name, roles, provider_id, status, email_confirmed_at, password_hash)
       SELECT $1, 'Pat Colleague', ARRAY['provider_user']::text[], provider_id, 'active', now(), password_hash FROM users WHERE email = $2`,
      [email, DEMO.provider],
    );
    const oldPassword = DEMO_PASSWORD;
    const first = new WebSession(testApp.server);
    await first.signIn(email, oldPassword);
    const elsewhere = new WebSession(testApp.server);
    await elsewhere.signIn(email, oldPassword);

    const blank = await first.submit('/account/password', {});
    expect(blank.status).toBe(400);
    expect(blank.errorSummary.map((error) => error.text)).toEqual(['Enter your current password', 'Enter a password']);
    const wrong = await first.submit('/account/password', { currentPassword: 'wrong wrong wrong', newPassword: NEW_PASSWORD });
    expect(wrong.fieldErrors.currentPassword).toBe('The password is not correct');
    const weak = await first.submit('/account/password', { currentPassword: oldPassword, newPassword: 'password1234' });
    expect(weak.fieldErrors.newPassword).toBe('Choose a password that is harder to guess');
    const same = await first.submit('/account/password', { currentPassword: oldPassword, newPassword: oldPassword });
    expect(same.fieldErrors.newPassword).toBe('Your new password must be different from your current password');
    // Nothing changed by the refused attempts.
    expect(await signedIn(elsewhere)).toBe(true);

    const changed = await first.submit('/account/password', { currentPassword: oldPassword, newPassword: NEW_PASSWORD });
    expect(changed.location).toBe('/account');
    expect((await first.get('/account')).$('.govuk-notification-banner').text()).toContain('Your password has been changed');
    expect(await signedIn(first)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    expect(await sessionsOf(email)).toBe(1);
    expect((await new WebSession(testApp.server).submit('/sign-in', { email, password: oldPassword })).status).toBe(400);
    await new WebSession(testApp.server).signIn(email, NEW_PASSWORD);
    expect(await actions(email)).toContain('user.password_changed');
    expect((await emailsTo(email)).join()).toContain('your password was changed');
  });

  it('keeps staff from turning two-factor sign-in off when the portal requires it', async () => {
    const visitor = new WebSession(testApp.server);
    const password = await visitor.submit('/sign-in', { email: DEMO.admin, password: DEMO_PASSWORD });
    expect(password.location).toBe('/sign-in/set-up-two-factor');
    const secret = (await visitor.get('/sign-in/set-up-two-factor')).$('#secret').text().replace(/\s/g, '');
    await visitor.submit('/sign-in/set-up-two-factor', { code: await totpCodeAt(secret, totpStepAt(new Date())) });
    const account = await visitor.get('/account');
    expect(account.html).not.toContain('Turn off two-factor sign-in');
    expect(account.$('a[href="/account/two-factor"]').text()).toContain('Change');
    expect((await visitor.get('/account/two-factor/turn-off')).status).toBe(403);
    await visitor.submit('/account/confirm-password', { password: DEMO_PASSWORD, next: '/account/two-factor/turn-off' });
    expect((await visitor.submit('/account', {}, '/account/two-factor/turn-off')).status).toBe(403);
    expect((await testApp.dataSource.query(`SELECT totp_enabled_at FROM users WHERE email = $1`, [DEMO.admin]))[0].totp_enabled_at).not.toBeNull();
  });
});

describe('a system administrator’s actions on accounts', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  const userRow = async (email: string) => (await testApp.dataSource.query(`SELECT id, status, totp_enabled_at FROM users WHERE email = $1`, [email]))[0];
  const signedIn = async (visitor: WebSession) => (await visitor.get('/account')).status === 200;

  it('disables an account, which ends its sessions at once and stops sign-in, and enables it again', async () => {
    const admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const { id } = await userRow(DEMO.commissioner);

    const list = await admin.get(`/admin/users?search=${encodeURIComponent(DEMO.commissioner)}`);
    expect(list.$(`a[href="/admin/users/${id}"]`).length).toBe(1);
    const show = await admin.get(`/admin/users/${id}`);
    expect(show.$('.govuk-summary-list').text()).toContain('Active');
    const confirm = await admin.get(`/admin/users/${id}/disable`);
    expect(confirm.heading).toBe('Disable this account');
    const disabled = await admin.submit(`/admin/users/${id}/disable`, {});
    expect(disabled.location).toBe(`/admin/users/${id}`);
    expect((await userRow(DEMO.commissioner)).status).toBe('disabled');
    const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE sess -> 'passport' ->> 'user' = $1`, [id]);
    expect(n).toBe(0);
    expect(await signedIn(commissioner)).toBe(false);
    expect((await new WebSession(testApp.server).submit('/sign-in', { email: DEMO.commissioner, password: DEMO_PASSWORD })).status).toBe(400);

    const enabled = await admin.submit(`/admin/users/${id}`, {}, `/admin/users/${id}/enable`);
    expect(enabled.location).toBe(`/admin/users/${id}`);
    await new WebSession(testApp.server).signIn(DEMO.commissioner);
    const events = await testApp.dataSource.query(
      `SELECT action, before, after FROM audit_events WHERE entity_id = $1 AND action IN ('user.disabled', 'user.enabled') ORDER BY occurred_at`,
      [id],
    );
    expect(events).toEqual([
      { action: 'user.disabled', before: { status: 'active' }, after: { status: 'disabled' } },
      { action: 'user.enabled', before: { status: 'disabled' }, after: { status: 'active' } },
    ]);
  });

  it('will not let administrators disable themselves', async () => {
    const admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    const { id } = await userRow(DEMO.admin);
    expect((await admin.get(`/admin/users/${id}/disable`)).html).toContain('You cannot disable your own account');
    expect((await admin.submit(`/admin/users/${id}`, {}, `/admin/users/${id}/disable`)).status).toBe(403);
    expect((await userRow(DEMO.admin)).status).toBe('active');
  });

  it('resets someone’s two-factor sign-in, signing them out', async () => {
    const provider = new WebSession(testApp.server);
    await provider.signIn(DEMO.provider);
    await provider.submit('/account/confirm-password', { password: DEMO_PASSWORD, next: '/account/two-factor' });
    const secret = (await provider.get('/account/two-factor')).$('#secret').text().replace(/\s/g, '');
    await provider.submit('/account/two-factor', { code: await totpCodeAt(secret, totpStepAt(new Date())) });
    const { id } = await userRow(DEMO.provider);
    expect((await userRow(DEMO.provider)).totp_enabled_at).not.toBeNull();

    const admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    expect((await admin.get(`/admin/users/${id}`)).$(`a[href="/admin/users/${id}/reset-two-factor"]`).length).toBe(1);
    const reset = await admin.submit(`/admin/users/${id}/reset-two-factor`, {});
    expect(reset.location).toBe(`/admin/users/${id}`);
    expect((await admin.get(reset.location!)).$('.govuk-notification-banner').text()).toContain('Two-factor sign-in reset');
    expect((await userRow(DEMO.provider)).totp_enabled_at).toBeNull();
    expect(await signedIn(provider)).toBe(false);
    // Providers are not required to use it, so the password alone signs them in now.
    expect((await new WebSession(testApp.server).signIn(DEMO.provider)).location).toBe('/dashboard');
    const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'user.two_factor_reset'`, [
      id,
    ]);
    expect(n).toBe(1);
  });
});
