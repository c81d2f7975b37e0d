import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Contracts and the decisions behind them, attacked as flows: the child's
 * details after the work ends (DESIGN.md §6), the quorum for each agenda item
 * (BR-9), awards on a route with no standstill (BR-11), a contract started
 * before its award, and the accessibility of the call-off and market pages.
 */

const CHILD_NAME = 'Jamie Smith';
const END_REPORT = { engagement: 'good', goalProgress: 'partly_met', summary: 'Four sessions of Theraplay.', nextSteps: 'Universal support', safeguardingConcern: 'no' };

/** The provider sends the end report and ends the contract early, with the last session today. */
async function endEarly(contract: ActiveContract): Promise<void> {
  const base = `/provider/contracts/${contract.contractId}`;
  const report = await contract.provider.submit(`${base}/reports/end`, END_REPORT);
  if (report.status !== 303) throw new Error(`The end report failed with ${report.status}: ${report.errorSummary.map((error) => error.text).join('; ')}`);
  const ended = await contract.provider.submit(`${base}/ending`, { kind: 'unplanned', reason: 'family_disengaged', detail: 'The family stopped coming', ...dateFields('endedOn', 0) });
  if (ended.status !== 303) throw new Error(`Ending failed with ${ended.status}: ${ended.errorSummary.map((error) => error.text).join('; ')}`);
}

describe('the child’s details once the contract ends', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp();
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('shows the provider the child’s name and date of birth while the contract runs, and not once it has ended', async () => {
    const contract = await activeContract(testApp, { winner: 'Ivy Lane Therapy', startDays: 0 });
    const running = await contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect(running.status).toBe(200);
    expect(running.$('main').text()).toContain(CHILD_NAME);
    expect(running.$('main').text()).toContain('12 March 2017');

    await endEarly(contract);
    expect((await sql(`SELECT status FROM contracts WHERE id = $1`, [contract.contractId]))[0].status).toBe('ended_early');
    const ended = await contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect(ended.status).toBe(200);
    expect(ended.html).not.toContain(CHILD_NAME);
    expect(ended.html).not.toContain('12 March 2017');
    expect(ended.$('main').text()).toContain('The child’s details are no longer shared with you');
    // The agency's commissioners still see them.
    const agency = await commissioner.get(`/contracts/${contract.contractId}`);
    expect(agency.$('main').text()).toContain(CHILD_NAME);
  });

  it('hides them from a completed contract too', async () => {
    const contract = await activeContract(testApp, { winner: 'Juno Fields Therapy', startDays: 0 });
    await sql(`UPDATE contracts SET status = 'completed', ending_kind = 'planned', ending_reason = 'goals_met', ended_on = current_date WHERE id = $1`, [contract.contractId]);
    const completed = await contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect(completed.status).toBe(200);
    expect(completed.html).not.toContain(CHILD_NAME);
  });
});

describe('the child’s details for a configured number of days after the end', () => {
  let testApp: TestApp;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ env: { CASE_DETAILS_DAYS_AFTER_END: '7' } });
  });
  afterAll(() => testApp.close());

  it('keeps showing them for CASE_DETAILS_DAYS_AFTER_END days after the last session, then hides them', async () => {
    const contract = await activeContract(testApp, { winner: 'Kestrel Therapy', startDays: 0 });
    await endEarly(contract);
    const page = () => contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect((await page()).$('main').text()).toContain(CHILD_NAME);
    await sql(`UPDATE contracts SET starts_on = current_date - 20, ended_on = current_date - 7 WHERE id = $1`, [contract.contractId]);
    expect((await page()).$('main').text()).toContain(CHILD_NAME);
    await sql(`UPDATE contracts SET ended_on = current_date - 8 WHERE id = $1`, [contract.contractId]);
    const after = await page();
    expect(after.status).toBe(200);
    expect(after.html).not.toContain(CHILD_NAME);
  });
});
