import { DeliveryService } from '../src/quality/delivery.service';
import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

describe('delivery: sessions, outcome measures, reports and the ending', () => {
  let testApp: TestApp;
  let contract: ActiveContract;
  let commissioner: WebSession;
  let base: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    contract = await activeContract(testApp, { winner: 'Rowan Therapy', outcomeTools: ['SDQ', 'GBO'], startDays: -30, endDays: 60 });
    base = `/provider/contracts/${contract.contractId}`;
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('logs sessions, refusing bad input and sessions beyond the contract, and alerts the commissioner at 80%', async () => {
    const delivery = await contract.provider.get(`${base}/delivery`);
    expect(delivery.status).toBe(200);
    expect(delivery.$('main').text()).toContain('0 of 10 sessions delivered');

    const bad = await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', 3), sessions: '0' }, `${base}/sessions`);
    expect(bad.status).toBe(400);
    expect(bad.errorSummary.map((error) => error.text)).toEqual(['Enter the number of sessions delivered, from 1 to 20']);
    const future = await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', 3), sessions: '2' }, `${base}/sessions`);
    expect(future.status).toBe(400);
    expect(future.errorSummary.map((error) => error.text)).toEqual(['The date must be between the contract’s start date and today']);
    expect(future.$('#sessions').attr('value')).toBe('2');
    expect(await sql(`SELECT 1 FROM session_logs`)).toEqual([]);

    for (const [days, sessions] of [
      [-20, '3'],
      [-10, '3'],
    ] as const) {
      expect((await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', days), sessions }, `${base}/sessions`)).status).toBe(303);
    }
    expect((await contract.provider.get(`${base}/delivery`)).$('main').text()).toContain('6 of 10 sessions delivered');
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.commissioner).map((email) => email.subject)).not.toContain('Most of a contract’s sessions are used: plan the ending');

    expect((await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -5), sessions: '2' }, `${base}/sessions`)).status).toBe(303);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.commissioner).filter((email) => email.subject === 'Most of a contract’s sessions are used: plan the ending')).toHaveLength(1);

    const tooMany = await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -1), sessions: '3' }, `${base}/sessions`);
    expect(tooMany.errorSummary.map((error) => error.text)).toEqual([
      'Only 2 of the 10 contracted sessions are left. Ask the commissioner about extending the contract',
    ]);
    expect((await sql(`SELECT sum(sessions)::int AS total FROM session_logs WHERE contract_id = $1`, [contract.contractId]))[0].total).toBe(8);
    expect(
      await sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'contract.sessions_logged' AND entity_id = $1`, [contract.contractId]),
    ).toEqual([{ n: 3 }]);
  });

  it('records baselines and end scores within each tool’s range, and shows the change', async () => {
    const outcomes = `${base}/outcomes`;
    const high = await contract.provider.submit(outcomes, { tool: 'SDQ', baseline: '41' });
    expect(high.status).toBe(400);
    expect(high.errorSummary.map((error) => error.text)).toEqual(['The baseline SDQ score must be a whole number from 0 to 40']);
    const notChosen = await contract.provider.submit(outcomes, { tool: 'AC', baseline: '10' });
    expect(notChosen.errorSummary.map((error) => error.text)).toEqual(['Select one of the outcome tools chosen for this contract']);
    const noGoal = await contract.provider.submit(outcomes, { tool: 'GBO', baseline: '3' });
    expect(noGoal.errorSummary.map((error) => error.text)).toEqual(['Enter the goal, in the family’s words']);
    expect(await sql(`SELECT 1 FROM outcome_measures`)).toEqual([]);

    expect((await contract.provider.submit(outcomes, { tool: 'SDQ', baseline: '28' })).status).toBe(303);
    expect((await contract.provider.submit(outcomes, { tool: 'SDQ', baseline: '20' })).errorSummary.map((error) => error.text)).toEqual([
      'The baseline SDQ score is already recorded',
    ]);
    expect((await contract.provider.submit(outcomes, { tool: 'GBO', goal: 'Calmer bedtimes', baseline: '3' })).status).toBe(303);
    expect((await contract.provider.submit(outcomes, { tool: 'GBO', goal: 'Talks about feelings at school', baseline: '2' })).status).toBe(303);

    const measures: Array<{ id: string; label: string }> = await sql(
      `SELECT id, label FROM outcome_measures WHERE contract_id = $1 ORDER BY tool, created_at`,
      [contract.contractId],
    );
    const [bedtimes, feelings, sdq] = measures;
    const outOfRange = await contract.provider.submit(
      outcomes,
      { [`end-${sdq.id}`]: '17', [`end-${bedtimes.id}`]: '11', [`end-${feelings.id}`]: '6' },
      `${outcomes}/end`,
    );
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.errorSummary.map((error) => error.text)).toEqual(['The end GBO score must be a whole number from 0 to 10 (goal: Calmer bedtimes)']);
    expect(await sql(`SELECT 1 FROM outcome_measures WHERE end_score IS NOT NULL`)).toEqual([]);

    expect(
      (await contract.provider.submit(outcomes, { [`end-${sdq.id}`]: '17', [`end-${bedtimes.id}`]: '7', [`end-${feelings.id}`]: '6' }, `${outcomes}/end`))
        .status,
    ).toBe(303);
    const delivery = await contract.provider.get(`${base}/delivery`);
    const rows = delivery
      .$('#outcomes ~ table tbody tr')
      .map((_, row) =>
        delivery
          .$(row)
          .find('td')
          .map((__, cell) => delivery.$(cell).text().trim())
          .get()
          .join(' | '),
      )
      .get();
    expect(rows).toEqual([
      'GBO | Calmer bedtimes | 3 | 7 | +4 (improved)',
      'GBO | Talks about feelings at school | 2 | 6 | +4 (improved)',
      'SDQ | Total | 28 | 17 | -11 (improved)',
    ]);
  });

  it('needs the end report before the ending, then completes the contract and tells the commissioner', async () => {
    const ending = `${base}/ending`;
    const early = await contract.provider.submit(ending, { kind: 'planned', reason: 'goals_met', detail: 'Goals met', ...dateFields('endedOn', -1) });
    expect(early.status).toBe(400);
    expect(early.errorSummary.map((error) => error.text)).toEqual(['Submit the end report before ending the contract']);
    const mismatched = await contract.provider.submit(ending, { kind: 'planned', reason: 'family_disengaged', detail: 'x', ...dateFields('endedOn', -1) });
    expect(mismatched.errorSummary.map((error) => error.text)).toEqual(['Select a reason for a planned ending']);

    const emptyReport = await contract.provider.submit(`${base}/reports/end`, {});
    expect(emptyReport.status).toBe(400);
    expect(emptyReport.errorSummary.map((error) => error.text)).toEqual([
      'Select how the family engaged',
      'Select progress against the goals',
      'Enter a summary of the work',
      'Enter the next steps or recommendations',
      'Select yes if there is a safeguarding concern',
    ]);
    expect((await contract.provider.get(`${base}/reports/other`)).status).toBe(404);
    const report = {
      engagement: 'good',
      goalProgress: 'met',
      summary: 'Eight sessions of Theraplay; <script>alert(1)</script> the family engaged well.',
      nextSteps: 'Universal support',
      safeguardingConcern: 'no',
    };
    expect((await contract.provider.submit(`${base}/reports/end`, report)).status).toBe(303);
    expect((await contract.provider.get(`${base}/reports/end`)).status).toBe(404);

    expect(
      (
        await contract.provider.submit(ending, {
          kind: 'planned',
          reason: 'goals_met',
          detail: 'Ended as planned after 8 sessions',
          ...dateFields('endedOn', -1),
        })
      ).status,
    ).toBe(303);
    expect(await sql(`SELECT status, ending_kind, ending_reason FROM contracts WHERE id = $1`, [contract.contractId])).toEqual([
      { status: 'completed', ending_kind: 'planned', ending_reason: 'goals_met' },
    ]);
    // The record is closed once the work has ended.
    expect((await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -1), sessions: '1' }, `${base}/sessions`)).status).toBe(409);

    const agencyView = await commissioner.get(`/contracts/${contract.contractId}/delivery`);
    expect(agencyView.status).toBe(200);
    expect(agencyView.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(agencyView.$('main').text()).toContain('The goals of the work were met');
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.commissioner).map((email) => email.subject)).toEqual(
      expect.arrayContaining(['A provider has sent a report on a contract', 'A contract has ended']),
    );
  });

  it('sends single-use feedback links, keeps individual answers from the provider, and explains used and expired links kindly', async () => {
    const delivery = `/contracts/${contract.contractId}/delivery`;
    const none = await commissioner.submit(delivery, {}, `/contracts/${contract.contractId}/feedback-requests`);
    expect(none.status).toBe(400);
    expect(none.errorSummary.map((error) => error.text)).toEqual(['Enter at least one email address to send feedback links to']);
    const malformed = await commissioner.submit(delivery, { adopterEmail: 'not an address' }, `/contracts/${contract.contractId}/feedback-requests`);
    expect(malformed.errorSummary.map((error) => error.text)).toEqual(['Enter an email address in the correct format, like name@example.com']);
    expect(await sql(`SELECT 1 FROM feedback_requests`)).toEqual([]);

    const sent = await commissioner.submit(
      delivery,
      { adopterEmail: 'adopter@family.example', youngPersonEmail: 'young@family.example' },
      `/contracts/${contract.contractId}/feedback-requests`,
    );
    expect(sent.status).toBe(303);
    const again = await commissioner.submit(delivery, { adopterEmail: 'adopter@family.example' }, `/contracts/${contract.contractId}/feedback-requests`);
    expect(again.errorSummary.map((error) => error.text)).toEqual(['The adopter or carer has already been sent a link for the end of the work']);
    await testApp.deliverEmails();
    const link = new URL(testApp.smtp!.linkTo('adopter@family.example', '/feedback/'));
    const youngLink = new URL(testApp.smtp!.linkTo('young@family.example', '/feedback/'));
    expect(testApp.smtp!.to('young@family.example')[0].subject).toBe('Tell us what you thought of your sessions');
    const token = link.pathname.split('/').at(-1)!;
    const stored = await sql(`SELECT token_hash FROM feedback_requests`);
    expect(stored.map((row: { token_hash: string }) => row.token_hash).join()).not.toContain(token);

    const family = new WebSession(testApp.server);
    const form = await family.get(link.pathname);
    expect(form.status).toBe(200);
    expect(form.$('h1').text()).toBe('Tell us about the therapy');
    expect(form.html).not.toContain('Jamie');
    const young = await family.get(youngLink.pathname);
    expect(young.$('legend').first().text().trim()).toBe('Did the sessions help you?');

    const incomplete = await family.submit(link.pathname, { helpful: '5' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.errorSummary.map((error) => error.text)).toEqual(['Select an answer to the second question', 'Select an answer to the third question']);
    expect(await sql(`SELECT 1 FROM feedback_responses`)).toEqual([]);
    expect((await sql(`SELECT used_at FROM feedback_requests WHERE respondent = 'adopter'`))[0].used_at).toBeNull();

    const answered = await family.submit(link.pathname, { helpful: '5', listened: '4', better: '4', comment: 'Our therapist really understood our son' });
    expect(answered.status).toBe(303);
    expect((await family.get(answered.headers.location)).$('h1').text().trim()).toBe('Thank you');
    const reused = await family.get(link.pathname);
    expect(reused.status).toBe(200);
    expect(reused.$('h1').text()).toBe('You have already given feedback');
    const twice = await family.submit(youngLink.pathname, { helpful: '4', listened: '4', better: '3' });
    expect(twice.status).toBe(303);
    const csrf = (await family.get('/sign-in')).$('input[name=_csrf]').attr('value') ?? '';
    // The adopter's link cannot be posted to again, even with a token from a fresh page.
    const repost = await family.post(link.pathname, { helpful: '1', listened: '1', better: '1', _csrf: csrf });
    expect(repost.$('h1').text()).toBe('You have already given feedback');
    expect(await sql(`SELECT respondent, helpful FROM feedback_responses ORDER BY respondent`)).toEqual([
      { respondent: 'adopter', helpful: 5 },
      { respondent: 'young_person', helpful: 4 },
    ]);

    const tampered = await family.get(`${link.pathname.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect(tampered.status).toBe(404);
    expect(tampered.$('h1').text()).toBe('This feedback link is not recognised');
    expect((await family.get(`/feedback/' OR 1=1 --`)).status).toBe(404);

    // An expired link is explained, not an error.
    const professional = await commissioner.submit(delivery, { professionalEmail: 'sw@kent.example' }, `/contracts/${contract.contractId}/feedback-requests`);
    expect(professional.status).toBe(303);
    await testApp.deliverEmails();
    const late = new URL(testApp.smtp!.linkTo('sw@kent.example', '/feedback/'));
    await sql(`UPDATE feedback_requests SET expires_at = now() - interval '1 minute' WHERE respondent = 'professional'`);
    expect((await family.get(late.pathname)).$('h1').text()).toBe('This feedback link has expired');
    const lateAnswer = await family.post(late.pathname, { helpful: '3', listened: '3', better: '3', _csrf: csrf });
    expect(lateAnswer.$('h1').text()).toBe('This feedback link has expired');
    expect(await sql(`SELECT count(*)::int AS n FROM feedback_responses`)).toEqual([{ n: 2 }]);

    const agencyView = await commissioner.get(delivery);
    expect(agencyView.$('main').text()).toContain('Our therapist really understood our son');
    const providerView = await contract.provider.get(`${base}/delivery`);
    expect(providerView.$('main').text()).toContain('2 people have answered');
    expect(providerView.html).not.toContain('Our therapist really understood our son');
  });

  it('keeps every delivery page to the contract’s own provider and agency', async () => {
    const other = await activeContract(testApp, { winner: 'Sorrel Therapy', startDays: -60, endDays: 30, reportIntervalWeeks: 4 });
    for (const path of ['delivery', 'outcomes', 'ending', 'reports/progress']) {
      expect((await other.provider.get(`${base}/${path}`)).status).toBe(404);
    }
    expect(
      (await other.provider.submit(`/provider/contracts/${other.contractId}/delivery`, { ...dateFields('deliveredOn', -1), sessions: '1' }, `${base}/sessions`))
        .status,
    ).toBe(404);
    expect((await commissioner.get(`${base}/delivery`)).status).toBe(403);
    expect((await other.provider.get(`/contracts/${contract.contractId}/delivery`)).status).toBe(403);

    // Sorrel's first 4-weekly progress report is overdue: the commissioner hears once.
    const delivery = testApp.app.get(DeliveryService);
    expect(await delivery.flagOverdueReports()).toBeGreaterThanOrEqual(1);
    await delivery.flagOverdueReports();
    await testApp.deliverEmails();
    expect(
      testApp
        .smtp!.to(DEMO.commissioner)
        .filter((email) => email.subject === 'A provider’s report on a contract is overdue' && email.text.includes(other.contractId)),
    ).toHaveLength(1);
    // Contract lists are paginated, each owner seeing its own.
    expect((await commissioner.get('/contracts')).$('main').text()).toContain('Showing 1 to 2 of 2 contracts');
    expect((await other.provider.get('/provider/contracts')).$('main').text()).toContain('Showing 1 to 1 of 1 contract');
    const page = await other.provider.get(`/provider/contracts/${other.contractId}/delivery`);
    expect(page.$('#reports ~ table').first().text()).toContain('Overdue');
  });
});
