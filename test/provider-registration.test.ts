import { createTestApp, TestApp } from './support/test-app';
import { DEMO, pathOf, WebSession } from './support/web-session';

describe('a provider registers and invites colleagues', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp({ smtp: true })));
  afterAll(() => testApp.close());

  const session = () => new WebSession(testApp.server);
  const count = async (sql: string, params: unknown[] = []) => (await testApp.dataSource.query(sql, params))[0].n as number;

  it('asks for every field when the form is empty, and saves nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM provider_organisations');
    const page = await session().submit('/register', {});
    expect(page.status).toBe(400);
    expect(page.errorSummary.map((error) => error.href)).toEqual(['#organisationName', '#fullName', '#email', '#password']);
    expect(page.errorSummary.map((error) => error.text)).toEqual([
      'Enter the name of your organisation',
      'Enter your full name',
      'Enter your email address',
      'Enter a password',
    ]);
    expect(await count('SELECT count(*)::int AS n FROM provider_organisations')).toBe(before);
  });

  it('explains invalid answers and keeps what was typed', async () => {
    const page = await session().submit('/register', {
      organisationName: '  Bright Futures Therapy  ',
      fullName: 'Ann Lee',
      email: 'ann@',
      password: 'too short',
    });
    expect(page.status).toBe(400);
    expect(page.fieldErrors).toEqual({
      email: 'Enter an email address in the correct format, like name@example.com',
      password: 'Password must be 12 characters or more',
    });
    expect(page.$('#organisationName').val()).toBe('Bright Futures Therapy');
    expect(page.$('#password').val()).toBeUndefined();
  });

  it('registers, confirms by email, signs in and invites a colleague', async () => {
    const registered = await session().submit('/register', {
      organisationName: 'Bright Futures Therapy Ltd',
      fullName: 'Ann Lee',
      email: 'Ann@BrightFutures.example',
      password: 'bright futures password',
    });
    expect(registered.status).toBe(200);
    expect(registered.heading).toBe('Check your email');

    // Not usable until confirmed.
    const early = await session().submit('/sign-in', { email: 'ann@brightfutures.example', password: 'bright futures password' });
    expect(early.status).toBe(400);

    await testApp.deliverEmails();
    expect(testApp.smtp!.to('ann@brightfutures.example')[0].subject).toBe('Confirm your email address');
    const confirmLink = pathOf(testApp.smtp!.linkTo('ann@brightfutures.example', '/register/confirm?token='));
    const confirmed = await session().get(confirmLink);
    expect(confirmed.location).toBe('/sign-in');
    expect((await session().get(confirmLink)).status).toBe(410);

    const ann = session();
    await ann.signIn('ann@brightfutures.example', 'bright futures password');
    const dashboard = await ann.get('/provider');
    expect(dashboard.$('.govuk-caption-l').text()).toBe('Bright Futures Therapy Ltd');

    const empty = await ann.submit('/provider/colleagues', {});
    expect(empty.status).toBe(400);
    expect(empty.errorSummary.map((error) => error.text)).toEqual(['Enter your colleague’s full name', 'Enter your colleague’s email address']);
    expect(empty.$('h1').text()).toBe('Colleagues');

    const invalid = await ann.submit('/provider/colleagues', { fullName: 'Bo Chen', email: 'bo at example' });
    expect(invalid.fieldErrors).toEqual({ email: 'Enter an email address in the correct format, like name@example.com' });

    // An address with an account gets the same answer; its owner is told instead (test/flows-security-sign-in.test.ts).
    const taken = await ann.submit('/provider/colleagues', { fullName: 'Someone', email: DEMO.commissioner });
    expect(taken.status).toBe(303);
    expect((await ann.get('/provider/colleagues')).$('.govuk-notification-banner__heading').text()).toBe(`We have sent an invitation to ${DEMO.commissioner}`);

    const invited = await ann.submit('/provider/colleagues', { fullName: 'Bo Chen', email: 'bo@brightfutures.example' });
    expect(invited.status).toBe(303);
    const list = await ann.get('/provider/colleagues');
    expect(list.$('.govuk-notification-banner__heading').text()).toBe('We have sent an invitation to bo@brightfutures.example');
    expect(list.$('tbody tr').length).toBe(2);

    await testApp.deliverEmails();
    const inviteLink = pathOf(testApp.smtp!.linkTo('bo@brightfutures.example', '/accept-invitation?token='));
    const bo = session();
    const setPassword = await bo.get(inviteLink);
    expect(setPassword.heading).toBe('Set your password');
    const blank = await bo.submit(inviteLink, { token: setPassword.$('input[name=token]').val() as string, password: '   ' }, '/accept-invitation');
    expect(blank.status).toBe(400);
    expect(blank.errorSummary).toEqual([{ text: 'Enter a password', href: '#password' }]);
    const weak = await bo.submit(
      inviteLink,
      { token: setPassword.$('input[name=token]').val() as string, password: 'bo@brightfutures.example' },
      '/accept-invitation',
    );
    expect(weak.fieldErrors.password).toBe('Password must not be the same as your email address');
    const accepted = await bo.submit(
      inviteLink,
      { token: setPassword.$('input[name=token]').val() as string, password: 'bo chen secret words' },
      '/accept-invitation',
    );
    expect(accepted.location).toBe('/sign-in');
    await bo.signIn('bo@brightfutures.example', 'bo chen secret words');

    // Bo is not the admin, so cannot invite anyone.
    const boColleagues = await bo.get('/provider/colleagues');
    expect(boColleagues.$('form[action="/provider/colleagues"]').length).toBe(0);
    const refused = await bo.post('/provider/colleagues', {
      fullName: 'X',
      email: 'x@brightfutures.example',
      _csrf: boColleagues.$('input[name=_csrf]').val() as string,
    });
    expect(refused.status).toBe(403);

    const actions = (
      await testApp.dataSource.query(
        `SELECT action FROM audit_events WHERE actor_email IN ('ann@brightfutures.example', 'bo@brightfutures.example') ORDER BY occurred_at`,
      )
    ).map((row: { action: string }) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(['provider.registered', 'user.created', 'user.email_confirmed', 'user.invited', 'user.invitation_accepted']),
    );
  });

  it('does not reveal that an email already has an account', async () => {
    const page = await session().submit('/register', {
      organisationName: 'Copycat Ltd',
      fullName: 'Mal',
      email: DEMO.provider,
      password: 'another long password',
    });
    expect(page.heading).toBe('Check your email');
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.provider).at(-1)!.subject).toBe('You already have an account');
    expect(await count(`SELECT count(*)::int AS n FROM provider_organisations WHERE name = 'Copycat Ltd'`)).toBe(0);
  });

  it('shows a provider only its own colleagues', async () => {
    const visitor = session();
    await visitor.signIn(DEMO.otherProvider);
    const page = await visitor.get('/provider/colleagues');
    expect(page.$('tbody').text()).toContain(DEMO.otherProvider);
    expect(page.$('tbody').text()).not.toContain(DEMO.provider);
  });
});
