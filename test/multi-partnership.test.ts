import { MARKET_REPORTS } from '../src/insights/market.service';
import type { Role } from '../src/users/role';
import { createOpenFramework, declareExclusions, organisationFields, prepareProvider, referenceIds } from './factories/frameworks';
import { crawl } from './support/crawl';
import { listRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, pathOf, WebSession } from './support/web-session';

jest.setTimeout(240_000);

type Ids = Awaited<ReturnType<typeof referenceIds>>;

/**
 * Several partnerships on one portal. A system admin sets up a second
 * partnership entirely through the admin pages; its own staff run its own
 * framework. One provider account, with one set of practitioners and
 * documents, applies to both partnerships' frameworks, and each partnership
 * evaluates its own application. The second partnership's staff then fetch
 * every list page and CSV and follow every link, and see nothing of the first.
 */
describe('several partnerships on one portal', () => {
  let testApp: TestApp;
  let admin: WebSession;
  let provider: WebSession;
  let kentManager: WebSession;
  let firstIds: Ids;
  let northIds: Ids;
  let firstFrameworkId: string;
  let northFrameworkId: string;
  const north: Partial<Record<Role, WebSession>> = {};
  const applications: Record<'first' | 'north', string> = { first: '', north: '' };
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  /** Adds a member of the second partnership's staff on /admin/users; they set a password from the email. */
  async function addStaff(agencyId: string, role: Role, email: string): Promise<WebSession> {
    expect((await admin.submit('/admin/users/new', { fullName: `Thames ${role}`, email, agencyId, roles: [role] })).status).toBe(303);
    await testApp.deliverEmails();
    const link = pathOf(testApp.smtp!.linkTo(email, '/accept-invitation?token='));
    const session = new WebSession(testApp.server);
    const form = await session.get(link);
    expect(
      (await session.submit(link, { token: form.$('input[name=token]').val() as string, password: `${role} thames valley 2026` }, '/accept-invitation')).status,
    ).toBe(303);
    await session.signIn(email, `${role} thames valley 2026`);
    return session;
  }

  /** The provider applies for the Theraplay lot, choosing the practitioners and documents it already keeps. */
  async function apply(frameworkId: string, ids: Ids): Promise<string> {
    const started = await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`);
    expect(started.status).toBe(303);
    const applicationId = started.location!.split('/').pop()!;
    const practitionerIds = (
      await sql(`SELECT id FROM practitioners p WHERE p.provider_id = (SELECT provider_id FROM users WHERE email = $1)`, [DEMO.provider])
    ).map((row: { id: string }) => row.id);
    const documentIds = (
      await sql(`SELECT id FROM compliance_documents d WHERE d.provider_id = (SELECT provider_id FROM users WHERE email = $1)`, [DEMO.provider])
    ).map((row: { id: string }) => row.id);
    expect((await provider.submit(`/provider/applications/${applicationId}/lots`, { therapyTypeIds: [ids.theraplay] })).status).toBe(303);
    expect((await provider.submit(`/provider/applications/${applicationId}/practitioners`, { practitionerIds })).status).toBe(303);
    expect((await provider.submit(`/provider/applications/${applicationId}/documents`, { documentIds })).status).toBe(303);
    const conditions: Array<{ id: string; answer_type: string; question: string }> = await sql(
      `SELECT id, answer_type, question FROM membership_conditions WHERE framework_id = $1 ORDER BY position`,
      [frameworkId],
    );
    const answers: Record<string, string> = {};
    for (const condition of conditions.filter((condition) => !condition.question.includes('EMDR'))) {
      const field = `answer-${condition.id}`;
      if (condition.answer_type === 'yes_no') answers[field] = 'yes';
      else if (condition.answer_type === 'date') Object.assign(answers, { [`${field}[day]`]: '1', [`${field}[month]`]: '6', [`${field}[year]`]: '2026' });
      else answers[field] = 'Monthly supervision with a Theraplay supervisor';
    }
    const saved = await provider.submit(`/provider/applications/${applicationId}/answers`, answers);
    expect(saved.errorSummary).toEqual([]);
    expect((await declareExclusions(provider, applicationId)).status).toBe(303);
    expect(
      (await provider.submit(`/provider/applications/${applicationId}/check`, { declaration: 'confirmed' }, `/provider/applications/${applicationId}/submit`))
        .status,
    ).toBe(303);
    return applicationId;
  }

  /** A framework manager passes every condition and admits the Theraplay lot. */
  async function admit(manager: WebSession, applicationId: string, frameworkId: string, ids: Ids): Promise<void> {
    const conditions: Array<{ id: string; answer_type: string; judgement: string; question: string }> = await sql(
      `SELECT id, answer_type, judgement, question FROM membership_conditions WHERE framework_id = $1 ORDER BY position`,
      [frameworkId],
    );
    const judgements: Record<string, string> = {};
    for (const condition of conditions.filter((condition) => !condition.question.includes('EMDR'))) {
      if (condition.judgement === 'scored') judgements[`score-${condition.id}`] = '3';
      else judgements[`result-${condition.id}`] = 'pass';
    }
    const judged = await manager.submit(`/evaluation/${applicationId}`, judgements, `/evaluation/${applicationId}/judgements`);
    expect(judged.errorSummary).toEqual([]);
    const decided = await manager.submit(
      `/evaluation/${applicationId}`,
      { [`decision-${ids.theraplay}`]: 'admitted', [`reason-${ids.theraplay}`]: 'Meets every condition' },
      `/evaluation/${applicationId}/decision`,
    );
    expect(decided.errorSummary).toEqual([]);
  }

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    firstIds = await referenceIds(testApp.dataSource);
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    kentManager = new WebSession(testApp.server);
    await kentManager.signIn(DEMO.frameworkManager);
    provider = new WebSession(testApp.server);
    await provider.signIn(DEMO.provider);
  });
  afterAll(() => testApp.close());

  it('sets up a second partnership, its agency, district and staff through the admin pages', async () => {
    const created = await admin.submit('/admin/partnerships/new', { name: 'Adopt Thames Valley' });
    expect(created.status).toBe(303);
    const partnershipId = created.location!.split('/').pop()!;
    expect(
      (await admin.submit(`/admin/partnerships/${partnershipId}/agencies/new`, { name: 'Reading Borough Council', districts: ['Caversham', 'Tilehurst'] }))
        .status,
    ).toBe(303);
    const [reading] = await sql(`SELECT id FROM agencies WHERE name = 'Reading Borough Council' AND partnership_id = $1`, [partnershipId]);
    const [caversham] = await sql(`SELECT id FROM areas WHERE name = 'Caversham' AND agency_id = $1`, [reading.id]);
    northIds = { ...firstIds, kent: reading.id, ashford: caversham.id };
    north.framework_manager = await addStaff(reading.id, 'framework_manager', 'manager@thames.example');
    north.commissioner = await addStaff(reading.id, 'commissioner', 'commissioner@thames.example');
    north.panel_member = await addStaff(reading.id, 'panel_member', 'panel@thames.example');
    // Its own resource panel, kept on the same admin page as the first partnership's.
    const [panelUser] = await sql(`SELECT id FROM users WHERE email = 'panel@thames.example'`);
    const panelPage = await admin.get(`/admin/panel?partnership=${partnershipId}`);
    expect(panelPage.$('.govuk-caption-l').text()).toBe('Adopt Thames Valley');
    expect(panelPage.$('select[name="userId"]').text()).not.toContain('Dr Helen Price');
    const added = await admin.submit(`/admin/panel?partnership=${partnershipId}`, {
      partnership: partnershipId,
      userId: panelUser.id,
      profession: 'clinical_psychologist',
      isChair: 'yes',
    });
    expect(added.location).toBe(`/admin/panel?partnership=${partnershipId}`);
    expect(await sql(`SELECT partnership_id, is_chair FROM panel_members WHERE user_id = $1`, [panelUser.id])).toEqual([
      { partnership_id: partnershipId, is_chair: true },
    ]);
    expect((await admin.get('/admin/panel')).$('main').text()).not.toContain('Thames panel_member');
    const dashboard = await north.framework_manager.get('/framework-manager');
    expect(dashboard.html).toContain('Reading Borough Council');
    expect(dashboard.html).not.toContain('Kent County Council');
  });

  it('runs a framework of its own, and one provider account applies to both partnerships’ frameworks with the same practitioners and documents', async () => {
    firstFrameworkId = await createOpenFramework(kentManager, firstIds, 'Kent and Medway Therapies 2027');
    northFrameworkId = await createOpenFramework(north.framework_manager!, northIds, 'Thames Valley Therapies 2027');
    expect(await sql(`SELECT p.name FROM frameworks f JOIN partnerships p ON p.id = f.partnership_id WHERE f.id = $1`, [northFrameworkId])).toEqual([
      { name: 'Adopt Thames Valley' },
    ]);

    // Entered once: the organisation (now covering a district of each partnership), practitioners and documents.
    await prepareProvider(provider, firstIds);
    expect(
      (await provider.submit('/provider/organisation/edit', { ...organisationFields(firstIds), areaIds: [firstIds.ashford, northIds.ashford] })).status,
    ).toBe(303);
    const frameworks = await provider.get('/provider/frameworks');
    expect(frameworks.$('main').text()).toContain('Kent and Medway Therapies 2027');
    expect(frameworks.$('main').text()).toContain('Thames Valley Therapies 2027');

    applications.first = await apply(firstFrameworkId, firstIds);
    applications.north = await apply(northFrameworkId, northIds);
    const [{ n: practitioners }] = await sql(
      `SELECT count(*)::int AS n FROM practitioners WHERE provider_id = (SELECT provider_id FROM users WHERE email = $1)`,
      [DEMO.provider],
    );
    expect(practitioners).toBe(2);
    expect(await sql(`SELECT count(DISTINCT provider_id)::int AS n FROM applications WHERE id = ANY($1)`, [[applications.first, applications.north]])).toEqual([
      { n: 1 },
    ]);
  });

  it('has each partnership evaluate its own application and no other', async () => {
    const northQueue = await north.framework_manager!.get('/evaluation');
    expect(northQueue.html).toContain(applications.north);
    expect(northQueue.html).not.toContain(applications.first);
    const kentQueue = await kentManager.get('/evaluation');
    expect(kentQueue.html).toContain(applications.first);
    expect(kentQueue.html).not.toContain(applications.north);
    expect([403, 404]).toContain((await north.framework_manager!.get(`/evaluation/${applications.first}`)).status);
    expect([403, 404]).toContain((await kentManager.get(`/evaluation/${applications.north}`)).status);

    await admit(north.framework_manager!, applications.north, northFrameworkId, northIds);
    expect(await sql(`SELECT status FROM memberships WHERE framework_id = $1`, [northFrameworkId])).toEqual([{ status: 'active' }]);
    // The first partnership has not decided: its application is still waiting, on its own clock.
    expect(await sql(`SELECT count(*)::int AS n FROM memberships WHERE framework_id = $1`, [firstFrameworkId])).toEqual([{ n: 0 }]);
    expect((await kentManager.get('/evaluation')).html).toContain(applications.first);
  });

  it('shows the second partnership’s staff none of the first’s records, names or ids on any list page, CSV or linked page', async () => {
    const sharedProvider = 'Oakleaf Family Therapy Ltd';
    const names = (await sql(`SELECT name FROM provider_organisations WHERE name <> $1`, [sharedProvider])).map((row: { name: string }) => row.name);
    const titles = (await sql(`SELECT title FROM requirements`)).map((row: { title: string }) => row.title);
    const [first] = await sql(`SELECT id FROM partnerships WHERE name <> 'Adopt Thames Valley'`);
    const firstFrameworks: Array<{ id: string; name: string }> = await sql(`SELECT id, name FROM frameworks WHERE partnership_id = $1`, [first.id]);
    const ids = [
      applications.first,
      ...firstFrameworks.map((framework) => framework.id),
      ...(await sql(`SELECT id FROM requirements`)).map((row: { id: string }) => row.id),
      ...(await sql(`SELECT id FROM agencies WHERE partnership_id = $1`, [first.id])).map((row: { id: string }) => row.id),
    ];
    const secrets = [...new Set([...names, ...titles, ...firstFrameworks.map((framework) => framework.name), ...ids])];
    expect(secrets).toEqual(expect.arrayContaining(['Harbour Creative Therapies CIC', 'Kent and Medway Therapies 2027', applications.first, firstFrameworkId]));
    const leaksIn = (text: string) => secrets.filter((secret) => text.includes(secret) || text.includes(secret.replace(/’/g, '&#x27;')));

    const lists = listRoutes(testApp).filter((route) => route.method === 'GET' && !route.path.includes('/:') && !route.isPublic && route.path !== '/sign-out');
    const problems: string[] = [];
    let fetched = 0;
    for (const [role, session] of Object.entries(north) as Array<[Role, WebSession]>) {
      const paths = lists.filter((route) => route.roles?.includes(role)).map((route) => route.path);
      if (role !== 'panel_member') paths.push(...MARKET_REPORTS.map((report) => `/insights/market/${report}.csv`), `/insights/market?agency=${firstIds.kent}`);
      for (const path of paths) {
        const response = await session.agent.get(path).redirects(0).buffer(true);
        if (response.status >= 500) problems.push(`${role} ${path}: ${response.status}`);
        const shown = leaksIn(response.text ?? '');
        if (shown.length) problems.push(`${role} ${path} shows ${shown.join(', ')}`);
        fetched++;
      }
      for (const page of await crawl(session)) {
        if (page.response.status >= 500) problems.push(`${role} ${page.path}: ${page.response.status}`);
        const shown = leaksIn(page.response.text ?? '');
        if (shown.length) problems.push(`${role} ${page.path} shows ${shown.join(', ')}`);
        fetched++;
      }
    }
    expect(problems).toEqual([]);
    expect(fetched).toBeGreaterThan(40);
    // The check can see a leak: the first partnership's own manager is shown its framework and application.
    const own = await kentManager.get('/evaluation');
    expect(leaksIn(own.html).length).toBeGreaterThan(0);
    // The shared provider's own view shows both applications, each with its partnership's framework.
    const mine = (await provider.get('/provider/frameworks')).html;
    expect(mine).toContain('Kent and Medway Therapies 2027');
    expect(mine).toContain('Thames Valley Therapies 2027');
  });
});
