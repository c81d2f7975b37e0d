import { createHash } from 'node:crypto';
import { MARKET_REPORTS } from '../src/insights/market.service';
import type { Role } from '../src/users/role';
import { activeContract } from './factories/awards';
import { referenceIds } from './factories/frameworks';
import { createSecondPartnership } from './factories/partnerships';
import { crawl } from './support/crawl';
import { listRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { WebSession } from './support/web-session';

const FAMILY_COMMENT = 'Our therapist really understood our son';

/**
 * Partnership scoping: the staff of a second partnership (framework
 * manager, commissioner, panel member) fetch every list page and CSV their
 * role may, and follow every link from their dashboard. None of the first
 * partnership's provider names, requirement titles or families' feedback
 * may appear anywhere.
 */
describe('a second partnership’s staff see nothing of the first partnership', () => {
  let testApp: TestApp;
  let secrets: string[];
  let sharedProviderId: string;
  let north: Awaited<ReturnType<typeof createSecondPartnership>>;
  let firstIds: Awaited<ReturnType<typeof referenceIds>>;
  const visitors: Array<{ role: Role; session: WebSession }> = [];

  beforeAll(async () => {
    testApp = await createTestApp();
    const db = testApp.dataSource;
    // The first partnership (the seeded one): a started contract with one family's feedback.
    const contract = await activeContract(testApp, { winner: 'Alderbrook Family Therapy', requirement: { title: 'Theraplay for the Alderbrook family case' } });
    const [sender] = await db.query(`SELECT id FROM users WHERE 'commissioner' = ANY(roles) LIMIT 1`);
    const [request] = await db.query(
      `INSERT INTO feedback_requests (contract_id, respondent, stage, token_hash, expires_at, used_at, sent_by_user_id)
       VALUES ($1, 'adopter', 'end', $2, now() + interval '28 days', now(), $3) RETURNING id`,
      [contract.contractId, createHash('sha256').update('scoping').digest('hex'), sender.id],
    );
    await db.query(
      `INSERT INTO feedback_responses (request_id, contract_id, respondent, helpful, listened, better, comment) VALUES ($1, $2, 'adopter', 5, 4, 4, $3)`,
      [request.id, contract.contractId, FAMILY_COMMENT],
    );
    // Everything the first partnership has: every provider (all deal only with it), requirement and framework, and the family's comment.
    const names = (await db.query(`SELECT name FROM provider_organisations`)).map((row: { name: string }) => row.name);
    const titles = (await db.query(`SELECT title FROM requirements`)).map((row: { title: string }) => row.title);
    const frameworks = (await db.query(`SELECT name FROM frameworks`)).map((row: { name: string }) => row.name);
    // Agency names are left out: the accessibility and privacy statements name the partnership's councils to everyone.
    secrets = [...new Set([...names, ...titles, ...frameworks, FAMILY_COMMENT])];
    expect(secrets).toEqual(
      expect.arrayContaining([
        'Alderbrook Family Therapy',
        'Oakleaf Family Therapy Ltd',
        'Harbour Creative Therapies CIC',
        'Theraplay for the Alderbrook family case',
        FAMILY_COMMENT,
      ]),
    );

    sharedProviderId = contract.providerId;
    firstIds = await referenceIds(db);
    north = await createSecondPartnership(db);
    for (const [role, email] of [
      ['framework_manager', north.frameworkManager],
      ['commissioner', north.commissioner],
      ['panel_member', north.panelMember],
    ] as const) {
      const session = new WebSession(testApp.server);
      await session.signIn(email, north.password);
      visitors.push({ role, session });
    }
  });
  afterAll(() => testApp.close());

  const leaksIn = (text: string) => secrets.filter((secret) => text.includes(secret) || text.includes(secret.replace(/’/g, '&#x27;')));

  it('shows none of it on any list page or CSV their role may fetch', async () => {
    const lists = listRoutes(testApp).filter((route) => route.method === 'GET' && !route.path.includes('/:') && !route.isPublic && route.path !== '/sign-out');
    const problems: string[] = [];
    let fetched = 0;
    for (const { role, session } of visitors) {
      const paths = [...lists.filter((route) => route.roles?.includes(role)).map((route) => route.path)];
      if (role !== 'panel_member') {
        // Unfiltered, and narrowed to the first partnership's own agency, district and lot.
        for (const filter of ['', `?agency=${firstIds.kent}`, `?area=${firstIds.ashford}`, `?lot=${firstIds.theraplay}`]) {
          paths.push(`/insights/market${filter}`, ...MARKET_REPORTS.map((report) => `/insights/market/${report}.csv${filter}`));
        }
      }
      if (role === 'commissioner') paths.push(`/requirements?area=${firstIds.ashford}`, `/requirements?lot=${firstIds.theraplay}`);
      for (const path of paths) {
        const response = await session.agent.get(path).redirects(0).buffer(true);
        const body = response.text ?? '';
        if (response.status >= 500) problems.push(`${role} ${path}: ${response.status}`);
        const shown = leaksIn(body);
        if (shown.length) problems.push(`${role} ${path} shows ${shown.join(', ')}`);
        fetched++;
      }
    }
    expect(problems).toEqual([]);
    expect(fetched).toBeGreaterThan(60);
  });

  it('shows none of it on any page reached by following links from their dashboard', async () => {
    const problems: string[] = [];
    for (const { role, session } of visitors) {
      const pages = await crawl(session);
      expect(pages.length).toBeGreaterThan(5);
      for (const page of pages) {
        if (page.response.status >= 500) problems.push(`${role} ${page.path}: ${page.response.status}`);
        const shown = leaksIn(page.response.text ?? '');
        if (shown.length) problems.push(`${role} ${page.path} shows ${shown.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists only its own partnership’s agencies and districts on the framework manager’s dashboard', async () => {
    const dashboard = await visitors.find((visitor) => visitor.role === 'framework_manager')!.session.get('/framework-manager');
    expect(dashboard.status).toBe(200);
    expect(dashboard.html).toContain('Northern Adoption Partnership Council');
    for (const agency of ['Kent County Council', 'Medway Council', 'London Borough of Bexley', 'Ashford']) expect(dashboard.html).not.toContain(agency);
  });

  it('shows a provider both partnerships deal with only through the second’s own contracts: none of the first’s figures or families’ comments', async () => {
    const db = testApp.dataSource;
    const [framework] = await db.query(
      `INSERT INTO frameworks (name, partnership_id, route, decision_clock_days, decision_extended_days, minimum_bid_period_days, standstill_days, opens_on, closes_on, status)
       VALUES ('Northern Therapies', $1, 'legacy_dps', 10, 15, 10, 0, '2024-01-01', '2028-12-31', 'open') RETURNING id`,
      [north.partnershipId],
    );
    const [theraplay] = await db.query(`SELECT id FROM therapy_types WHERE name = 'Theraplay'`);
    await db.query(`INSERT INTO memberships (framework_id, provider_id, therapy_type_id, status) VALUES ($1, $2, $3, 'active')`, [
      framework.id,
      sharedProviderId,
      theraplay.id,
    ]);
    for (const { role, session } of visitors) {
      const page = await session.get(`/quality/providers/${sharedProviderId}`);
      expect({ role, status: page.status }).toEqual({ role, status: 200 });
      expect(page.html).toContain('Alderbrook Family Therapy');
      expect({ role, comment: page.html.includes(FAMILY_COMMENT) }).toEqual({ role, comment: false });
      // The first partnership's contract is not counted, so there are no figures by lot at all.
      expect({
        role,
        lots: page
          .$('h2')
          .map((_, heading) => page.$(heading).text().trim())
          .get()
          .filter((text) => text === 'Theraplay'),
      }).toEqual({ role, lots: [] });
    }
    const kent = new WebSession(testApp.server);
    await kent.signIn('framework.manager@apse.example');
    const own = await kent.get(`/quality/providers/${sharedProviderId}`);
    expect(own.html).toContain(FAMILY_COMMENT);
    expect(
      own
        .$('h2')
        .map((_, heading) => own.$(heading).text().trim())
        .get(),
    ).toContain('Theraplay');
  });

  it('still shows the first partnership’s own staff its providers, so the checks above can see a leak', async () => {
    const manager = new WebSession(testApp.server);
    await manager.signIn('framework.manager@apse.example');
    const quality = await manager.get('/quality/providers');
    expect(quality.status).toBe(200);
    expect(quality.html).toContain('Alderbrook Family Therapy');
    const dashboard = (await manager.get('/framework-manager')).html;
    expect(dashboard).toContain('Alderbrook Family Therapy');
    expect(dashboard).toContain('Kent County Council');
  });
});
