import { createTestApp, TestApp } from './support/test-app';
import { DEMO_PASSWORD } from '../src/database/seed/demo-data';
import { DEMO, WebSession } from './support/web-session';

/** The system admin's pages for the data a partnership runs on: nothing by SQL, every change audited, nothing deleted. */
describe('administration', () => {
  let testApp: TestApp;
  let admin: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const audited = async (action: string) =>
    (await sql(`SELECT entity_id, before, after FROM audit_events WHERE action = $1 ORDER BY occurred_at`, [action])) as Array<{
      entity_id: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
  });
  afterAll(() => testApp.close());

  it('links every admin page from the admin index', async () => {
    const index = await admin.get('/admin');
    const links = index
      .$('main a')
      .map((_, link) => index.$(link).attr('href'))
      .get();
    expect(links).toEqual(
      expect.arrayContaining([
        '/admin/partnerships',
        '/admin/users',
        '/admin/panel',
        '/admin/bank-holidays',
        '/admin/thresholds',
        '/admin/therapy-types',
        '/admin/fair-access-limits',
        '/admin/email-settings',
        '/admin/audit',
        '/admin/emails',
      ]),
    );
  });

  describe('partnerships, agencies and districts', () => {
    let partnershipId: string;

    it('creates a partnership, refusing a blank or repeated name', async () => {
      const blank = await admin.submit('/admin/partnerships/new', { name: ' ' });
      expect(blank.status).toBe(400);
      expect(blank.title).toMatch(/^Error: /);
      expect(blank.fieldErrors).toEqual({ name: 'Enter the name of the partnership' });
      const seeded = (await sql(`SELECT name FROM partnerships LIMIT 1`))[0].name;
      expect((await admin.submit('/admin/partnerships/new', { name: seeded.toUpperCase() })).fieldErrors).toEqual({
        name: 'There is already a partnership with this name',
      });
      const created = await admin.submit('/admin/partnerships/new', { name: 'Adopt Thames Valley' });
      expect(created.status).toBe(303);
      partnershipId = created.location!.split('/').pop()!;
      const page = await admin.get(created.location!);
      expect(page.heading).toBe('Adopt Thames Valley');
      expect((await admin.get('/admin/partnerships')).$('#partnerships').text()).toContain('Adopt Thames Valley');
      expect((await audited('partnership.created')).at(-1)).toMatchObject({ entity_id: partnershipId, after: { name: 'Adopt Thames Valley' } });
    });

    it('adds an agency with districts, one more row at a time without JavaScript, keeping what was typed', async () => {
      const form = await admin.get(`/admin/partnerships/${partnershipId}/agencies/new`);
      expect(form.$('input[name="districts"]').length).toBe(1);
      // Without JavaScript the button posts the same form to the route that adds a row.
      expect(form.$('button[formaction]').attr('formaction')).toBe(`/admin/partnerships/${partnershipId}/agencies/new/add-district`);
      const more = await admin.submit(
        `/admin/partnerships/${partnershipId}/agencies/new`,
        { name: 'Reading Borough Council', districts: ['Caversham'] },
        `/admin/partnerships/${partnershipId}/agencies/new/add-district`,
      );
      expect(more.status).toBe(200);
      expect(
        more
          .$('input[name="districts"]')
          .map((_, input) => more.$(input).val() ?? '')
          .get(),
      ).toEqual(['Caversham', '']);
      expect(more.$('#name').val()).toBe('Reading Borough Council');
      expect(more.$('#districts-1').length).toBe(1);
      expect(await sql(`SELECT id FROM agencies WHERE name = 'Reading Borough Council'`)).toEqual([]);

      const repeated = await admin.submit(`/admin/partnerships/${partnershipId}/agencies/new`, {
        name: 'Reading Borough Council',
        districts: ['Caversham', 'caversham'],
      });
      expect(repeated.status).toBe(400);
      expect(repeated.errorSummary).toEqual([{ text: 'Enter each district once', href: '#districts-1' }]);
      expect(
        repeated
          .$('input[name="districts"]')
          .map((_, input) => repeated.$(input).val())
          .get(),
      ).toEqual(['Caversham', 'caversham']);
      const none = await admin.submit(`/admin/partnerships/${partnershipId}/agencies/new`, { name: 'Reading Borough Council', districts: [''] });
      expect(none.errorSummary).toEqual([{ text: 'Enter at least one district', href: '#districts-0' }]);
      expect(
        (await admin.submit(`/admin/partnerships/${partnershipId}/agencies/new`, { name: 'Kent County Council', districts: ['Somewhere'] })).fieldErrors,
      ).toEqual({ name: 'There is already an agency with this name' });

      const added = await admin.submit(`/admin/partnerships/${partnershipId}/agencies/new`, {
        name: 'Reading Borough Council',
        districts: ['Caversham', ' Tilehurst ', ''],
      });
      expect(added.status).toBe(303);
      const page = await admin.get(`/admin/partnerships/${partnershipId}`);
      expect(page.$('#agencies').text().replace(/\s+/g, ' ')).toContain('Reading Borough Council Caversham, Tilehurst Active');
      expect((await audited('agency.created')).at(-1)?.after).toEqual({
        name: 'Reading Borough Council',
        partnershipId,
        districts: ['Caversham', 'Tilehurst'],
      });
    });

    it('renames and deactivates an agency and a district, and adds districts, keeping the records', async () => {
      const [agency] = await sql(`SELECT id FROM agencies WHERE name = 'Reading Borough Council'`);
      expect((await admin.submit(`/admin/agencies/${agency.id}/name`, { name: 'Reading Council' })).status).toBe(303);
      expect((await audited('agency.renamed')).at(-1)).toMatchObject({ before: { name: 'Reading Borough Council' }, after: { name: 'Reading Council' } });
      const clash = await admin.submit(`/admin/agencies/${agency.id}`, { districts: ['Whitley', 'Tilehurst'] }, `/admin/agencies/${agency.id}/districts`);
      expect(clash.errorSummary).toEqual([{ text: 'The agency already has a district with this name', href: '#districts-1' }]);
      expect((await admin.submit(`/admin/agencies/${agency.id}`, { districts: ['Whitley'] }, `/admin/agencies/${agency.id}/districts`)).status).toBe(303);
      const [district] = await sql(`SELECT id FROM areas WHERE name = 'Caversham' AND agency_id = $1`, [agency.id]);
      expect((await admin.submit(`/admin/agencies/${agency.id}`, {}, `/admin/districts/${district.id}/deactivate`)).status).toBe(303);
      const page = await admin.get(`/admin/agencies/${agency.id}`);
      expect(page.heading).toBe('Reading Council');
      expect(page.$('#districts').text().replace(/\s+/g, ' ')).toMatch(/Caversham Deactivated/);
      expect((await admin.submit(`/admin/agencies/${agency.id}`, {}, `/admin/agencies/${agency.id}/deactivate`)).status).toBe(303);
      expect(await sql(`SELECT active FROM agencies WHERE id = $1`, [agency.id])).toEqual([{ active: false }]);
      expect(await sql(`SELECT name, active FROM areas WHERE agency_id = $1 ORDER BY name`, [agency.id])).toEqual([
        { name: 'Caversham', active: false },
        { name: 'Tilehurst', active: true },
        { name: 'Whitley', active: true },
      ]);
      expect((await audited('area.deactivated')).length).toBe(1);
      // A deactivated agency is not offered for new staff.
      expect((await admin.get('/admin/users/new')).$('select[name="agencyId"]').text()).not.toContain('Reading Council');
    });

    it('renames and deactivates a partnership, which then takes no new agencies', async () => {
      expect((await admin.submit(`/admin/partnerships/${partnershipId}/name`, { name: 'Adopt Thames Valley Partnership' })).status).toBe(303);
      expect((await admin.submit(`/admin/partnerships/${partnershipId}`, {}, `/admin/partnerships/${partnershipId}/deactivate`)).status).toBe(303);
      const page = await admin.get(`/admin/partnerships/${partnershipId}`);
      expect(page.heading).toBe('Adopt Thames Valley Partnership');
      expect(page.$('main').text()).toContain('Deactivated');
      const refused = await admin.submit(`/admin/partnerships/${partnershipId}/agencies/new`, { name: 'Wokingham Borough Council', districts: ['Earley'] });
      expect(refused.status).toBe(400);
      expect(refused.fieldErrors.name).toBe('This partnership is deactivated: reactivate it before adding agencies');
      expect((await admin.submit(`/admin/partnerships/${partnershipId}`, {}, `/admin/partnerships/${partnershipId}/reactivate`)).status).toBe(303);
      expect((await audited('partnership.reactivated')).length).toBe(1);
      expect((await admin.get('/admin/partnerships/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    });
  });

  describe('a deactivated partnership', () => {
    it('stops its staff signing in and ends their sessions, while providers keep signing in', async () => {
      const [{ partnership_id: demoPartnershipId }] = await sql(
        `SELECT a.partnership_id FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.email = $1`,
        [DEMO.commissioner],
      );
      const panelMember = new WebSession(testApp.server);
      await panelMember.signIn(DEMO.panelMember);
      expect((await panelMember.get('/panel')).status).toBe(200);

      expect((await admin.submit(`/admin/partnerships/${demoPartnershipId}`, {}, `/admin/partnerships/${demoPartnershipId}/deactivate`)).status).toBe(303);
      expect((await audited('partnership.deactivated')).at(-1)).toMatchObject({ entity_id: demoPartnershipId, after: { active: false } });
      try {
        for (const email of [DEMO.commissioner, DEMO.frameworkManager]) {
          const refused = await new WebSession(testApp.server).submit('/sign-in', { email, password: DEMO_PASSWORD });
          expect(refused.status).toBe(400);
          expect(refused.title).toMatch(/^Error: /);
          expect(refused.errorSummary.map((error) => error.text)).toEqual([
            'Your partnership has been deactivated on this portal: ask your system administrator',
          ]);
        }
        // The session signed in before the deactivation ends on its next request.
        const after = await panelMember.get('/panel');
        expect(after.status).not.toBe(200);
        expect(after.location).toMatch(/sign-in/);
        // Providers are not partnership staff.
        await new WebSession(testApp.server).signIn(DEMO.provider);
      } finally {
        expect((await admin.submit(`/admin/partnerships/${demoPartnershipId}`, {}, `/admin/partnerships/${demoPartnershipId}/reactivate`)).status).toBe(303);
      }
      await new WebSession(testApp.server).signIn(DEMO.commissioner);
    });
  });

  describe('therapy types', () => {
    const valid = {
      name: 'Equine-assisted therapy',
      description: 'Play-based attachment work',
      asgsfEligible: 'yes',
      fundingKind: 'therapy',
      lightTouch: 'yes',
      cpvCode: '85121270',
    };

    it('adds a therapy type as a lot, with its funding and service classification, refusing bad input', async () => {
      const empty = await admin.submit('/admin/therapy-types/new', {});
      expect(empty.status).toBe(400);
      expect(empty.errorSummary.map((error) => error.text)).toEqual([
        'Enter the name of the therapy type',
        'Select whether the Adoption and Special Guardianship Support Fund pays for it',
        'Select whether the fund counts it as therapy or assessment',
        'Select whether contracts for it are light touch contracts',
        'Enter the CPV code as 8 digits, like 85121270',
      ]);
      expect((await admin.submit('/admin/therapy-types/new', { ...valid, cpvCode: '8512' })).$('#name').val()).toBe('Equine-assisted therapy');
      const added = await admin.submit('/admin/therapy-types/new', valid);
      expect(added.errorSummary).toEqual([]);
      expect(added.status).toBe(303);
      const list = await admin.get('/admin/therapy-types');
      expect(list.$('#therapy-types').text().replace(/\s+/g, ' ')).toContain('Equine-assisted therapy Eligible Therapy Yes 85121270 Active');
      expect((await admin.submit('/admin/therapy-types/new', { ...valid, name: 'equine-assisted THERAPY' })).fieldErrors).toEqual({
        name: 'There is already a therapy type with this name',
      });
      expect((await audited('therapy_type.created')).at(-1)?.after).toEqual({ ...valid, asgsfEligible: true, lightTouch: true });
    });

    it('changes and deactivates a therapy type, which framework forms then stop offering', async () => {
      const [type] = await sql(`SELECT id FROM therapy_types WHERE name = 'Equine-assisted therapy'`);
      const edit = await admin.get(`/admin/therapy-types/${type.id}`);
      expect(edit.$('input[name="fundingKind"][value="therapy"]').attr('checked')).toBeDefined();
      expect((await admin.submit(`/admin/therapy-types/${type.id}`, { ...valid, fundingKind: 'assessment', asgsfEligible: 'no' })).status).toBe(303);
      expect(await sql(`SELECT funding_kind, asgsf_eligible FROM therapy_types WHERE id = $1`, [type.id])).toEqual([
        { funding_kind: 'assessment', asgsf_eligible: false },
      ]);
      expect((await admin.submit('/admin/therapy-types', {}, `/admin/therapy-types/${type.id}/deactivate`)).status).toBe(303);
      expect(await sql(`SELECT active FROM therapy_types WHERE id = $1`, [type.id])).toEqual([{ active: false }]);
      expect((await audited('therapy_type.changed')).at(-1)?.before).toMatchObject({ fundingKind: 'therapy', asgsfEligible: true });
    });
  });

  describe('fair access limits', () => {
    const valid = {
      'appliesFrom[day]': '1',
      'appliesFrom[month]': '4',
      'appliesFrom[year]': '2028',
      structure: 'combined',
      combinedLimit: '3,000',
      assessmentLimit: '2,000',
      completeWithinYear: 'yes',
      description: 'ASGSF guidance for 2028 to 2029',
    };

    it('shows the limits with the one in force, and refuses a limit dated today or earlier or with missing amounts', async () => {
      const page = await admin.get('/admin/fair-access-limits');
      expect(page.status).toBe(200);
      expect(page.$('#fair-access-limits tbody tr').length).toBeGreaterThan(0);
      expect(page.$('#fair-access-limits').text()).toContain('In force');
      const before = await sql(`SELECT count(*)::int AS n FROM fair_access_limits`);
      const empty = await admin.submit('/admin/fair-access-limits', {});
      expect(empty.status).toBe(400);
      expect(empty.errorSummary.map((error) => error.text)).toEqual([
        'Enter the date the limit applies from',
        'Select whether therapy and assessment share one limit',
        'Select whether therapy must be completed within the financial year',
        'Enter where the limit comes from',
      ]);
      expect((await admin.submit('/admin/fair-access-limits', { ...valid, combinedLimit: '' })).fieldErrors).toEqual({
        combinedLimit: 'Enter the combined limit in pounds, like £2,500',
      });
      expect(
        (await admin.submit('/admin/fair-access-limits', { ...valid, structure: 'separate', combinedLimit: '', assessmentLimit: '' })).fieldErrors,
      ).toEqual({
        therapyLimit: 'Enter the therapy limit in pounds, like £5,000',
        assessmentLimit: 'Enter the assessment limit in pounds, like £2,000',
      });
      expect((await admin.submit('/admin/fair-access-limits', { ...valid, 'appliesFrom[year]': '2025' })).fieldErrors).toEqual({
        appliesFrom: 'The date must be after today: funding already recorded keeps the limit in force when it was recorded',
      });
      expect((await admin.submit('/admin/fair-access-limits', { ...valid, combinedLimit: '0' })).fieldErrors).toEqual({
        combinedLimit: 'The limit must be more than £0',
      });
      expect(await sql(`SELECT count(*)::int AS n FROM fair_access_limits`)).toEqual(before);
    });

    it('adds a future limit, audited, shown as future beside the one in force', async () => {
      expect((await admin.submit('/admin/fair-access-limits', valid)).status).toBe(303);
      expect(
        await sql(
          `SELECT combined_limit_pence, therapy_limit_pence, assessment_limit_pence, complete_within_year FROM fair_access_limits WHERE applies_from = '2028-04-01'`,
        ),
      ).toEqual([{ combined_limit_pence: 300_000, therapy_limit_pence: null, assessment_limit_pence: 200_000, complete_within_year: true }]);
      const page = await admin.get('/admin/fair-access-limits');
      const row = page.$('#fair-access-limits tbody tr').first().text().replace(/\s+/g, ' ');
      expect(row).toContain('1 April 2028 £3,000.00');
      expect(row).toContain('Future');
      expect((await audited('fair_access_limit.added')).at(-1)?.after).toMatchObject({ appliesFrom: '2028-04-01', combinedLimitPence: 300_000 });
      expect((await admin.submit('/admin/fair-access-limits', valid)).fieldErrors).toEqual({ appliesFrom: 'There is already a limit from that date' });
    });
  });

  describe('email settings', () => {
    it('sets the sender the mailer uses and the feedback address every page shows', async () => {
      const bad = await admin.submit('/admin/email-settings', { mailFrom: 'nobody', feedbackEmail: 'not an address' });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.fieldErrors)).toEqual(['mailFrom', 'feedbackEmail']);
      const saved = await admin.submit('/admin/email-settings', {
        mailFrom: 'Thames Valley Adoption <no-reply@thames.example>',
        feedbackEmail: 'feedback@thames.example',
      });
      expect(saved.status).toBe(303);
      const page = await admin.get('/admin/email-settings');
      expect(page.$('#mailFrom').val()).toBe('Thames Valley Adoption <no-reply@thames.example>');
      expect(page.$('.govuk-phase-banner a').attr('href')).toBe('mailto:feedback@thames.example');
      expect((await audited('email_settings.changed')).at(-1)?.after).toEqual({
        mailFrom: 'Thames Valley Adoption <no-reply@thames.example>',
        feedbackEmail: 'feedback@thames.example',
      });

      const [agency] = await sql(`SELECT id FROM agencies WHERE name = 'Kent County Council'`);
      expect(
        (await admin.submit('/admin/users/new', { fullName: 'Sam Sender', email: 'sam.sender@kent.example', agencyId: agency.id, roles: ['commissioner'] }))
          .status,
      ).toBe(303);
      await testApp.deliverEmails();
      const invitation = testApp.smtp!.received.find((email) => email.to.includes('sam.sender@kent.example'));
      expect(invitation?.from).toMatch(/^"?Thames Valley Adoption"? <no-reply@thames\.example>$/);
    });
  });

  it('is for system admins only', async () => {
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    for (const path of ['/admin/partnerships', '/admin/therapy-types', '/admin/fair-access-limits', '/admin/email-settings'])
      expect((await manager.get(path)).status).toBe(403);
  });
});
