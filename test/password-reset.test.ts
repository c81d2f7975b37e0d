import { createTestApp, TestApp } from './support/test-app';
import { DEMO, pathOf, WebSession } from './support/web-session';

describe('resetting a forgotten password', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp({ smtp: true })));
  afterAll(() => testApp.close());

  const session = () => new WebSession(testApp.server);

  it('asks for an email address', async () => {
    const page = await session().submit('/forgot-password', {});
    expect(page.status).toBe(400);
    expect(page.errorSummary).toEqual([{ text: 'Enter your email address', href: '#email' }]);
  });

  it('asks for a real email address', async () => {
    const page = await session().submit('/forgot-password', { email: 'not an email' });
    expect(page.status).toBe(400);
    expect(page.fieldErrors.email).toBe('Enter an email address in the correct format, like name@example.com');
    expect(page.$('#email').val()).toBe('not an email');
  });

  it('says the same for unknown addresses, and sends them a note with no link', async () => {
    const page = await session().submit('/forgot-password', { email: 'nobody@nowhere.example' });
    expect(page.status).toBe(200);
    expect(page.heading).toBe('Check your email');
    await testApp.deliverEmails();
    const [note] = testApp.smtp!.to('nobody@nowhere.example');
    expect(note.subject).toBe('Someone asked to reset a password with this email address');
    expect(note.text).not.toContain('token=');
  });

  it('emails a single-use link that sets a new password', async () => {
    const sent = await session().submit('/forgot-password', { email: 'Commissioner@Kent.example' });
    expect(sent.heading).toBe('Check your email');
    expect(await testApp.deliverEmails()).toEqual({ sent: 1, failed: 0 });
    const [email] = testApp.smtp!.to(DEMO.commissioner);
    expect(email.subject).toBe('Reset your password');
    const link = pathOf(testApp.smtp!.linkTo(DEMO.commissioner, '/reset-password?token='));

    const visitor = session();
    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(form.heading).toBe('Choose a new password');

    const empty = await visitor.submit(link, { token: form.$('input[name=token]').val() as string }, '/reset-password');
    expect(empty.status).toBe(400);
    expect(empty.errorSummary).toEqual([{ text: 'Enter a password', href: '#password' }]);

    const tooShort = await visitor.submit(link, { token: form.$('input[name=token]').val() as string, password: 'short' }, '/reset-password');
    expect(tooShort.status).toBe(400);
    expect(tooShort.errorSummary).toEqual([{ text: 'Password must be 12 characters or more', href: '#password' }]);
    expect(tooShort.$('input[name=token]').val()).toBe(form.$('input[name=token]').val());

    const common = await visitor.submit(link, { token: form.$('input[name=token]').val() as string, password: 'password1234' }, '/reset-password');
    expect(common.fieldErrors.password).toBe('Choose a password that is harder to guess');

    const done = await visitor.submit(link, { token: form.$('input[name=token]').val() as string, password: 'a brand new passphrase' }, '/reset-password');
    expect(done.status).toBe(303);
    expect(done.location).toBe('/sign-in');
    const signInPage = await visitor.get('/sign-in');
    expect(signInPage.$('.govuk-notification-banner__heading').text()).toBe('Your password has been changed');
    expect((await visitor.get('/sign-in')).$('.govuk-notification-banner').length).toBe(0);

    await session().signIn(DEMO.commissioner, 'a brand new passphrase');
    const again = await session().get(link);
    expect(again.status).toBe(410);
    expect(again.heading).toBe('This link has already been used');
  });

  it('refuses a tampered link', async () => {
    const page = await session().get('/reset-password?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(page.status).toBe(404);
    expect(page.heading).toBe('This link is not valid');
  });

  it('refuses an expired link', async () => {
    await session().submit('/forgot-password', { email: DEMO.panelMember });
    await testApp.deliverEmails();
    const link = pathOf(testApp.smtp!.linkTo(DEMO.panelMember, '/reset-password?token='));
    await testApp.dataSource.query(`UPDATE user_tokens SET expires_at = now() - interval '1 minute' WHERE purpose = 'reset_password' AND used_at IS NULL`);
    const page = await session().get(link);
    expect(page.status).toBe(410);
    expect(page.heading).toBe('This link has expired');
  });
});
