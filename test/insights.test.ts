import { SQL_STATEMENTS_HEADER } from '../src/common/http/sql-statement-counter';
import { spreadOf } from '../src/insights/statistics';
import { activeContract, ActiveContract } from './factories/awards';
import { closedRequirementWithBids, dateFields } from './factories/competitions';
import { ocdsSchemaProblems } from './support/ocds-schema';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('provider quality, market intelligence and open data', () => {
  let testApp: TestApp;
  let manager: WebSession;
  let commissioner: WebSession;
  let panel: WebSession;
  let contract: ActiveContract;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true, env: { OCDS_PUBLIC: 'true' } });
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    panel = new WebSession(testApp.server);
    await panel.signIn(DEMO.panelMember);
    // One contract delivered and ended with outcomes, a requirement with a single bid, and one with four: five Theraplay bids in all, the smallest price group the report shows.
    contract = await activeContract(testApp, {
      winner: 'Larch Therapy',
      rate: '90',
      requirement: { needsDescription: 'Unmistakable needs text 7Q', childReference: 'KCC-OPEN-1' },
    });
    const base = `/provider/contracts/${contract.contractId}`;
    await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -20), sessions: '4' }, `${base}/sessions`);
    await contract.provider.submit(`${base}/outcomes`, { tool: 'SDQ', baseline: '28' });
    await contract.provider.submit(`${base}/outcomes`, { tool: 'GBO', goal: 'Calmer mornings', baseline: '2' });
    const measures = await sql(`SELECT id, tool FROM outcome_measures WHERE contract_id = $1`, [contract.contractId]);
    await contract.provider.submit(
      `${base}/outcomes`,
      Object.fromEntries(measures.map((measure: { id: string; tool: string }) => [`end-${measure.id}`, measure.tool === 'SDQ' ? '17' : '8'])),
      `${base}/outcomes/end`,
    );
    await contract.provider.submit(`${base}/reports/end`, {
      engagement: 'good',
      goalProgress: 'met',
      summary: 'Done',
      nextSteps: 'None',
      safeguardingConcern: 'no',
    });
    const ended = await contract.provider.submit(`${base}/ending`, {
      kind: 'planned',
      reason: 'goals_met',
      detail: 'As planned',
      ...dateFields('endedOn', -1),
    });
    expect(ended.status).toBe(303);
    await commissioner.submit(
      `/contracts/${contract.contractId}/delivery`,
      { adopterEmail: 'parent@family.example' },
      `/contracts/${contract.contractId}/feedback-requests`,
    );
    await testApp.deliverEmails();
    const family = new WebSession(testApp.server);
    const link = new URL(testApp.smtp!.linkTo('parent@family.example', '/feedback/'));
    expect((await family.submit(link.pathname, { helpful: '5', listened: '5', better: '4', comment: 'Kind and patient therapist' })).status).toBe(303);
    const funded = await commissioner.submit(
      `/contracts/${contract.contractId}`,
      {
        childReference: 'KCC-OPEN-1',
        partnershipChildReference: 'KCC-OPEN-1',
        legalOrder: 'adopted',
        previouslyLookedAfter: 'yes',
        livesInEngland: 'yes',
        ehcPlan: 'no',
        ...dateFields('packageStartsOn', 0),
        ...dateFields('packageEndsOn', 50),
        therapy: '3500',
        assessment: '0',
        topUp: '200',
      },
      `/contracts/${contract.contractId}/funding`,
    );
    expect(funded.status).toBe(303);
    await closedRequirementWithBids(testApp, [
      ['Hazel Therapy', '80'],
      ['Holly Therapy', '100'],
      ['Hornbeam Therapy', '120'],
      ['Hawthorn Therapy', '110'],
    ]);
  });
  afterAll(() => testApp.close());

  it('shows the provider quality figures to staff, with comments, and the provider only its own averages', async () => {
    const list = await panel.get('/quality/providers');
    expect(list.status).toBe(200);
    expect(list.$('main').text()).toContain('Larch Therapy');
    const staffView = await panel.get(`/quality/providers/${contract.providerId}`);
    expect(staffView.status).toBe(200);
    const text = staffView.$('main').text();
    expect(text).toContain('Kind and patient therapist');
    expect(
      staffView
        .$('table')
        .first()
        .find('tbody tr')
        .map((_, row) => staffView.$(row).text().replace(/\s+/g, ' ').trim())
        .get(),
    ).toEqual(['GBO 1 +6 1 of 1', 'SDQ 1 -11 1 of 1']);
    expect(text).toContain('Reports on time');

    const ownView = await contract.provider.get('/provider/quality');
    expect(ownView.status).toBe(200);
    expect(ownView.$('main').text()).toContain('1 person has given feedback. Averages show once 3 have.');
    expect(ownView.html).not.toContain('Kind and patient therapist');
    // Another provider cannot reach anyone's figures but its own.
    const [hazel] = await sql(`SELECT u.email FROM users u JOIN provider_organisations p ON p.id = u.provider_id WHERE p.name = 'Hazel Therapy'`);
    const other = new WebSession(testApp.server);
    await other.signIn(hazel.email, 'factory password 2026');
    expect((await other.get(`/quality/providers/${contract.providerId}`)).status).toBe(403);
    expect((await other.get('/provider/quality')).$('main').text()).not.toContain('Larch');
    // With three answers, the provider sees averages.
    const [request] = await sql(`SELECT id FROM feedback_requests WHERE contract_id = $1`, [contract.contractId]);
    for (const respondent of ['young_person', 'professional']) {
      const [extra] = await sql(
        `INSERT INTO feedback_requests (contract_id, respondent, stage, token_hash, expires_at, used_at, sent_by_user_id) SELECT contract_id, $2, stage, md5(random()::text), expires_at, now(), sent_by_user_id FROM feedback_requests WHERE id = $1 RETURNING id`,
        [request.id, respondent],
      );
      await sql(`INSERT INTO feedback_responses (request_id, contract_id, respondent, helpful, listened, better) VALUES ($1, $2, $3, 3, 3, 3)`, [
        extra.id,
        contract.contractId,
        respondent,
      ]);
    }
    const averaged = await contract.provider.get('/provider/quality');
    expect(averaged.$('main').text()).toContain('Feedback: average out of 5 from 3 responses');
    expect(averaged.html).not.toContain('Kind and patient therapist');
  });

  it('lists quality reviews on the panel agenda, linked to the provider’s figures', async () => {
    const [meeting] = await sql(`SELECT id FROM panel_meetings LIMIT 1`);
    await sql(`UPDATE panel_meetings SET meeting_date = current_date WHERE id = $1`, [meeting.id]);
    const page = await panel.get(`/panel/meetings/${meeting.id}`);
    expect(page.$(`a[href="/quality/providers/${contract.providerId}"]`).text()).toBe('Larch Therapy');
  });

  it('shows the market report with a gap matrix, charts and tables, each report as CSV', async () => {
    const page = await manager.get('/insights/market');
    expect(page.status).toBe(200);
    expect(
      page
        .$('main h2.govuk-heading-l')
        .map((_, h) => page.$(h).text())
        .get(),
    ).toEqual(['Demand', 'Supply and gaps', 'Competition', 'Price', 'Speed', 'Spend']);
    for (const chart of ['demand-chart', 'competition-chart', 'price-chart', 'price-trend', 'speed-chart', 'spend-chart']) {
      expect(page.$(`svg[aria-labelledby="${chart}-title ${chart}-desc"] title`).text()).not.toBe('');
    }
    // The matrix: no test provider covers Medway, so its Theraplay cell stands out as a gap.
    const headers = page
      .$('#supply ~ div table thead th')
      .map((_, th) => page.$(th).text())
      .get();
    expect(headers).toContain('Medway Council');
    const medwayColumn = headers.indexOf('Medway Council');
    const theraplayRow = page.$('#supply ~ div table tbody tr').filter((_, row) => page.$(row).find('th').text() === 'Theraplay');
    expect(
      theraplayRow
        .find('td')
        .eq(medwayColumn - 1)
        .attr('class'),
    ).toContain('app-gap--none');
    expect(page.$('main').text()).toContain('Theraplay in Medway Council');

    // Price: the median and quartiles match the bids' own rates.
    const rates = (
      await sql(
        `SELECT b.rate_pence FROM bids b JOIN requirements r ON r.id = b.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id WHERE t.name = 'Theraplay' AND b.submitted_at IS NOT NULL AND b.status <> 'withdrawn'`,
      )
    ).map((row: { rate_pence: number }) => row.rate_pence);
    const spread = spreadOf(rates)!;
    const priceCsv = await manager.get('/insights/market/price.csv');
    expect(priceCsv.headers['content-type']).toContain('text/csv');
    const theraplayPrice = csvLines(priceCsv.html).find((line) => line.startsWith('Theraplay,'))!;
    expect(theraplayPrice).toBe(
      `Theraplay,${rates.length},${(spread.lowerQuartile / 100).toFixed(2)},${(spread.median / 100).toFixed(2)},${(spread.upperQuartile / 100).toFixed(2)},${(spread.interquartileRange / 100).toFixed(2)}`,
    );

    // Competition lists the requirement that drew a single bid.
    const competition = csvLines((await manager.get('/insights/market/competition.csv')).html);
    expect(competition[0]).toBe('Requirement,Agency,Lot,District,Bid deadline,Bids');
    expect(competition.filter((line) => line.endsWith(',1'))).toHaveLength(1);
    expect(competition.filter((line) => line.endsWith(',4'))).toHaveLength(1);
    for (const report of ['demand', 'supply', 'speed', 'spend']) {
      const csv = await manager.get(`/insights/market/${report}.csv`);
      expect(csv.status).toBe(200);
      expect(csvLines(csv.html).length).toBeGreaterThan(1);
    }
    expect((await manager.get('/insights/market/nothing.csv')).status).toBe(404);
  });

  it('refuses malformed filters with a GOV.UK error, never a 500', async () => {
    const bad = await manager.get(`/insights/market?from=${encodeURIComponent("2026-01'; DROP TABLE bids;--")}&lot=not-a-lot&to=2026-13`);
    expect(bad.status).toBe(400);
    expect(bad.$('title').text()).toMatch(/^Error: /);
    expect(bad.errorSummary.map((error) => error.text)).toEqual([
      'Select the first month from the list',
      'Select the last month from the list',
      'Select a lot from the list',
    ]);
    expect((await manager.get('/insights/market/price.csv?from=1999-99')).status).toBe(400);
    expect((await manager.get('/insights/market?from=2026-01&from=2026-02')).errorSummary.map((error) => error.text)).toEqual([
      'Select the first month from the list',
    ]);
  });

  it('holds a commissioner to their own agency’s figures', async () => {
    // A Medway funding record the Kent commissioner must not see.
    const [medway] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    await sql(
      `INSERT INTO funding_records (agency_id, partnership_id, contract_id, child_reference, partnership_child_reference, asgsf_reference, applied_on, asgsf_pence, therapy_pence, top_up_pence, financial_year, excess_pence, status)
               SELECT $1, partnership_id, contract_id, 'MC-1', 'MC-1', 'ASGSF-M', current_date, 100000, 100000, 0, financial_year, 0, 'submitted' FROM funding_records LIMIT 1`,
      [medway.id],
    );
    const kent = csvLines((await commissioner.get('/insights/market/spend.csv')).html);
    expect(kent.slice(1).every((line) => line.startsWith('Kent County Council,'))).toBe(true);
    expect(kent.length).toBe(2);
    const everyone = csvLines((await manager.get('/insights/market/spend.csv')).html);
    expect(everyone.some((line) => line.startsWith('Medway Council,'))).toBe(true);
    // £3,500 asked for against the £3,000 limit: £500 is agency-funded on top of the £200 top-up.
    expect(everyone.find((line) => line.startsWith('Kent County Council,'))).toMatch(/,3000\.00,700\.00,500\.00,1,1$/);
    // The commissioner cannot widen the scope by asking for another agency.
    expect(csvLines((await commissioner.get(`/insights/market/spend.csv?agency=${medway.id}`)).html)).toEqual(kent);
    const page = await commissioner.get('/insights/market');
    expect(page.status).toBe(200);
    expect(page.$('#agency').length).toBe(0);
    expect((await contract.provider.get('/insights/market')).status).toBe(403);
  });

  it('exports the awards as valid OCDS with no child data, and the notice fields as CSV', async () => {
    const download = await manager.get('/insights/ocds.json');
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    const releasePackage = JSON.parse(download.html);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    const release = releasePackage.releases.find((entry: { tender: { id: string } }) => entry.tender.id === contract.requirementId);
    expect(release.awards[0].suppliers[0].name).toBe('Larch Therapy');
    expect(release.contracts[0]).toMatchObject({ status: 'terminated', value: { amount: 900, currency: 'GBP' } });
    // The framework it was called off from has its own release, which the call-off's related process names.
    const frameworkRelease = releasePackage.releases.find((entry: { ocid: string }) => entry.ocid === release.relatedProcesses[0].identifier);
    expect(frameworkRelease).toMatchObject({ tag: ['tender'], tender: { status: 'active', techniques: { hasDynamicPurchasingSystem: true } } });
    expect(frameworkRelease.parties.map((party: { roles: string[] }) => party.roles)).toContainEqual(['buyer', 'procuringEntity']);
    for (const secret of [
      'Unmistakable needs text 7Q',
      'KCC-OPEN-1',
      'Jamie Smith',
      '2017-03-12',
      'Theraplay for a child aged 8 to 10',
      'Kind and patient therapist',
      'ASGSF-1',
    ])
      expect(download.html).not.toContain(secret);
    for (const key of ['needs', 'presentingNeeds', 'childReference', 'childName', 'dateOfBirth', 'ageBand', 'asgsf'])
      expect(download.html).not.toContain(`"${key}"`);

    const anonymous = new WebSession(testApp.server);
    const open = await anonymous.get('/open-data/ocds/release-package.json');
    expect(open.status).toBe(200);
    expect(ocdsSchemaProblems(JSON.parse(open.html))).toEqual([]);
    expect((await commissioner.get('/insights/ocds.json')).status).toBe(403);

    const notices = csvLines((await commissioner.get('/insights/contract-notices.csv')).html);
    expect(notices[0]).toContain('OCID,Contract,Title,Buyer,Supplier');
    expect(notices.some((line) => line.includes(contract.contractId) && line.includes('Larch Therapy') && line.endsWith(',no'))).toBe(true);
    expect((await manager.get('/insights/open-data')).$('main').text()).toContain('/open-data/ocds/release-package.json');
  });
});

