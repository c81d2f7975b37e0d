import { financialYearLabel } from '../src/funding/funding-rules';
import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createSecondPartnership } from './factories/partnerships';
import { FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Issue 19, returns: a child's two packages in one year take them over the
 * fair access limit; the fund partly approves the second; its provider
 * invoices twice, one invoice is disputed, and the work ends early. What the
 * fund approved but was never invoiced is to return, to the penny, on the
 * contract and the partnership's funding report and its CSVs. (The panel's
 * decision on the excess is tested with the panel.)
 */
describe('ASGSF returns, claims and the funding report', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let first: ActiveContract;
  let second: ActiveContract;
  let recordId: string;
  let fundingPage: string;
  let yearText: string;
  let agency: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const textOf = (page: { $: (selector: string) => { text(): string } }, selector = 'main') => page.$(selector).text().replace(/\s+/g, ' ').trim();
  const errors = (page: { errorSummary: Array<{ text: string }> }) => page.errorSummary.map((error) => error.text);
  const invoiceId = async (number: string) => (await sql(`SELECT id FROM invoices WHERE invoice_number = $1`, [number]))[0].id as string;

  const application = (childReference: string, therapy: string, topUp = '0') => ({
    childReference,
    partnershipChildReference: 'APSE-RETURNS-1',
    legalOrder: 'adopted',
    previouslyLookedAfter: 'yes',
    livesInEngland: 'yes',
    ehcPlan: 'no',
    ...dateFields('packageStartsOn', -20),
    ...dateFields('packageEndsOn', 50),
    therapy,
    assessment: '0',
    topUp,
  });

  beforeAll(async () => {
    testApp = await createTestApp();
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    first = await activeContract(testApp, { winner: 'Rowan Family Therapy', startDays: -20, requirement: { childReference: 'KCC-RET-1' } });
    // £150 a session for 10 sessions: a £1,500 contract.
    second = await activeContract(testApp, {
      winner: 'Hazel Family Therapy',
      rate: '150',
      startDays: -20,
      requirement: { childReference: 'KCC-RET-2', ceiling: '1,600', title: 'Theraplay, the second package' },
    });
    [{ name: agency }] = await sql(`SELECT a.name FROM agencies a JOIN contracts c ON c.agency_id = a.id WHERE c.id = $1`, [second.contractId]);
    const [{ year }] = await sql(
      `SELECT (extract(year FROM current_date - 20) - CASE WHEN extract(month FROM current_date - 20) < 4 THEN 1 ELSE 0 END)::int AS year`,
    );
    yearText = financialYearLabel(year);
  }, 120_000);
  afterAll(() => testApp.close());

  it('takes the child over the limit with a second package, and the fund partly approves it', async () => {
    const one = await commissioner.submit(`/contracts/${first.contractId}`, application('KCC-RET-1', '2,000'), `/contracts/${first.contractId}/funding`);
    expect(one.status).toBe(303);
    const two = await commissioner.submit(
      `/contracts/${second.contractId}`,
      application('KCC-RET-2', '1,500', '100'),
      `/contracts/${second.contractId}/funding`,
    );
    expect(two.status).toBe(303);
    fundingPage = two.location!;
    const page = await commissioner.follow(fundingPage);
    expect(page.$('.govuk-notification-banner').text()).toContain('£500.00 is above it: agency-funded, and for the panel to decide.');
    [{ id: recordId }] = await sql(`SELECT id FROM funding_records WHERE contract_id = $1`, [second.contractId]);
    expect((await commissioner.submit(fundingPage, { asgsfReference: 'ASGSF-R2', ...dateFields('submittedOn', -1) }, `${fundingPage}/submit`)).status).toBe(
      303,
    );
    expect((await commissioner.submit(fundingPage, { outcome: 'partly_approve', approved: '987.65' }, `${fundingPage}/decision`)).status).toBe(303);
    expect(await sql(`SELECT status, approved_pence, excess_pence, top_up_pence FROM funding_records WHERE id = $1`, [recordId])).toEqual([
      { status: 'partly_approved', approved_pence: 98_765, excess_pence: 50_000, top_up_pence: 10_000 },
    ]);
  });

  it('shares nothing with the provider until it invoices, and holds the unspent funding while the work goes on', async () => {
    const base = `/provider/contracts/${second.contractId}`;
    for (const [days, sessions] of [
      [-18, '3'],
      [-12, '2'],
    ] as const) {
      expect((await second.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', days), sessions }, `${base}/sessions`)).status).toBe(303);
    }
    const invoice = (number: string, sessions: string, amount: string, from: number, to: number) =>
      second.provider.submit(`${base}/invoices`, {
        invoiceNumber: number,
        ...dateFields('invoiceDate', to),
        ...dateFields('periodStart', from),
        ...dateFields('periodEnd', to),
        sessions,
        amount,
      });
    expect((await invoice('HZ-1', '3', '437.55', -19, -17)).status).toBe(303);
    expect((await invoice('HZ-2', '2', '300', -13, -11)).status).toBe(303);
    const disputed = `/contracts/${second.contractId}/invoices/${await invoiceId('HZ-2')}`;
    expect((await commissioner.submit(disputed, { reason: 'One session did not happen' }, `${disputed}/dispute`)).status).toBe(303);

    const contract = await commissioner.get(`/contracts/${second.contractId}`);
    expect(textOf(contract, `#funding-return-${recordId}`)).toBe('KCC-RET-2 Work in progress £987.65 £437.55 £0.00 £0.00 £0.00 £550.10 £0.00');
    // The provider never sees the funding.
    expect((await second.provider.get(`/provider/contracts/${second.contractId}`)).$('#funding-returns').length).toBe(0);
  });

  it('refuses a claim the invoices cannot bear, with a GOV.UK error, saving nothing', async () => {
    const before = await sql(`SELECT status, claimed_pence FROM funding_records WHERE id = $1`, [recordId]);
    const noApproved = await commissioner.submit(fundingPage, { claimed: '100' }, `${fundingPage}/claim`);
    expect(noApproved.status).toBe(400);
    expect(noApproved.$('title').text()).toMatch(/^Error: /);
    expect(noApproved.errorSummary).toEqual([
      { text: 'No invoice on this contract has been approved yet: approve the provider’s invoices before claiming', href: '#claimed' },
    ]);

    const approved = `/contracts/${second.contractId}/invoices/${await invoiceId('HZ-1')}`;
    expect((await commissioner.submit(approved, {}, `${approved}/approve`)).status).toBe(303);
    expect(textOf(await commissioner.get(fundingPage), '#claimed-hint')).toBe(
      'No more than £437.55: the £987.65 approved, met by the £437.55 of approved invoices',
    );
    const overClaim = await commissioner.submit(fundingPage, { claimed: '437.56' }, `${fundingPage}/claim`);
    expect(overClaim.status).toBe(400);
    expect(errors(overClaim)).toEqual(['The amount claimed must be no more than £437.55, the approved funding met by approved invoices']);
    expect(overClaim.$('#claimed').val()).toBe('437.56');
    const negative = await commissioner.submit(fundingPage, { claimed: '-5' }, `${fundingPage}/claim`);
    expect(negative.status).toBe(400);
    expect(await sql(`SELECT status, claimed_pence FROM funding_records WHERE id = $1`, [recordId])).toEqual(before);
    expect(await sql(`SELECT 1 FROM audit_events WHERE action = 'funding.claim'`)).toEqual([]);

    expect((await commissioner.submit(approved, dateFields('paidOn', 0), `${approved}/payment`)).status).toBe(303);
    expect((await commissioner.submit(fundingPage, { claimed: '437.55' }, `${fundingPage}/claim`)).status).toBe(303);
    expect(await sql(`SELECT status, claimed_pence FROM funding_records WHERE id = $1`, [recordId])).toEqual([{ status: 'claimed', claimed_pence: 43_755 }]);
  });

  it('works out the return to the penny once the work ends early, on the contract and the report', async () => {
    const base = `/provider/contracts/${second.contractId}`;
    const report = {
      engagement: 'good',
      goalProgress: 'met',
      summary: 'Five sessions before the family stopped.',
      nextSteps: 'Review with the family',
      safeguardingConcern: 'no',
    };
    expect((await second.provider.submit(`${base}/reports/end`, report)).status).toBe(303);
    expect(
      (
        await second.provider.submit(`${base}/ending`, {
          kind: 'unplanned',
          reason: 'family_disengaged',
          detail: 'The family stopped coming',
          ...dateFields('endedOn', -5),
        })
      ).status,
    ).toBe(303);

    // £987.65 approved less the £437.55 invoiced (the disputed £300 does not count); the £100 top-up and £500 excess are the agency’s.
    const contract = await commissioner.get(`/contracts/${second.contractId}`);
    expect(textOf(contract, `#funding-return-${recordId}`)).toBe('KCC-RET-2 Work over £987.65 £437.55 £437.55 £437.55 £550.10 £0.00 £0.00');

    const page = await commissioner.get('/funding/report');
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('ASGSF to return £550.10');
    const rows = page
      .$('#funding-table-caption')
      .closest('table')
      .find('tbody tr')
      .map((_, tr) => page.$(tr).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(rows).toEqual([`${agency} ${yearText} £437.55 £437.55 £987.65 £437.55 £437.55 £550.10 £0.00 £0.00`]);
    expect(page.$('svg[aria-labelledby="funding-chart-title funding-chart-desc"] desc').text()).toContain(
      `${yearText}: £987.65 ASGSF approved, £437.55 spent, £550.10 to return, £0.00 agency-funded`,
    );

    const summary = await commissioner.get('/funding/report/summary.csv');
    expect(summary.headers['content-type']).toContain('text/csv');
    expect(summary.html.split('\r\n')[1]).toBe(`${agency},${yearText},2,437.55,437.55,987.65,437.55,437.55,437.55,550.10,0.00,0.00`);
    const applications = (await commissioner.get('/funding/report/applications.csv')).html.split('\r\n').filter(Boolean);
    expect(applications).toHaveLength(3);
    expect(applications).toContain(
      `${agency},${yearText},"Theraplay, the second package",ASGSF-R2,Claimed,Work over,437.55,437.55,437.55,987.65,437.55,437.55,437.55,550.10,0.00,600.00,0.00`,
    );
    // No child's reference leaves the contract page.
    expect(applications.join('\n')).not.toContain('KCC-RET');
    expect((await commissioner.get('/funding/report/other.csv')).status).toBe(404);

    const home = await commissioner.get('/commissioner');
    expect(home.$('a[href="/funding/report"]').length).toBe(1);
  });

  it('shows another partnership none of it, and the provider no report', async () => {
    const other = await createSecondPartnership(testApp.dataSource);
    const session = new WebSession(testApp.server);
    await session.signIn(other.commissioner, FACTORY_PASSWORD);
    const page = await session.get('/funding/report');
    expect(page.status).toBe(200);
    expect(textOf(page)).toContain('No ASGSF application is recorded in the partnership.');
    expect(textOf(page)).not.toContain('550.10');
    expect((await session.get('/funding/report/applications.csv')).html.split('\r\n').filter(Boolean)).toHaveLength(1);
    expect((await session.get(`/contracts/${second.contractId}`)).status).toBe(404);
    expect((await second.provider.get('/funding/report')).status).toBe(403);
  });
});
