import { DEMO_USERS } from '../src/database/seed/demo-data';
import { createUsers } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, pathOf, WebSession } from './support/web-session';

describe('system admin', () => {
  let testApp: TestApp;
  let admin: WebSession;
  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
  });
  afterAll(() => testApp.close());

  const kentId = async () => (await testApp.dataSource.query(`SELECT id FROM agencies WHERE name = 'Kent County Council'`))[0].id as string;

  it('lists users, filtered and searched', async () => {
    const all = await admin.get('/admin/users');
    expect(all.status).toBe(200);
    expect(all.$('tbody tr').length).toBe(DEMO_USERS.length);
    const panel = await admin.get('/admin/users?role=panel_member');
    expect(panel.$('tbody tr').length).toBe(DEMO_USERS.filter((user) => user.roles.includes('panel_member')).length);
    expect(panel.$('tbody').text()).toContain('Dr Helen Price');
    const search = await admin.get('/admin/users?search=harbour');
    expect(search.$('tbody tr').length).toBe(1);
    const odd = await admin.get('/admin/users?role=emperor&page=-3');
    expect(odd.status).toBe(200);
  });

  it('paginates a long list of users, keeping the filter', async () => {
    await createUsers(testApp.dataSource, 30, { roles: ['panel_member'] });
    const first = await admin.get('/admin/users?role=panel_member');
    expect(first.$('tbody tr').length).toBe(25);
    expect(first.$('main').text()).toContain('Showing 1 to 25 of 33 users');
    expect(first.$('.govuk-pagination__next a').attr('href')).toBe('/admin/users?role=panel_member&page=2');
    const second = await admin.get('/admin/users?role=panel_member&page=2');
    expect(second.$('tbody tr').length).toBe(8);
    await testApp.dataSource.query(`DELETE FROM users WHERE email LIKE '%@factory.example'`);
  });

  it('asks for every field when adding a user', async () => {
    const page = await admin.submit('/admin/users/new', {});
    expect(page.status).toBe(400);
    expect(page.errorSummary).toEqual([
      { text: 'Enter their full name', href: '#fullName' },
      { text: 'Enter their email address', href: '#email' },
      { text: 'Select their agency', href: '#agencyId' },
      { text: 'Select at least one role', href: '#roles' },
    ]);
    expect(page.$('#agencyId option').length).toBe(4);
  });

  it('refuses invalid values, keeping the ones given', async () => {
    const page = await admin.submit('/admin/users/new', {
      fullName: 'Jo Bloggs',
      email: 'jo',
      agencyId: 'not-a-uuid',
      roles: ['commissioner', 'provider_user'],
    });
    expect(page.status).toBe(400);
    expect(page.fieldErrors).toEqual({
      email: 'Enter an email address in the correct format, like name@example.com',
      agencyId: 'Select their agency',
      roles: 'Select a role from the list',
    });
    expect(page.$('#fullName').val()).toBe('Jo Bloggs');
    expect(page.$('input[name=roles][value=commissioner]').attr('checked')).toBeDefined();
  });

  it('refuses an email that already has an account', async () => {
    const page = await admin.submit('/admin/users/new', { fullName: 'Dup', email: DEMO.commissioner, agencyId: await kentId(), roles: 'commissioner' });
    expect(page.fieldErrors).toEqual({ email: 'A user with this email address already exists' });
  });

  it('adds an agency user, who sets a password from the email and signs in', async () => {
    const created = await admin.submit('/admin/users/new', {
      fullName: 'Nadia Hussain',
      email: 'nadia@kent.example',
      agencyId: await kentId(),
      roles: ['commissioner', 'panel_member'],
    });
    expect(created.status).toBe(303);
    expect((await admin.get('/admin/users')).$('.govuk-notification-banner__heading').text()).toBe('Nadia Hussain has been added');
    await testApp.deliverEmails();
    const link = pathOf(testApp.smtp!.linkTo('nadia@kent.example', '/accept-invitation?token='));
    const nadia = new WebSession(testApp.server);
    const form = await nadia.get(link);
    await nadia.submit(link, { token: form.$('input[name=token]').val() as string, password: 'nadia kent commissioning' }, '/accept-invitation');
    await nadia.signIn('nadia@kent.example', 'nadia kent commissioning');
    expect((await nadia.get('/dashboard')).heading).toBe('Choose where to go');
  });

  it('changes roles, refusing none and refusing to remove your own admin role', async () => {
    const [{ id: helenId }] = await testApp.dataSource.query(`SELECT id FROM users WHERE email = $1`, [DEMO.panelMember]);
    const none = await admin.submit(`/admin/users/${helenId}/roles`, {});
    expect(none.status).toBe(400);
    expect(none.errorSummary).toEqual([{ text: 'Select at least one role', href: '#roles' }]);
    expect(none.heading).toBe('Change roles for Dr Helen Price');

    const invalid = await admin.submit(`/admin/users/${helenId}/roles`, { roles: ['panel_member', 'overlord'] });
    expect(invalid.fieldErrors).toEqual({ roles: 'Select a role from the list' });
    expect(invalid.$('input[name=roles][value=panel_member]').attr('checked')).toBeDefined();

    const changed = await admin.submit(`/admin/users/${helenId}/roles`, { roles: ['panel_member', 'commissioner'] });
    expect(changed.status).toBe(303);
    const [audit] = await testApp.dataSource.query(`SELECT before, after FROM audit_events WHERE action = 'user.roles_changed' AND entity_id = $1`, [helenId]);
    expect(audit).toEqual({ before: { roles: ['panel_member'] }, after: { roles: ['panel_member', 'commissioner'] } });

    const [{ id: adminId }] = await testApp.dataSource.query(`SELECT id FROM users WHERE email = $1`, [DEMO.admin]);
    const self = await admin.submit(`/admin/users/${adminId}/roles`, { roles: 'commissioner' });
    expect(self.fieldErrors).toEqual({ roles: 'You cannot remove your own system admin role' });

    expect((await admin.get('/admin/users/00000000-0000-0000-0000-000000000000/roles')).status).toBe(404);
    expect((await admin.get('/admin/users/not-a-uuid/roles')).status).toBe(404);
  });

  it('browses the audit log, filtered and paginated', async () => {
    const page = await admin.get('/admin/audit');
    expect(page.status).toBe(200);
    expect(page.$('tbody tr').length).toBeGreaterThan(0);
    const filtered = await admin.get('/admin/audit?action=user.invited');
    const actions = filtered
      .$('tbody tr td:nth-child(3)')
      .map((_, cell) => filtered.$(cell).text().trim())
      .get();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['user.invited']));

    await testApp.dataSource.query(`INSERT INTO audit_events (action, entity_type) SELECT 'test.bulk', 'test' FROM generate_series(1, 120)`);
    const first = await admin.get('/admin/audit?action=test.bulk');
    expect(first.$('tbody tr').length).toBe(50);
    expect(first.$('.govuk-pagination__next a').attr('href')).toBe('/admin/audit?action=test.bulk&page=2');
    const last = await admin.get('/admin/audit?action=test.bulk&page=3');
    expect(last.$('tbody tr').length).toBe(20);
    expect(last.$('main').text()).toContain('Showing 101 to 120 of 120 events');
  });

  it('shows sent emails with status and attempts', async () => {
    const page = await admin.get('/admin/emails');
    expect(page.status).toBe(200);
    expect(page.$('tbody').text()).toContain('nadia@kent.example');
    expect(page.$('tbody').text()).toContain('Sent');
    expect(page.html).not.toContain('token=');
  });

  it.each(['/admin', '/admin/users', '/admin/users/new', '/admin/audit', '/admin/emails'])('refuses %s to other roles', async (path) => {
    for (const email of [DEMO.provider, DEMO.commissioner, DEMO.frameworkManager, DEMO.panelMember]) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      const page = await visitor.get(path);
      expect(page.status).toBe(403);
      expect(page.heading).toBe('You do not have permission to view this page');
    }
    expect((await new WebSession(testApp.server).get(path)).location).toBe('/sign-in');
  });

  it('refuses role changes from other roles', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.commissioner);
    const csrf = (await visitor.get('/commissioner')).$('meta[name=csrf-token]').attr('content');
    expect(csrf).toBeTruthy();
    const [{ id }] = await testApp.dataSource.query(`SELECT id FROM users WHERE email = $1`, [DEMO.commissioner]);
    const page = await visitor.post(`/admin/users/${id}/roles`, { roles: 'system_admin', _csrf: csrf! });
    expect(page.status).toBe(403);
    expect(page.heading).toBe('You do not have permission to view this page');
    const [{ roles }] = await testApp.dataSource.query(`SELECT roles FROM users WHERE id = $1`, [id]);
    expect(roles).toEqual(['commissioner']);
  });
});
