import { FundingApplicationLifecycle1796392946645 } from '../migrations/1796392946645-FundingApplicationLifecycle';
import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createSecondPartnership } from './factories/partnerships';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Issue 19: ASGSF applications child by child. A child known to the
 * partnership as APSE-CHILD-9 has a package from Kent and then one from
 * Medway in the same financial year: the second takes the child over the
 * £3,000 fair access limit, whichever agency asks.
 */
describe('ASGSF applications per child, across the partnership', () => {
  let testApp: TestApp;
  let kent: WebSession;
  let medway: WebSession;
  let kentContract: ActiveContract;
  let medwayContract: ActiveContract;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const textOf = (page: { $: (selector: string) => { text(): string } }) => page.$('main').text().replace(/\s+/g, ' ');
  const count = async () => (await sql(`SELECT count(*)::int AS n FROM funding_records`))[0].n as number;

  const application = (childReference: string, overrides: Record<string, string> = {}) => ({
    childReference,
    partnershipChildReference: 'APSE-CHILD-9',
    legalOrder: 'adopted',
    previouslyLookedAfter: 'yes',
    livesInEngland: 'yes',
    ehcPlan: 'no',
    ...dateFields('packageStartsOn', -30),
    ...dateFields('packageEndsOn', 50),
    therapy: '2,000',
    assessment: '0',
    topUp: '0',
    ...overrides,
  });
  const draft = (session: WebSession, contractId: string, fields: Record<string, string>) =>
    session.submit(`/contracts/${contractId}`, fields, `/contracts/${contractId}/funding`);

  beforeAll(async () => {
    testApp = await createTestApp();
    kent = new WebSession(testApp.server);
    await kent.signIn(DEMO.commissioner);
    kentContract = await activeContract(testApp, { winner: 'Alder Family Therapy', requirement: { childReference: 'KCC-FUND-1' } });
    medwayContract = await activeContract(testApp, { winner: 'Birch Family Therapy', requirement: { childReference: 'MC-77' } });
    // The child moved: Medway commissioned the second package.
    const [medwayAgency] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    for (const table of ['requirements', 'requirement_case_details']) {
      await sql(`UPDATE ${table} SET agency_id = $1 WHERE ${table === 'requirements' ? 'id' : 'requirement_id'} = $2`, [
        medwayAgency.id,
        medwayContract.requirementId,
      ]);
    }
    await sql(`UPDATE contracts SET agency_id = $1 WHERE id = $2`, [medwayAgency.id, medwayContract.contractId]);
    const user = await createUser(testApp.dataSource, { roles: ['commissioner'], agencyId: medwayAgency.id, email: 'commissioner@medway-funding.example' });
    medway = new WebSession(testApp.server);
    await medway.signIn(user.email, FACTORY_PASSWORD);
  });
  afterAll(() => testApp.close());

  it('refuses bad input with GOV.UK errors and saves nothing', async () => {
    const before = await count();
    const negative = await draft(kent, kentContract.contractId, application('KCC-FUND-1', { therapy: '-5', topUp: '' }));
    expect(negative.status).toBe(400);
    expect(negative.$('title').text()).toMatch(/^Error: /);
    expect(negative.errorSummary).toEqual([
      { text: 'Enter the therapy amount in pounds, like £2,000', href: '#therapy' },
      { text: 'Enter the agency top-up, or 0', href: '#topUp' },
    ]);
    expect(negative.$('input[name=partnershipChildReference]').val()).toBe('APSE-CHILD-9');

    const overCap = await draft(kent, kentContract.contractId, application('KCC-FUND-1', { therapy: '0', assessment: '3,000' }));
    expect(overCap.status).toBe(400);
    expect(overCap.errorSummary.map((error) => error.text)).toEqual([
      expect.stringMatching(
        /^Specialist assessment for one child is capped at £2,500\.00 in April \d{4} to March \d{4}, and the fund does not match-fund above it/,
      ),
    ]);

    const outside = await draft(
      kent,
      kentContract.contractId,
      application('KCC-FUND-1', { ...dateFields('packageStartsOn', -40), ...dateFields('packageEndsOn', 90) }),
    );
    expect(outside.status).toBe(400);
    expect(outside.errorSummary.map((error) => error.href)).toEqual(['#packageStartsOn-day', '#packageEndsOn-day']);

    const wrongChild = await draft(kent, kentContract.contractId, application('KCC-SOMEONE-ELSE'));
    expect(wrongChild.errorSummary).toEqual([
      { text: 'Enter the case reference of the child this contract is for, KCC-FUND-1', href: '#fundingChildReference' },
    ]);

    const ineligible = await draft(
      kent,
      kentContract.contractId,
      application('KCC-FUND-1', { legalOrder: 'special_guardianship_order', previouslyLookedAfter: 'no' }),
    );
    expect(ineligible.status).toBe(400);
    expect(ineligible.errorSummary).toEqual([
      {
        text: 'This child is not eligible for the ASGSF. A child under a special guardianship or child arrangements order is eligible only if they were looked after before the order.',
        href: '#legalOrder',
      },
    ]);
    expect(await count()).toBe(before);
    expect(await sql(`SELECT 1 FROM audit_events WHERE action = 'funding.drafted'`)).toEqual([]);
  });

  it('counts the child’s two packages in one year across two agencies, and shows the excess', async () => {
    const first = await draft(kent, kentContract.contractId, application('KCC-FUND-1'));
    expect(first.status).toBe(303);
    expect((await kent.follow(first.location!)).$('.govuk-notification-banner').text()).toContain('It is within the fair access limit.');

    const second = await draft(medway, medwayContract.contractId, application('MC-77', { therapy: '1,800' }));
    expect(second.status).toBe(303);
    const page = await medway.follow(second.location!);
    expect(page.$('.govuk-notification-banner').text()).toContain(
      '(£2,000.00 is already expected across the partnership). £800.00 is above it: agency-funded, and for the panel to decide.',
    );
    expect(textOf(page)).toContain('Above the fair access limit (agency-funded) £800.00');
    const [record] = await sql(`SELECT excess_pence, financial_year, status, partnership_child_reference FROM funding_records WHERE contract_id = $1`, [
      medwayContract.contractId,
    ]);
    const [{ year }] = await sql(
      `SELECT (extract(year FROM current_date - 30) - CASE WHEN extract(month FROM current_date - 30) < 4 THEN 1 ELSE 0 END)::int AS year`,
    );
    expect(record).toEqual({ excess_pence: 80_000, financial_year: year, status: 'drafted', partnership_child_reference: 'APSE-CHILD-9' });

    const contractPage = await medway.get(`/contracts/${medwayContract.contractId}`);
    expect(contractPage.$('#funding-applications tbody tr').text().replace(/\s+/g, ' ')).toContain('£1,800.00 £800.00 (agency-funded) Drafted');
    // Kent sees its own application, not Medway's, on its contract.
    expect((await kent.get(`/contracts/${kentContract.contractId}`)).$('#funding-applications tbody tr').length).toBe(1);
  });

  it('takes an application from drafted through the fund’s decision and claim to closed, auditing each step', async () => {
    const [record] = await sql(`SELECT id FROM funding_records WHERE contract_id = $1`, [kentContract.contractId]);
    const base = `/contracts/${kentContract.contractId}/funding/${record.id}`;
    const tooEarly = await kent.submit(base, { claimed: '100' }, `${base}/claim`);
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.errorSummary.map((error) => error.text)).toEqual(['An application that is drafted cannot be claimed']);

    const future = await kent.submit(base, { asgsfReference: 'ASGSF-K1', ...dateFields('submittedOn', 3) }, `${base}/submit`);
    expect(future.errorSummary).toEqual([{ text: 'The date submitted must be today or in the past', href: '#submittedOn-day' }]);
    const submitted = await kent.submit(base, { asgsfReference: 'ASGSF-K1', ...dateFields('submittedOn', -1) }, `${base}/submit`);
    expect(submitted.status).toBe(303);
    // BR-16: the package started before the application went in, which is warned about, not refused.
    expect((await kent.follow(submitted.location!)).$('.govuk-notification-banner').text()).toContain('Therapy would start before funding can be approved.');
    const partly = await kent.submit(base, { outcome: 'partly_approve', approved: '2,500' }, `${base}/decision`);
    expect(partly.errorSummary.map((error) => error.text)).toEqual(['The approved amount must be more than £0 and less than the £2,000.00 asked for']);
    expect((await kent.submit(base, { outcome: 'approve' }, `${base}/decision`)).status).toBe(303);
    const overClaim = await kent.submit(base, { claimed: '2,000.01' }, `${base}/claim`);
    expect(overClaim.errorSummary.map((error) => error.text)).toEqual(['The amount claimed must be more than £0 and no more than the £2,000.00 approved']);
    // A claim rests on approved invoices (test/funding-returns.test.ts): the provider invoices three sessions, and Kent approves.
    const provider = `/provider/contracts/${kentContract.contractId}`;
    expect(
      (await kentContract.provider.submit(`${provider}/delivery`, { ...dateFields('deliveredOn', -20), sessions: '3' }, `${provider}/sessions`)).status,
    ).toBe(303);
    const invoiced = await kentContract.provider.submit(`${provider}/invoices`, {
      invoiceNumber: 'KF-1',
      ...dateFields('invoiceDate', -19),
      ...dateFields('periodStart', -21),
      ...dateFields('periodEnd', -19),
      sessions: '3',
      amount: '285',
    });
    expect(invoiced.status).toBe(303);
    const [invoice] = await sql(`SELECT id FROM invoices WHERE contract_id = $1`, [kentContract.contractId]);
    expect(
      (
        await kent.submit(
          `/contracts/${kentContract.contractId}/invoices/${invoice.id}`,
          {},
          `/contracts/${kentContract.contractId}/invoices/${invoice.id}/approve`,
        )
      ).status,
    ).toBe(303);
    expect((await kent.submit(base, { claimed: '285' }, `${base}/claim`)).status).toBe(303);
    expect((await kent.submit(base, {}, `${base}/close`)).status).toBe(303);

    const closed = await kent.get(base);
    expect(closed.$('#funding-status').text()).toBe('Closed');
    expect(textOf(closed)).toContain('Claimed £285.00');
    expect(closed.$('main form').length).toBe(0);
    const [row] = await sql(`SELECT status, asgsf_reference, approved_pence, claimed_pence FROM funding_records WHERE id = $1`, [record.id]);
    expect(row).toEqual({ status: 'closed', asgsf_reference: 'ASGSF-K1', approved_pence: 200_000, claimed_pence: 28_500 });
    const audit = await sql(`SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'funding.%' ORDER BY occurred_at, id`, [
      kentContract.contractId,
    ]);
    expect(audit.map((event: { action: string }) => event.action).sort()).toEqual([
      'funding.approve',
      'funding.claim',
      'funding.close',
      'funding.drafted',
      'funding.submit',
    ]);
  });

  it('puts a submitted application with an excess on the panel’s agenda, and records a partial approval', async () => {
    const [record] = await sql(`SELECT id FROM funding_records WHERE contract_id = $1`, [medwayContract.contractId]);
    const base = `/contracts/${medwayContract.contractId}/funding/${record.id}`;
    const submitted = await medway.submit(base, { asgsfReference: 'ASGSF-M1', ...dateFields('submittedOn', 0) }, `${base}/submit`);
    expect(submitted.status).toBe(303);
    const chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    const [meeting] = await sql(`SELECT id FROM panel_meetings ORDER BY created_at LIMIT 1`);
    expect((await chair.get(`/panel/meetings/${meeting.id}`)).$('main').text()).toContain('ASGSF ASGSF-M1, £800.00 above the limit');
    expect((await medway.submit(base, { outcome: 'partly_approve', approved: '900' }, `${base}/decision`)).status).toBe(303);
    expect((await sql(`SELECT status, approved_pence FROM funding_records WHERE id = $1`, [record.id]))[0]).toEqual({
      status: 'partly_approved',
      approved_pence: 90_000,
    });
  });

  it('says on the contract page when the child’s age leaves them eligible only with a plan, or not at all', async () => {
    await sql(`UPDATE requirement_case_details SET date_of_birth = current_date - interval '23 years' WHERE requirement_id = $1`, [kentContract.requirementId]);
    expect((await kent.get(`/contracts/${kentContract.contractId}`)).$('#funding').nextAll('.govuk-warning-text').first().text()).toContain(
      'eligible for the ASGSF only with an education, health and care plan',
    );
    await sql(`UPDATE requirement_case_details SET date_of_birth = current_date - interval '30 years' WHERE requirement_id = $1`, [kentContract.requirementId]);
    expect((await kent.get(`/contracts/${kentContract.contractId}`)).$('#funding').nextAll('.govuk-warning-text').first().text()).toContain(
      'This child is not eligible for the ASGSF',
    );
  });

  it('lets no other partnership, other agency or provider see or act on an application', async () => {
    const [record] = await sql(`SELECT id FROM funding_records WHERE contract_id = $1`, [kentContract.contractId]);
    const base = `/contracts/${kentContract.contractId}/funding/${record.id}`;
    const north = await createSecondPartnership(testApp.dataSource);
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(north.commissioner, north.password);
    const before = await sql(`SELECT count(*)::int AS n FROM audit_events`);
    for (const session of [outsider, medway]) {
      const page = await session.get(base);
      expect(page.status).toBe(404);
      expect(page.html).not.toContain('ASGSF-K1');
      expect(
        (await session.submit(`/contracts/${kentContract.contractId}`, application('KCC-FUND-1'), `/contracts/${kentContract.contractId}/funding`)).status,
      ).toBe(404);
      expect((await session.submit(base, {}, `${base}/close`)).status).toBe(404);
    }
    expect((await kentContract.provider.get(base)).status).toBe(403);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
  });

  it('migrates records of the old three statuses onto the lifecycle, and back', async () => {
    const migration = new FundingApplicationLifecycle1796392946645();
    const runner = testApp.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await migration.down(runner);
      // Closed and partly approved were approved to the fund under the old statuses.
      expect(await runner.query(`SELECT DISTINCT status FROM funding_records`)).toEqual([{ status: 'approved' }]);
      await runner.query(
        `INSERT INTO funding_records (agency_id, contract_id, child_reference, asgsf_reference, applied_on, asgsf_pence, top_up_pence, financial_year, excess_pence, status)
         SELECT agency_id, id, 'OLD-' || s, 'ASGSF-OLD-' || s, current_date, 350000, 0, 2026, CASE s WHEN 'applied' THEN 50000 ELSE 0 END, s
           FROM contracts, unnest(ARRAY['applied', 'refused']) AS s WHERE id = $1`,
        [kentContract.contractId],
      );
      await migration.up(runner);
      const rows = await runner.query(
        `SELECT f.child_reference, f.status, f.therapy_pence, f.assessment_pence, f.approved_pence, f.partnership_child_reference, f.partnership_id = ag.partnership_id AS "samePartnership"
           FROM funding_records f JOIN agencies ag ON ag.id = f.agency_id WHERE f.child_reference LIKE 'OLD-%' OR f.contract_id = $1 ORDER BY f.child_reference`,
        [kentContract.contractId],
      );
      expect(rows).toEqual([
        {
          child_reference: 'KCC-FUND-1',
          status: 'approved',
          therapy_pence: 200_000,
          assessment_pence: 0,
          approved_pence: 200_000,
          partnership_child_reference: 'KCC-FUND-1',
          samePartnership: true,
        },
        {
          child_reference: 'OLD-applied',
          status: 'submitted',
          therapy_pence: 350_000,
          assessment_pence: 0,
          approved_pence: null,
          partnership_child_reference: 'OLD-applied',
          samePartnership: true,
        },
        {
          child_reference: 'OLD-refused',
          status: 'declined',
          therapy_pence: 350_000,
          assessment_pence: 0,
          approved_pence: null,
          partnership_child_reference: 'OLD-refused',
          samePartnership: true,
        },
      ]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