describe('the public OCDS file', () => {
  it('is not served unless switched on', async () => {
    const testApp = await createTestApp();
    try {
      expect((await new WebSession(testApp.server).get('/open-data/ocds/release-package.json')).status).toBe(404);
    } finally {
      await testApp.close();
    }
  });
});

describe('the market report with its figures cached', () => {
  it('works the figures out once per filter for MARKET_CACHE_SECONDS, and says when', async () => {
    const testApp = await createTestApp({ env: { MARKET_CACHE_SECONDS: '300', SQL_STATEMENT_COUNTS: 'true' } });
    try {
      const manager = new WebSession(testApp.server);
      await manager.signIn(DEMO.frameworkManager);
      const visit = async (path: string) => {
        const page = await manager.get(path);
        expect(page.status).toBe(200);
        return {
          statements: Number(page.headers[SQL_STATEMENTS_HEADER.toLowerCase()]),
          asAt: page.$('#figures-as-at').text(),
          demand: page.$('#demand ~ p').first().text(),
        };
      };
      const first = await visit('/insights/market');
      expect(first.asAt).toMatch(/^Figures as at .+\d{4}/);
      const again = await visit('/insights/market');
      expect(again).toEqual({ ...first, statements: again.statements });
      expect(again.statements).toBeLessThanOrEqual(first.statements - 6);
      // Another filter is worked out afresh.
      const thisMonth = await visit(`/insights/market?from=${new Date().toISOString().slice(0, 7)}`);
      expect(thisMonth.statements).toBe(first.statements);
    } finally {
      await testApp.close();
    }
  });
});
