import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

describe('framework set-up', () => {
  let testApp: TestApp;
  let manager: WebSession;
  let ids: { kent: string; medway: string; bexley: string; ashford: string; chatham: string; erith: string; theraplay: string; emdr: string; ddp: string };

  beforeAll(async () => {
    testApp = await createTestApp();
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const one = async (sql: string, params: unknown[]) => (await testApp.dataSource.query(sql, params))[0].id as string;
    const agency = (name: string) => one('SELECT id FROM agencies WHERE name = $1', [name]);
    const area = (name: string) => one('SELECT id FROM areas WHERE name = $1', [name]);
    const therapy = (prefix: string) => one('SELECT id FROM therapy_types WHERE name LIKE $1', [`${prefix}%`]);
    ids = {
      kent: await agency('Kent County Council'),
      medway: await agency('Medway Council'),
      bexley: await agency('London Borough of Bexley'),
      ashford: await area('Ashford'),
      chatham: await area('Chatham'),
      erith: await area('Erith'),
      theraplay: await therapy('Theraplay'),
      emdr: await therapy('Eye movement'),
      ddp: await therapy('Dyadic'),
    };
  });
  afterAll(() => testApp.close());

  const validFramework = () => ({
    name: 'Adoption Support Therapeutic Services 2027 to 2031',
    description: 'Therapy for adopted children and their families across the partnership',
    route: 'dynamic_market',
    'opensOn[day]': '1',
    'opensOn[month]': '4',
    'opensOn[year]': '2027',
    'closesOn[day]': '31',
    'closesOn[month]': '3',
    'closesOn[year]': '2031',
    agencyIds: [ids.kent, ids.medway],
    therapyTypeIds: [ids.theraplay, ids.emdr],
    areaIds: [ids.ashford, ids.chatham],
  });

  async function createFramework(): Promise<string> {
    const created = await manager.submit('/frameworks/new', validFramework());
    expect(created.status).toBe(303);
    return created.location!.split('/').pop()!;
  }

  it('asks for everything when the form is empty', async () => {
    const page = await manager.submit('/frameworks/new', {});
    expect(page.status).toBe(400);
    expect(page.errorSummary).toEqual([
      { text: 'Enter the name of the framework', href: '#name' },
      { text: 'Select the procurement route', href: '#route' },
      { text: 'Enter the date the framework opens', href: '#opensOn-day' },
      { text: 'Enter the date the framework closes', href: '#closesOn-day' },
      { text: 'Select at least one agency that may buy through the framework', href: '#agencyIds' },
      { text: 'Select at least one lot', href: '#therapyTypeIds' },
      { text: 'Select at least one area the framework covers', href: '#areaIds' },
    ]);
    for (const { href } of page.errorSummary) expect(page.$(href).length).toBe(1);
  });

  it('explains invalid answers and keeps them', async () => {
    const page = await manager.submit('/frameworks/new', {
      ...validFramework(),
      minimumBidPeriodDays: '7',
      standstillDays: 'eight',
      'closesOn[day]': '31',
      'closesOn[month]': '2',
      'closesOn[year]': '2031',
      areaIds: [ids.ashford, ids.erith],
    });
    expect(page.status).toBe(400);
    expect(page.fieldErrors).toEqual({
      standstillDays: 'Standstill period must be a whole number of working days',
      closesOn: 'The date the framework closes must be a real date',
    });
    expect(page.$('#name').val()).toBe('Adoption Support Therapeutic Services 2027 to 2031');
    expect(page.$(`input[name=agencyIds][value=${ids.kent}]`).attr('checked')).toBeDefined();

    const rules = await manager.submit('/frameworks/new', {
      ...validFramework(),
      route: 'legacy_dps',
      'opensOn[year]': '2024',
      minimumBidPeriodDays: '7',
      areaIds: [ids.ashford, ids.erith],
      'closesOn[year]': '2023',
    });
    expect(rules.fieldErrors).toEqual({
      closesOn: 'The date the framework closes must be after the date it opens',
      minimumBidPeriodDays: 'A legacy dynamic purchasing system must allow at least 10 days for bids',
      areaIds: 'Select only areas of the agencies that may buy through the framework',
    });
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM frameworks');
    expect(n).toBe(0);
  });

  it('creates a draft with the route’s default clocks, and edits it', async () => {
    const id = await createFramework();
    const page = await manager.get(`/frameworks/${id}`);
    expect(page.heading).toContain('Adoption Support Therapeutic Services 2027 to 2031');
    expect(page.$('main').text()).toContain('10 working days, extendable to 15');
    expect(page.$('main').text()).toContain('1 April 2027 to 31 March 2031');
    expect(page.$('main').text()).toContain('Kent County Council, Medway Council');
    expect(page.$('main').text()).toContain('Ashford (Kent County Council), Chatham (Medway Council)');

    const form = await manager.get(`/frameworks/${id}/edit`);
    expect(form.$('#opensOn-day').val()).toBe('1');
    expect(form.$(`input[name=therapyTypeIds][value=${ids.emdr}]`).attr('checked')).toBeDefined();
    const changed = await manager.submit(`/frameworks/${id}/edit`, {
      ...validFramework(),
      name: 'Therapy framework 2027',
      route: 'dynamic_market',
      therapyTypeIds: [ids.theraplay, ids.ddp],
    });
    expect(changed.status).toBe(303);
    const after = await manager.get(`/frameworks/${id}`);
    expect(after.heading).toContain('Therapy framework 2027');
    // BR-11: no route forces a standstill; the contract decides its own (issue 18).
    expect(after.$('main').text()).toMatch(/Voluntary standstill\s*None: each contract’s standstill/);
    expect(after.$('main').text()).toContain('Dyadic developmental psychotherapy');
    expect(after.$('main').text()).not.toContain('Eye movement');
  });

  it('adds conditions with their rules, then opens and freezes the framework', async () => {
    const id = await createFramework();
    const refused = await manager.submit(`/frameworks/${id}`, {}, `/frameworks/${id}/open`);
    expect(refused.status).toBe(409);
    expect(refused.$('main').text()).toContain('Add at least one condition of membership before opening the framework');

    const empty = await manager.submit(`/frameworks/${id}/conditions/new`, {});
    expect(empty.status).toBe(400);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Enter the question',
      'Select the type of answer',
      'Select which lots the question applies to',
      'Select how the answer is judged',
    ]);

    const invalid = await manager.submit(`/frameworks/${id}/conditions/new`, {
      question: 'Describe your therapeutic model',
      answerType: 'text',
      lotScope: 'specific',
      judgement: 'scored',
      maximumScore: '4',
      minimumScore: '5',
    });
    expect(invalid.fieldErrors).toEqual({
      wordLimit: 'Enter a word limit of 1 or more',
      lotTherapyTypeIds: 'Select at least one lot',
      minimumScore: 'Minimum score must not be more than the maximum score',
    });

    const added = await manager.submit(`/frameworks/${id}/conditions/new`, {
      question: 'Do you hold professional indemnity insurance of at least £5 million?',
      answerType: 'yes_no',
      lotScope: 'all',
      judgement: 'pass_fail',
      passingAnswer: 'yes',
    });
    expect(added.status).toBe(303);
    await manager.submit(`/frameworks/${id}/conditions/new`, {
      question: 'Describe your Theraplay supervision arrangements',
      answerType: 'text',
      wordLimit: '300',
      lotScope: 'specific',
      lotTherapyTypeIds: ids.theraplay,
      judgement: 'scored',
      maximumScore: '4',
      minimumScore: '2',
    });
    const page = await manager.get(`/frameworks/${id}`);
    const rows = page.$('#conditions + table tbody tr');
    expect(rows.length).toBe(2);
    expect(rows.eq(0).text()).toContain('Passes if the answer is “Yes”');
    expect(rows.eq(1).text()).toContain('Theraplay');
    expect(rows.eq(1).text()).toContain('Scored out of 4; 2 or more passes');

    const opened = await manager.submit(`/frameworks/${id}`, {}, `/frameworks/${id}/open`);
    expect(opened.status).toBe(303);
    const open = await manager.get(`/frameworks/${id}`);
    expect(open.$('h1 .govuk-tag').text()).toBe('Open');
    expect(open.$('a[href$="/edit"]').length).toBe(0);

    // BR-2: frozen, whatever the route taken.
    const conditionId = (await testApp.dataSource.query('SELECT id FROM membership_conditions WHERE framework_id = $1 ORDER BY position LIMIT 1', [id]))[0].id;
    const csrf = open.$('meta[name=csrf-token]').attr('content')!;
    for (const [path, fields] of [
      [`/frameworks/${id}/edit`, validFramework()],
      [`/frameworks/${id}/conditions/new`, { question: 'Late addition', answerType: 'yes_no', lotScope: 'all', judgement: 'pass_fail', passingAnswer: 'yes' }],
      [
        `/frameworks/${id}/conditions/${conditionId}/edit`,
        { question: 'Changed', answerType: 'yes_no', lotScope: 'all', judgement: 'pass_fail', passingAnswer: 'no' },
      ],
      [`/frameworks/${id}/conditions/${conditionId}/remove`, {}],
    ] as const) {
      const attempt = await manager.post(path, { ...fields, _csrf: csrf });
      expect({ path, status: attempt.status }).toEqual({ path, status: 409 });
    }
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM membership_conditions WHERE framework_id = $1', [id]);
    expect(n).toBe(2);

    // A new version copies everything into a draft; opening it closes the old one.
    const versioned = await manager.post(`/frameworks/${id}/new-version`, { _csrf: csrf });
    expect(versioned.status).toBe(303);
    const draftId = versioned.location!.split('/').pop()!;
    const draft = await manager.get(`/frameworks/${draftId}`);
    expect(draft.$('.govuk-caption-l').text()).toBe('Version 2');
    expect(draft.$('#conditions + table tbody tr').length).toBe(2);
    expect((await manager.post(`/frameworks/${id}/new-version`, { _csrf: csrf })).status).toBe(409);
    await manager.submit(
      `/frameworks/${draftId}/conditions/${(await testApp.dataSource.query('SELECT id FROM membership_conditions WHERE framework_id = $1 ORDER BY position LIMIT 1', [draftId]))[0].id}/edit`,
      {
        question: 'Do you hold professional indemnity insurance of at least £10 million?',
        answerType: 'yes_no',
        lotScope: 'all',
        judgement: 'pass_fail',
        passingAnswer: 'yes',
      },
    );
    await manager.post(`/frameworks/${draftId}/open`, { _csrf: csrf });
    const statuses = await testApp.dataSource.query('SELECT version, status FROM frameworks WHERE id = ANY($1) ORDER BY version', [[id, draftId]]);
    expect(statuses).toEqual([
      { version: 1, status: 'closed' },
      { version: 2, status: 'open' },
    ]);
    const oldQuestion = await testApp.dataSource.query('SELECT question FROM membership_conditions WHERE framework_id = $1 ORDER BY position LIMIT 1', [id]);
    expect(oldQuestion[0].question).toContain('£5 million');

    const actions = (await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY occurred_at`, [id, draftId])).map(
      (row: { action: string }) => row.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'framework.created',
        'framework.condition_added',
        'framework.opened',
        'framework.versioned',
        'framework.condition_changed',
        'framework.closed',
      ]),
    );
  });

  it('refuses a new legacy DPS, and records one set up before 24 February 2025 only if it ends by 23 February 2029', async () => {
    const fresh = await manager.submit('/frameworks/new', { ...validFramework(), route: 'legacy_dps' });
    expect(fresh.status).toBe(400);
    expect(fresh.fieldErrors).toEqual({
      route:
        'A dynamic purchasing system under the Public Contracts Regulations 2015 can only be one set up before 24 February 2025. Choose a dynamic market or an open framework',
    });
    const existing = {
      ...validFramework(),
      route: 'legacy_dps',
      'opensOn[year]': '2024',
      'closesOn[day]': '24',
      'closesOn[month]': '2',
      'closesOn[year]': '2029',
    };
    const tooLong = await manager.submit('/frameworks/new', existing);
    expect(tooLong.fieldErrors).toEqual({ closesOn: 'A legacy dynamic purchasing system expires at the end of 23 February 2029: it must close by then' });
    const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM frameworks WHERE route = 'legacy_dps'`);
    expect(n).toBe(0);
    expect((await manager.submit('/frameworks/new', { ...existing, 'closesOn[day]': '23' })).status).toBe(303);
  });

  describe('an open framework', () => {
    const openFramework = (closesYear = '2031') => ({
      ...validFramework(),
      route: 'open_framework',
      'opensOn[day]': '1',
      'opensOn[month]': '4',
      'opensOn[year]': '2026',
      'closesOn[year]': closesYear,
    });
    const windowFields = (opens: string, closes: string) => {
      const [oy, om, od] = opens.split('-');
      const [cy, cm, cd] = closes.split('-');
      return { 'opensOn[day]': od, 'opensOn[month]': om, 'opensOn[year]': oy, 'closesOn[day]': cd, 'closesOn[month]': cm, 'closesOn[year]': cy };
    };
    const addCondition = (id: string) =>
      manager.submit(`/frameworks/${id}/conditions/new`, {
        question: 'Do you hold professional indemnity insurance?',
        answerType: 'yes_no',
        lotScope: 'all',
        judgement: 'pass_fail',
        passingAnswer: 'yes',
      });

    it('lasts at most 8 years', async () => {
      const page = await manager.submit('/frameworks/new', { ...openFramework('2034'), 'closesOn[day]': '1', 'closesOn[month]': '4' });
      expect(page.status).toBe(400);
      expect(page.fieldErrors).toEqual({ closesOn: 'An open framework can last at most 8 years: it must close by 31 March 2034' });
    });

    it('opens only with windows that meet the 3 and 5 year reopening rules, each inside the term', async () => {
      const created = await manager.submit('/frameworks/new', openFramework());
      const id = created.location!.split('/').pop()!;
      await addCondition(id);
      const withoutWindows = await manager.submit(`/frameworks/${id}`, {}, `/frameworks/${id}/open`);
      expect(withoutWindows.status).toBe(409);
      expect(withoutWindows.$('main').text()).toContain('Add a window in which providers can apply');

      const form = await manager.get(`/frameworks/${id}/windows/new`);
      expect(form.status).toBe(200);
      const empty = await manager.submit(`/frameworks/${id}/windows/new`, {});
      expect(empty.status).toBe(400);
      expect(empty.errorSummary.map((error) => error.text)).toEqual(['Enter the date the window opens', 'Enter the date the window closes']);
      const outside = await manager.submit(`/frameworks/${id}/windows/new`, windowFields('2031-03-01', '2031-04-30'));
      expect(outside.status).toBe(400);
      expect(outside.fieldErrors).toEqual({ closesOn: 'The window must close on or before the framework closes, 31 March 2031' });
      expect(outside.$('#closesOn-day').val()).toBe('30');
      const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM framework_application_windows WHERE framework_id = $1`, [id]);
      expect(n).toBe(0);

      expect((await manager.submit(`/frameworks/${id}/windows/new`, windowFields('2026-04-01', '2026-04-30'))).status).toBe(303);
      const overlapping = await manager.submit(`/frameworks/${id}/windows/new`, windowFields('2026-04-15', '2026-05-15'));
      expect(overlapping.fieldErrors).toEqual({ opensOn: 'The window overlaps the window from 1 April 2026 to 30 April 2026' });

      const noReopening = await manager.submit(`/frameworks/${id}`, {}, `/frameworks/${id}/open`);
      expect(noReopening.status).toBe(409);
      expect(noReopening.$('main').text()).toContain(
        'The open framework must reopen, with a window that closes by 29 April 2029 (3 years from the first award)',
      );

      expect((await manager.submit(`/frameworks/${id}/windows/new`, windowFields('2028-09-01', '2028-09-30'))).status).toBe(303);
      const page = await manager.get(`/frameworks/${id}`);
      expect(page.$('#application-windows + table tbody tr').length).toBe(2);
      expect(page.$('#application-windows + table').text()).toContain('1 September 2028 to 30 September 2028');
      expect((await manager.submit(`/frameworks/${id}`, {}, `/frameworks/${id}/open`)).status).toBe(303);
      const audit = await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'framework.window_added'`, [id]);
      expect(audit).toHaveLength(2);
    });

    it('accepts applications only while a window is open', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const addDaysIso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      const created = await manager.submit('/frameworks/new', { ...openFramework(), name: 'Open framework with a window now' });
      const id = created.location!.split('/').pop()!;
      await addCondition(id);
      await manager.submit(`/frameworks/${id}/windows/new`, windowFields(addDaysIso(-5), addDaysIso(5)));
      await manager.submit(`/frameworks/${id}/windows/new`, windowFields('2028-09-01', '2028-09-30'));
      expect((await manager.submit(`/frameworks/${id}`, {}, `/frameworks/${id}/open`)).status).toBe(303);

      const provider = new WebSession(testApp.server);
      await provider.signIn(DEMO.provider);
      expect((await provider.get('/provider/frameworks')).$('main').text()).toContain('Open framework with a window now');
      const csrf = (await provider.get('/provider/frameworks')).$('meta[name=csrf-token]').attr('content')!;
      // Outside the window the framework is not offered, and going straight to its apply URL is refused.
      await testApp.dataSource.query(
        `UPDATE framework_application_windows SET opens_on = $2::date + 1, closes_on = $2::date + 10 WHERE framework_id = $1 AND opens_on < '2028-01-01'`,
        [id, today],
      );
      expect((await provider.get('/provider/frameworks')).$('main').text()).not.toContain('Open framework with a window now');
      expect((await provider.post(`/provider/frameworks/${id}/apply`, { _csrf: csrf })).status).toBe(404);
      await testApp.dataSource.query(
        `UPDATE framework_application_windows SET opens_on = $2, closes_on = $2 WHERE framework_id = $1 AND opens_on < '2028-01-01'`,
        [id, today],
      );
      expect((await provider.post(`/provider/frameworks/${id}/apply`, { _csrf: csrf })).status).toBe(303);
    });
  });

  it('keeps frameworks to framework managers of the same partnership', async () => {
    const id = await createFramework();
    for (const email of [DEMO.commissioner, DEMO.provider, DEMO.panelMember]) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      expect((await visitor.get(`/frameworks/${id}`)).status).toBe(403);
      expect((await visitor.get('/frameworks')).status).toBe(403);
    }
    // A framework manager of another partnership cannot see it at all.
    const [{ id: partnershipId }] = await testApp.dataSource.query(`INSERT INTO partnerships (name) VALUES ('Another RAA') RETURNING id`);
    const [{ id: agencyId }] = await testApp.dataSource.query(`INSERT INTO agencies (name, partnership_id) VALUES ('Elsewhere Council', $1) RETURNING id`, [
      partnershipId,
    ]);
    await testApp.dataSource.query(`UPDATE users SET agency_id = $1 WHERE email = $2`, [agencyId, DEMO.admin]);
    await testApp.dataSource.query(`UPDATE users SET roles = '{framework_manager}' WHERE email = $1`, [DEMO.admin]);
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(DEMO.admin);
    expect((await outsider.get(`/frameworks/${id}`)).status).toBe(404);
    expect((await outsider.get('/frameworks')).$('tbody tr').length).toBe(0);
    const csrf = (await outsider.get('/frameworks')).$('meta[name=csrf-token]').attr('content')!;
    expect((await outsider.post(`/frameworks/${id}/open`, { _csrf: csrf })).status).toBe(404);
  });
});
