import { agreedScores, declareNoConflicts, declareNoConflictsOnPage, quorateMeeting } from './factories/awards';
import { closedRequirementWithBids, dateFields } from './factories/competitions';
import { createSecondPartnership } from './factories/partnerships';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

const PSYCHOLOGIST = 'panel.psychologist@bexley.example';
const SOCIAL_WORKER = 'panel.social@kent.example';
const ALTERNATE = 'pat.alternate@bexley.example';
const SECOND_COMMISSIONER = 'sam.second@kent.example';

/**
 * BR-9 for everyone who sees bids (Procurement Act 2023 ss.81-83):
 * commissioners declare too, declarations are amended with a date and a
 * reason and keep their history, the conflicts assessment lists them, and an
 * alternate chair acts when the chair is conflicted.
 */
describe('conflicts of interest for everyone who sees bids', () => {
  let testApp: TestApp;
  let requirementId: string;
  let bidIds: Record<string, string>;
  let providerIds: Record<string, string>;
  let commissioner: WebSession;
  let secondCommissioner: WebSession;
  let chair: WebSession;
  let psychologist: WebSession;
  let socialWorker: WebSession;
  let alternate: WebSession;
  let manager: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const signedIn = async (email: string, password?: string) => {
    const session = new WebSession(testApp.server);
    await session.signIn(email, password);
    return session;
  };
  const secrets = ['Alder Therapy answer one', 'Birch Therapy answer one', '£950.00', '£1,100.00'];
  const leaked = (html: string) => secrets.filter((secret) => html.includes(secret));
  const declarationsOf = (email: string) =>
    sql(
      `SELECT d.id, p.name, d.conflicted, d.version FROM conflict_declarations d JOIN users u ON u.id = d.user_id JOIN provider_organisations p ON p.id = d.provider_id WHERE u.email = $1 AND d.requirement_id = $2 ORDER BY p.name`,
      [email, requirementId],
    );

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    ({ requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [
      ['Alder Therapy', '95'],
      ['Birch Therapy', '110'],
    ]));
    const [kent] = await sql(`SELECT id FROM agencies WHERE name = 'Kent County Council'`);
    await createUser(testApp.dataSource, { roles: ['commissioner'], agencyId: kent.id, fullName: 'Sam Second', email: SECOND_COMMISSIONER });
    const [bexley] = await sql(`SELECT id FROM agencies WHERE name = 'London Borough of Bexley'`);
    await createUser(testApp.dataSource, { roles: ['panel_member'], agencyId: bexley.id, fullName: 'Pat Alternate', email: ALTERNATE });
    commissioner = await signedIn(DEMO.commissioner);
    secondCommissioner = await signedIn(SECOND_COMMISSIONER, FACTORY_PASSWORD);
    chair = await signedIn(DEMO.panelMember);
    psychologist = await signedIn(PSYCHOLOGIST);
    socialWorker = await signedIn(SOCIAL_WORKER);
    alternate = await signedIn(ALTERNATE, FACTORY_PASSWORD);
    manager = await signedIn(DEMO.frameworkManager);
  });
  afterAll(() => testApp.close());

  it('asks a commissioner to declare before showing the bids, and refuses an incomplete declaration with nothing saved', async () => {
    const before = await commissioner.get(`/requirements/${requirementId}/bids`);
    expect(before.status).toBe(200);
    expect(before.$('main').text()).toContain('Before you see the bids, declare whether you have a conflict of interest with any bidder');
    expect(leaked(before.html)).toEqual([]);

    const form = await commissioner.get(`/conflicts/requirements/${requirementId}/declare`);
    expect(form.$('main').text()).toContain('You act on this requirement as: Commissioner');
    expect(
      form
        .$('main legend')
        .map((_, legend) => form.$(legend).text().trim())
        .get(),
    ).toEqual(['Alder Therapy', 'Birch Therapy']);
    expect(leaked(form.html)).toEqual([]);
    const incomplete = await commissioner.submit(`/conflicts/requirements/${requirementId}/declare`, {
      [`conflict-${providerIds['Alder Therapy']}`]: 'conflict',
      [`nature-${providerIds['Birch Therapy']}`]: 'x'.repeat(1001),
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.title).toMatch(/^Error: /);
    expect(incomplete.errorSummary.map((error) => error.text)).toEqual([
      'Describe your conflict of interest with Alder Therapy',
      'Select whether you have a conflict of interest with Birch Therapy',
    ]);
    expect(await declarationsOf(DEMO.commissioner)).toEqual([]);

    await declareNoConflictsOnPage(commissioner, requirementId);
    const after = await commissioner.get(`/requirements/${requirementId}/bids`);
    expect(after.$('main').text()).toContain('£950.00');
    expect(after.$('main').text()).toContain('Birch Therapy answer one');
    const [audit] = await sql(`SELECT after FROM audit_events WHERE action = 'conflict.declared' AND after->>'capacities' LIKE '%commissioner%'`);
    expect(audit.after).toMatchObject({ capacities: ['commissioner'], conflicted: false });
    expect(await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId])).toEqual([{ status: 'closed' }]);
  });

  it('shows a conflicted commissioner none of the bids, by page or by URL, and cannot declare twice', async () => {
    const declared = await secondCommissioner.submit(`/conflicts/requirements/${requirementId}/declare`, {
      [`conflict-${providerIds['Alder Therapy']}`]: 'none',
      [`conflict-${providerIds['Birch Therapy']}`]: 'conflict',
      [`nature-${providerIds['Birch Therapy']}`]: 'My partner is a director of Birch Therapy',
    });
    expect(declared.status).toBe(303);
    expect(declared.location).toBe(`/conflicts/requirements/${requirementId}`);
    const page = await secondCommissioner.get(`/requirements/${requirementId}/bids`);
    expect(page.$('main').text()).toContain('You declared a conflict of interest with a bidder, so you cannot see any of the bids');
    expect(leaked(page.html)).toEqual([]);
    const again = await secondCommissioner.submit(`/conflicts/requirements/${requirementId}/declare`, {
      [`conflict-${providerIds['Alder Therapy']}`]: 'none',
      [`conflict-${providerIds['Birch Therapy']}`]: 'none',
    });
    expect(again.status).toBe(409);
    expect((await declarationsOf(SECOND_COMMISSIONER)).map((row: { conflicted: boolean }) => row.conflicted)).toEqual([false, true]);
  });

  it('amends a declaration with the date and reason, keeping the first version, audited; bad input saves nothing', async () => {
    const [alder] = await declarationsOf(DEMO.commissioner);
    const path = `/conflicts/requirements/${requirementId}/declarations/${alder.id}/amend`;
    const form = await commissioner.get(path);
    expect(form.heading).toBe('Amend your declaration about Alder Therapy');

    const bad = await commissioner.submit(path, { decision: 'conflict', ...dateFields('changedOn', 3) });
    expect(bad.status).toBe(400);
    expect(bad.errorSummary.map((error) => error.text)).toEqual(['Describe your conflict of interest', 'Enter the reason for amending your declaration']);
    const future = await commissioner.submit(path, {
      decision: 'conflict',
      nature: 'My sister has joined Alder Therapy',
      reason: 'She started last week',
      ...dateFields('changedOn', 3),
    });
    expect(future.status).toBe(400);
    expect(future.errorSummary.map((error) => error.text)).toEqual(['The date the interest arose or changed must be today or in the past']);
    expect(future.$('#reason').val()).toBe('She started last week');
    const unchanged = await commissioner.submit(path, { decision: 'none', reason: 'Checking', ...dateFields('changedOn', 0) });
    expect(unchanged.status).toBe(400);
    expect(await sql(`SELECT count(*)::int AS n FROM conflict_declaration_versions WHERE declaration_id = $1`, [alder.id])).toEqual([{ n: 1 }]);

    const amended = await commissioner.submit(path, {
      decision: 'conflict',
      nature: 'My sister has joined Alder Therapy',
      reason: 'She started there after I declared',
      mitigation: 'Told my manager',
      ...dateFields('changedOn', -2),
    });
    expect(amended.status).toBe(303);
    const versions = await sql(
      `SELECT version, conflicted, nature, reason, changed_on::text AS changed_on FROM conflict_declaration_versions WHERE declaration_id = $1 ORDER BY version`,
      [alder.id],
    );
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatchObject({ version: 1, conflicted: false, nature: null, reason: null, changed_on: null });
    expect(versions[1]).toMatchObject({
      version: 2,
      conflicted: true,
      nature: 'My sister has joined Alder Therapy',
      reason: 'She started there after I declared',
    });
    expect((await declarationsOf(DEMO.commissioner))[0]).toMatchObject({ conflicted: true, version: 2 });
    const [audit] = await sql(`SELECT before, after FROM audit_events WHERE action = 'conflict.amended'`);
    expect(audit.before).toMatchObject({ conflicted: false, version: 1 });
    expect(audit.after).toMatchObject({ conflicted: true, version: 2 });
    // Free text stays out of the audit log.
    expect(JSON.stringify(audit)).not.toContain('sister');

    // The history cannot be rewritten, even in the database.
    await expect(sql(`UPDATE conflict_declaration_versions SET conflicted = false WHERE declaration_id = $1`, [alder.id])).rejects.toThrow(
      /keeps every version: UPDATE is not allowed/,
    );

    // From now on the commissioner sees no bid.
    const bids = await commissioner.get(`/requirements/${requirementId}/bids`);
    expect(leaked(bids.html)).toEqual([]);
  });

  it('lets no one amend someone else’s declaration', async () => {
    const [alder] = await declarationsOf(DEMO.commissioner);
    const path = `/conflicts/requirements/${requirementId}/declarations/${alder.id}/amend`;
    expect((await secondCommissioner.get(path)).status).toBe(404);
    const csrf = (await secondCommissioner.get(`/conflicts/requirements/${requirementId}`)).$('meta[name=csrf-token]').attr('content')!;
    const forced = await secondCommissioner.post(path, { _csrf: csrf, decision: 'none', reason: 'Sneaky', ...dateFields('changedOn', 0) });
    expect([400, 404]).toContain(forced.status);
    expect((await declarationsOf(DEMO.commissioner))[0]).toMatchObject({ conflicted: true, version: 2 });
  });

  it('makes the chair conflicted and refuses them the bids, scores, moderation and decision by URL', async () => {
    const declared = await chair.submit(
      `/panel/requirements/${requirementId}`,
      {
        [`conflict-${providerIds['Alder Therapy']}`]: 'none',
        [`conflict-${providerIds['Birch Therapy']}`]: 'conflict',
        [`nature-${providerIds['Birch Therapy']}`]: 'I supervise a Birch Therapy clinician',
      },
      `/panel/requirements/${requirementId}/conflicts`,
    );
    expect(declared.status).toBe(303);
    for (const path of ['scores', 'moderation', 'decision']) {
      const page = await chair.get(`/panel/requirements/${requirementId}/${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 403 });
      expect(leaked(page.html)).toEqual([]);
    }
    const csrf = (await chair.get('/panel/requirements')).$('meta[name=csrf-token]').attr('content')!;
    const meetingId = '00000000-0000-4000-8000-000000000000';
    for (const [path, fields] of [
      ['moderation', agreedScores(bidIds, 'rationale', { 'Alder Therapy': [3, 3], 'Birch Therapy': [3, 3] })],
      ['decision', { meetingId, outcome: 'awarded', rationale: 'Best' }],
    ] as const) {
      const forced = await chair.post(`/panel/requirements/${requirementId}/${path}`, { _csrf: csrf, ...fields });
      expect({ path, status: forced.status }).toEqual({ path, status: 403 });
    }
    expect(await sql(`SELECT 1 FROM moderated_scores WHERE requirement_id = $1`, [requirementId])).toEqual([]);
    // The chair's declaration, conflicted or not, starts the evaluation.
    expect(await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId])).toEqual([{ status: 'evaluating' }]);
  });

  it('adds an alternate chair, refusing one marked as both chair and alternate', async () => {
    const admin = await signedIn(DEMO.admin);
    const [candidate] = await sql(`SELECT id FROM users WHERE email = $1`, [ALTERNATE]);
    const both = await admin.submit('/admin/panel', { userId: candidate.id, profession: 'social_work_manager', isChair: 'yes', isAlternateChair: 'yes' });
    expect(both.status).toBe(400);
    expect(both.errorSummary.map((error) => error.text)).toEqual(['Select chair or alternate chair, not both']);
    expect(await sql(`SELECT 1 FROM panel_members WHERE user_id = $1`, [candidate.id])).toEqual([]);
    expect((await admin.submit('/admin/panel', { userId: candidate.id, profession: 'social_work_manager', isAlternateChair: 'yes' })).status).toBe(303);
    expect((await admin.get('/admin/panel')).$('main').text()).toContain('(alternate chair)');
  });

  it('lets the alternate chair moderate and record the decision when the chair is conflicted, leaving out a member who became conflicted', async () => {
    // A panel member can declare on the shared page too, and is sent on to the panel's page.
    expect((await declareNoConflictsOnPage(alternate, requirementId)).location).toBe(`/panel/requirements/${requirementId}`);
    for (const session of [psychologist, socialWorker]) await declareNoConflicts(session, requirementId, providerIds);
    const threes = agreedScores(bidIds, 'comment', { 'Alder Therapy': [3, 3], 'Birch Therapy': [3, 3] });
    for (const session of [alternate, psychologist])
      expect((await session.submit(`/panel/requirements/${requirementId}/scores`, { ...threes, intent: 'submit' })).status).toBe(303);
    // The ordinary member cannot moderate: only the chair or, with the chair conflicted, the alternate.
    expect((await socialWorker.get(`/panel/requirements/${requirementId}/moderation`)).status).toBe(403);
    const overview = await alternate.get(`/panel/requirements/${requirementId}`);
    expect(overview.$(`a[href="/panel/requirements/${requirementId}/moderation"]`).length).toBe(1);

    // A conflict that arises later: the psychologist amends, and their submitted scores drop out of moderation.
    const [psychologistAlder] = await declarationsOf(PSYCHOLOGIST);
    const amended = await psychologist.submit(`/conflicts/requirements/${requirementId}/declarations/${psychologistAlder.id}/amend`, {
      decision: 'conflict',
      nature: 'Alder Therapy has offered me work',
      reason: 'The offer came after I scored',
      ...dateFields('changedOn', 0),
    });
    expect(amended.status).toBe(303);
    expect((await psychologist.get(`/panel/requirements/${requirementId}/scores`)).status).toBe(403);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(PSYCHOLOGIST).map((email) => email.subject)).toContain('You are excluded from evaluating a requirement');
    const moderation = await alternate.get(`/panel/requirements/${requirementId}/moderation`);
    expect(moderation.status).toBe(200);
    expect(moderation.$('main').text()).toContain('Pat Alternate');
    expect(moderation.$('main').text()).not.toContain('Dr Ravi Mehta');

    expect(
      (
        await alternate.submit(
          `/panel/requirements/${requirementId}/moderation`,
          agreedScores(bidIds, 'rationale', { 'Alder Therapy': [3, 3], 'Birch Therapy': [3, 3] }),
        )
      ).status,
    ).toBe(303);
    const [user] = await sql(`SELECT id FROM users WHERE email = $1`, [ALTERNATE]);
    expect(await sql(`SELECT DISTINCT moderated_by_user_id AS id FROM moderated_scores WHERE requirement_id = $1`, [requirementId])).toEqual([{ id: user.id }]);

    // Without the two conflicted members the meeting needs a third member and a psychologist: Lee Extra.
    const [kent] = await sql(`SELECT id, partnership_id FROM agencies WHERE name = 'Kent County Council'`);
    const extra = await createUser(testApp.dataSource, { roles: ['panel_member'], agencyId: kent.id, fullName: 'Lee Extra', email: 'lee.extra@kent.example' });
    await sql(`INSERT INTO panel_members (user_id, partnership_id, agency_id, profession) VALUES ($1, $2, $3, 'educational_psychologist')`, [
      extra.id,
      kent.partnership_id,
      kent.id,
    ]);
    const meetingId = await quorateMeeting(testApp, chair);
    expect(
      (
        await chair.submit(
          `/panel/requirements/${requirementId}`,
          { meetingId, outcome: 'awarded', rationale: 'Best value' },
          `/panel/requirements/${requirementId}/decision`,
        )
      ).status,
    ).toBe(403);
    const decided = await alternate.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
    expect({ status: decided.status, errors: decided.errorSummary.map((error) => error.text) }).toEqual({ status: 303, errors: [] });
    expect(await sql(`SELECT outcome, decided_by_user_id AS "decidedBy" FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([
      { outcome: 'awarded', decidedBy: user.id },
    ]);
  });

  it('keeps the alternate chair out where the chair has declared no conflict', async () => {
    const other = await closedRequirementWithBids(testApp, [['Cherry Therapy', '99']], { title: 'Theraplay the chair can decide' });
    await declareNoConflicts(chair, other.requirementId, other.providerIds);
    await declareNoConflicts(alternate, other.requirementId, other.providerIds);
    for (const path of ['moderation', 'decision']) {
      const page = await alternate.get(`/panel/requirements/${other.requirementId}/${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 403 });
    }
    expect(
      (await alternate.get(`/panel/requirements/${other.requirementId}`)).$(`a[href="/panel/requirements/${other.requirementId}/moderation"]`).length,
    ).toBe(0);
    expect((await chair.get(`/panel/requirements/${other.requirementId}/moderation`)).status).toBe(200);
  });

  it('lists every declaration in the conflicts assessment, with capacity, amendments and mitigation', async () => {
    const page = await manager.get(`/conflicts/requirements/${requirementId}`);
    expect(page.status).toBe(200);
    expect(page.heading).toBe('Conflicts assessment');
    const rows = page
      .$('#declarations tbody tr')
      .map((_, row) => page.$(row).text().replace(/\s+/g, ' ').trim())
      .get();
    const row = (name: string, bidder: string) => rows.find((text) => text.startsWith(name) && text.includes(bidder))!;
    expect(row('Sam Second', 'Birch Therapy')).toContain('Commissioner');
    expect(row('Sam Second', 'Birch Therapy')).toContain('Conflict: My partner is a director of Birch Therapy');
    expect(row('Sam Second', 'Birch Therapy')).toContain('Cannot see any bid on this requirement');
    expect(row('Sam Second', 'Alder Therapy')).toContain('None needed');
    const amendedRow = row('Dr Ravi Mehta', 'Alder Therapy');
    expect(amendedRow).toContain('Panel member');
    expect(amendedRow).toContain('Reason: The offer came after I scored');
    expect(amendedRow).toContain('does not count towards the quorum');
    const commissionerRow = rows.find((text) => text.includes('Other steps: Told my manager'));
    expect(commissionerRow).toBeDefined();
    // Bid contents never appear on it.
    expect(leaked(page.html)).toEqual([]);
    expect(page.$('#undeclared').text()).toContain('Lee Extra (Panel member)');
    // Each person may amend only their own, from here.
    const own = await commissioner.get(`/conflicts/requirements/${requirementId}`);
    expect(own.$('a[href*="/amend"]').length).toBe(2);
    expect((await commissioner.get(`/requirements/${requirementId}`)).$(`a[href="/conflicts/requirements/${requirementId}"]`).length).toBe(1);
    expect((await alternate.get(`/panel/requirements/${requirementId}`)).$(`a[href="/conflicts/requirements/${requirementId}"]`).length).toBe(1);
    // The framework manager reaches it from the list of the partnership's requirements.
    expect((await manager.get('/framework-manager')).$('a[href="/conflicts"]').length).toBe(1);
    const list = await manager.get('/conflicts');
    const listed = list.$('#requirements tbody tr').filter((_, tr) => list.$(tr).find(`a[href="/conflicts/requirements/${requirementId}"]`).length > 0);
    expect(
      listed
        .find('td')
        .map((_, td) => list.$(td).text().trim())
        .get()
        .slice(-2),
    ).toEqual(['12', '4']);
  });

  it('lists a commissioner only their own agency’s requirements, and another partnership none', async () => {
    const [medway] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    const medwayCommissioner = await createUser(testApp.dataSource, {
      roles: ['commissioner'],
      agencyId: medway.id,
      email: 'commissioner@medway-list.example',
    });
    const medwaySession = await signedIn(medwayCommissioner.email, FACTORY_PASSWORD);
    expect((await medwaySession.get('/conflicts')).html).not.toContain(requirementId);
    expect((await commissioner.get('/conflicts')).html).toContain(`/conflicts/requirements/${requirementId}`);
    const north = await createSecondPartnership(testApp.dataSource, 'Western Adoption Partnership');
    const northManager = await signedIn(north.frameworkManager, north.password);
    const page = await northManager.get('/conflicts');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(requirementId);
  });

  it('shows the conflicts assessment to no one from another agency’s commissioning, another partnership, or a provider', async () => {
    const north = await createSecondPartnership(testApp.dataSource);
    const [medway] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    const medwayCommissioner = await createUser(testApp.dataSource, {
      roles: ['commissioner'],
      agencyId: medway.id,
      email: 'commissioner@medway-conflicts.example',
    });
    const outsiders: Array<[string, string | undefined, number]> = [
      [north.commissioner, north.password, 404],
      [north.frameworkManager, north.password, 404],
      [north.panelMember, north.password, 404],
      [medwayCommissioner.email, FACTORY_PASSWORD, 404],
      [DEMO.provider, undefined, 403],
    ];
    const [declaration] = await declarationsOf(DEMO.commissioner);
    for (const [email, password, status] of outsiders) {
      const outsider = await signedIn(email, password);
      for (const path of ['', '/declare', `/declarations/${declaration.id}/amend`]) {
        const page = await outsider.get(`/conflicts/requirements/${requirementId}${path}`);
        expect({ email, path, status: page.status }).toEqual({ email, path, status });
        expect(page.html).not.toContain('Birch Therapy');
      }
      const csrf = (await outsider.get('/account')).$('meta[name=csrf-token]').attr('content')!;
      const forced = await outsider.post(`/conflicts/requirements/${requirementId}/declare`, {
        _csrf: csrf,
        [`conflict-${providerIds['Alder Therapy']}`]: 'none',
        [`conflict-${providerIds['Birch Therapy']}`]: 'none',
      });
      expect({ email, status: forced.status }).toEqual({ email, status });
    }
    expect(
      await sql(`SELECT count(*)::int AS n FROM conflict_declarations d JOIN users u ON u.id = d.user_id WHERE u.email = ANY($1)`, [
        outsiders.map(([email]) => email),
      ]),
    ).toEqual([{ n: 0 }]);
  });

  it('lets a conflict be withdrawn with its reason: access returns and the withdrawal stays on the assessment', async () => {
    const birch = (await declarationsOf(SECOND_COMMISSIONER)).find((row: { name: string }) => row.name === 'Birch Therapy');
    const withdrawn = await secondCommissioner.submit(`/conflicts/requirements/${requirementId}/declarations/${birch.id}/amend`, {
      decision: 'none',
      reason: 'Declared in error: my partner left Birch Therapy last year',
      ...dateFields('changedOn', 0),
    });
    expect(withdrawn.status).toBe(303);
    expect((await secondCommissioner.get(`/requirements/${requirementId}/bids`)).$('main').text()).toContain('Birch Therapy answer one');
    const assessment = await manager.get(`/conflicts/requirements/${requirementId}`);
    const row = assessment
      .$('#declarations tbody tr')
      .filter((_, tr) => assessment.$(tr).text().includes('Sam Second') && assessment.$(tr).text().includes('Birch Therapy'))
      .text()
      .replace(/\s+/g, ' ');
    expect(row).toContain('No conflict');
    expect(row).toContain('Reason: Declared in error: my partner left Birch Therapy last year');
  });
});
