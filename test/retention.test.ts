import { createHash } from 'node:crypto';
import { addMonths } from '../src/retention/retention-rules';
import { RetentionService } from '../src/retention/retention.service';
import { activeContract, ActiveContract } from './factories/awards';
import { draftRequirement } from './factories/competitions';
import { referenceIds } from './factories/frameworks';
import { TEST_PDF } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * The retention job over one finished contract with a losing rival: each kind
 * of children's data goes when its period passes (the job takes `now`, so the
 * clock is moved instead of the data), nothing goes before, and each run is
 * audited by kind and count only.
 */
describe('retention of children’s data', () => {
  let testApp: TestApp;
  let contract: ActiveContract;
  let retention: RetentionService;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const months = (count: number) => addMonths(new Date(), count);
  const NEEDS = 'Retention needs text 4Z';
  const CHILD_REFERENCE = 'KCC-RETAIN-1';
  const COMMENT = 'Retention comment: our therapist understood Jamie';
  const SUMMARY = 'Retention summary of eight sessions';
  const ENDING = 'Retention ending detail';
  const GOAL = 'Retention goal: Jamie sleeps in his own bed';
  let rivalBidId: string;
  let winnerBidId: string;
  let policyId: string;
  let cancelledId: string;
  let draftId: string;

  const auditedErasures = () => sql(`SELECT after FROM audit_events WHERE action = 'retention.erased' ORDER BY occurred_at, id`);

  beforeAll(async () => {
    testApp = await createTestApp();
    retention = testApp.app.get(RetentionService);
    contract = await activeContract(testApp, {
      winner: 'Retain Winner Therapy',
      rate: '90',
      rivals: [['Retain Rival Therapy', '110']],
      outcomeTools: ['SDQ'],
      requirement: { needsDescription: NEEDS, childReference: CHILD_REFERENCE },
    });
    const base = `/provider/contracts/${contract.contractId}`;
    const report = await contract.provider.submit(`${base}/reports/end`, {
      engagement: 'good',
      goalProgress: 'met',
      summary: SUMMARY,
      nextSteps: 'Universal support',
      safeguardingConcern: 'no',
    });
    expect(report.status).toBe(303);
    // The ending itself is tested in quality.test.ts; here the work simply ended yesterday.
    await sql(
      `UPDATE contracts SET status = 'completed', ending_kind = 'planned', ending_reason = 'goals_met', ending_detail = $2, ended_on = current_date - 1 WHERE id = $1`,
      [contract.contractId, ENDING],
    );
    const [commissioner] = await sql(`SELECT id FROM users WHERE email = $1`, [DEMO.commissioner]);
    const [request] = await sql(
      `INSERT INTO feedback_requests (contract_id, respondent, stage, token_hash, expires_at, sent_by_user_id) VALUES ($1, 'adopter', 'end', $2, now() + interval '28 days', $3) RETURNING id`,
      [contract.contractId, createHash('sha256').update('retention-token').digest('hex'), commissioner.id],
    );
    await sql(`INSERT INTO outcome_measures (contract_id, tool, label, baseline_score, end_score) VALUES ($1, 'GBO', $2, 3, 7), ($1, 'SDQ', 'Total', 20, 15)`, [
      contract.contractId,
      GOAL,
    ]);
    await sql(
      `INSERT INTO feedback_responses (request_id, contract_id, respondent, helpful, listened, better, comment) VALUES ($1, $2, 'adopter', 5, 4, 4, $3)`,
      [request.id, contract.contractId, COMMENT],
    );
    // A policy with no expiry that nothing replaced: its period never starts.
    const [file] = await sql(`INSERT INTO stored_files (content, media_type, size_bytes, sha256) VALUES ($1, 'application/pdf', $2, 'x') RETURNING id`, [
      TEST_PDF,
      TEST_PDF.length,
    ]);
    [{ id: policyId }] = await sql(
      `INSERT INTO compliance_documents (provider_id, type, stored_file_id, file_name) VALUES ($1, 'safeguarding_policy', $2, 'policy.pdf') RETURNING id`,
      [contract.providerId, file.id],
    );
    // A requirement cancelled today, and a draft whose period never starts.
    const ids = await referenceIds(testApp.dataSource);
    const [framework] = await sql(`SELECT framework_id FROM requirements WHERE id = $1`, [contract.requirementId]);
    const drafter = new WebSession(testApp.server);
    await drafter.signIn(DEMO.commissioner);
    cancelledId = await draftRequirement(drafter, `${framework.framework_id}:${ids.theraplay}`, ids.ashford, {
      childReference: 'KCC-RETAIN-CANCELLED',
      needsDescription: NEEDS,
    });
    draftId = await draftRequirement(drafter, `${framework.framework_id}:${ids.theraplay}`, ids.ashford, {
      childReference: 'KCC-RETAIN-DRAFT',
      needsDescription: NEEDS,
    });
    // Cancelling through its page is tested in competitions.test.ts.
    await sql(
      `UPDATE requirements SET status = 'cancelled', published_at = now(), cancelled_at = now(), cancel_reason = 'The family moved away' WHERE id = $1`,
      [cancelledId],
    );
    const bids = await sql(`SELECT id, status FROM bids WHERE requirement_id = $1`, [contract.requirementId]);
    rivalBidId = bids.find((bid: { status: string }) => bid.status === 'unsuccessful').id;
    winnerBidId = bids.find((bid: { status: string }) => bid.status === 'successful').id;
  });
  afterAll(() => testApp.close());

  const caseDetails = (requirementId = contract.requirementId) =>
    sql(`SELECT child_reference FROM requirement_case_details WHERE requirement_id = $1`, [requirementId]);
  const needsOf = async (requirementId: string) =>
    (await sql(`SELECT needs_description FROM requirements WHERE id = $1`, [requirementId]))[0].needs_description;
  const needsProfile = async () => (await sql(`SELECT needs_description, age_band FROM requirements WHERE id = $1`, [contract.requirementId]))[0];
  const comment = async () => (await sql(`SELECT comment, helpful FROM feedback_responses WHERE contract_id = $1`, [contract.contractId]))[0];
  const bidAnswers = async (bidId: string) => ({
    working: (await sql(`SELECT answers FROM bids WHERE id = $1`, [bidId]))[0].answers,
    versions: (await sql(`SELECT answers FROM bid_versions WHERE bid_id = $1 ORDER BY version`, [bidId])).map((row: { answers: string[] }) => row.answers),
  });
  const report = async () => (await sql(`SELECT summary, next_steps, engagement FROM delivery_reports WHERE contract_id = $1`, [contract.contractId]))[0];
  const goals = () => sql(`SELECT tool, label, baseline_score, end_score FROM outcome_measures WHERE contract_id = $1 ORDER BY tool`, [contract.contractId]);
  const ending = async () => (await sql(`SELECT ending_detail, ending_reason FROM contracts WHERE id = $1`, [contract.contractId]))[0].ending_detail;
  const documents = () =>
    sql(`SELECT d.type, f.size_bytes FROM compliance_documents d JOIN stored_files f ON f.id = d.stored_file_id WHERE d.provider_id = $1 ORDER BY d.type`, [
      contract.providerId,
    ]);

  it('works out what falls due when', async () => {
    const today = await retention.schedule();
    // Nothing in the seeded data or made here is due today, so a job at start erases nothing.
    expect(today.map((item) => item.dueNow)).toEqual([0, 0, 0, 0, 0, 0]);
    const [caseDetailsNow] = today;
    expect(caseDetailsNow).toMatchObject({ kind: 'case_details', months: 12, dueNow: 0 });
    expect(caseDetailsNow.scheduled).toBeGreaterThanOrEqual(2);
    // The contract ended yesterday, so its case details are the first due: a day short of 12 months from now.
    expect(caseDetailsNow.nextDueAt!.getTime()).toBeLessThanOrEqual(months(12).getTime());
    expect(caseDetailsNow.nextDueAt!.getTime()).toBeGreaterThan(months(11).getTime());
    const [caseDetailsLater] = await retention.schedule(months(13));
    expect(caseDetailsLater.dueNow).toBeGreaterThanOrEqual(2);
  });

  it('keeps everything while no period has passed', async () => {
    await retention.run(months(11));
    expect(await caseDetails(cancelledId)).toHaveLength(1);
    expect(await caseDetails()).toEqual([{ child_reference: CHILD_REFERENCE }]);
    expect((await needsProfile()).needs_description).toBe(NEEDS);
    expect((await comment()).comment).toBe(COMMENT);
    expect((await bidAnswers(rivalBidId)).working).toEqual(['Retain Rival Therapy answer one', 'Retain Rival Therapy answer two']);
    expect((await report()).summary).toBe(SUMMARY);
    expect((await goals())[0].label).toBe(GOAL);
    expect(await documents()).toHaveLength(4);
  });

  /** Runs the job at `now` and returns its result with the audit events it wrote. */
  async function runAt(now: Date) {
    const before = (await auditedErasures()).length;
    const result = await retention.run(now);
    const events = (await auditedErasures()).slice(before).map((row: { after: Record<string, unknown> }) => row.after);
    // One event per kind erased, with its count, and nothing of what was erased.
    for (const event of events) expect(Object.keys(event).sort()).toEqual(['asOf', 'count', 'kind', 'retentionMonths']);
    expect(Object.fromEntries(events.map((event: Record<string, unknown>) => [event.kind, event.count]))).toEqual(
      Object.fromEntries(Object.entries(result!).filter(([, count]) => count > 0)),
    );
    return result!;
  }

  it('deletes the case details 12 months after the contract ends, and keeps the rest', async () => {
    const result = await runAt(months(13));
    expect(result.case_details).toBeGreaterThanOrEqual(1);
    expect(await caseDetails()).toEqual([]);
    expect(await caseDetails(cancelledId)).toEqual([]);
    expect((await needsProfile()).needs_description).toBe(NEEDS);
    expect(await needsOf(cancelledId)).toBe(NEEDS);
    expect((await comment()).comment).toBe(COMMENT);
    // A second run finds nothing more of that kind to erase.
    expect((await runAt(months(13))).case_details).toBe(0);
  });

  it('erases the needs profile’s free text and feedback comments after 24 months, keeping the ratings and controlled fields', async () => {
    const result = await runAt(months(25));
    expect(result.needs_profile).toBeGreaterThanOrEqual(1);
    expect(result.feedback_comments).toBeGreaterThanOrEqual(1);
    expect(await needsProfile()).toEqual({ needs_description: null, age_band: '8 to 10' });
    expect(await comment()).toEqual({ comment: null, helpful: 5 });
    expect(await needsOf(cancelledId)).toBeNull();
    expect((await bidAnswers(rivalBidId)).working).toHaveLength(2);
  });

  it('erases the answers of unsuccessful bids, in every version, 36 months after the award, and keeps the winner’s', async () => {
    const result = await runAt(months(37));
    expect(result.unsuccessful_bids).toBeGreaterThanOrEqual(1);
    expect(await bidAnswers(rivalBidId)).toEqual({ working: [], versions: [[]] });
    expect((await bidAnswers(winnerBidId)).versions).toEqual([['Retain Winner Therapy answer one', 'Retain Winner Therapy answer two']]);
    expect((await sql(`SELECT rate_pence FROM bids WHERE id = $1`, [rivalBidId]))[0].rate_pence).toBe(11000);
    expect((await report()).summary).toBe(SUMMARY);
  });

  it('erases delivery reports’ free text and the ending detail 72 months after the contract ends', async () => {
    const result = await runAt(months(73));
    expect(result.delivery_reports).toBeGreaterThanOrEqual(3);
    expect(await report()).toEqual({ summary: '', next_steps: '', engagement: 'good' });
    expect(await goals()).toEqual([
      { tool: 'GBO', label: 'Goal', baseline_score: 3, end_score: 7 },
      { tool: 'SDQ', label: 'Total', baseline_score: 20, end_score: 15 },
    ]);
    expect(await ending()).toBeNull();
    // The insurance runs to 31 March 2030, so its period has not passed.
    expect(await documents()).toHaveLength(4);
  });

  it('deletes compliance documents 72 months after they expire, and keeps a current policy', async () => {
    const result = await runAt(new Date('2036-04-02T00:00:00Z'));
    expect(result.compliance_documents).toBeGreaterThanOrEqual(3);
    expect(await documents()).toEqual([{ type: 'safeguarding_policy', size_bytes: TEST_PDF.length }]);
    expect(await sql(`SELECT id FROM compliance_documents WHERE id = $1`, [policyId])).toHaveLength(1);
    // A draft has not finished, however late it is.
    expect(await caseDetails(draftId)).toEqual([{ child_reference: 'KCC-RETAIN-DRAFT' }]);
    expect(await needsOf(draftId)).toBe(NEEDS);
  });

  it('never records what it erased in the audit log', async () => {
    const log = JSON.stringify(await sql(`SELECT * FROM audit_events WHERE action = 'retention.erased'`));
    for (const text of [NEEDS, CHILD_REFERENCE, 'Jamie', COMMENT, SUMMARY, ENDING, GOAL, 'Retain Rival Therapy answer']) expect(log).not.toContain(text);
  });

  it('shows system admins the schedule and runs the job from the page', async () => {
    const admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    expect((await admin.get('/admin')).$('a[href="/admin/retention"]')).toHaveLength(1);
    const page = await admin.get('/admin/retention');
    expect(page.status).toBe(200);
    expect(page.heading).toBe('Retention of children’s data');
    const rows = page
      .$('tbody tr')
      .toArray()
      .map((row) =>
        page
          .$(row)
          .find('th, td')
          .toArray()
          .map((cell) => page.$(cell).text().trim()),
      );
    expect(rows.map((row) => row[1])).toEqual([
      '12 months after the contract (or the block call-off) ends, or after the requirement is cancelled or closed with no award',
      '2 years after the contract ends, or after the requirement is cancelled or closed with no award',
      '2 years after the feedback is given',
      '6 years after the contract ends',
      '6 years after they expire or are replaced',
      '3 years after the award decision',
    ]);
    const ran = await admin.submit('/admin/retention', {}, '/admin/retention/run');
    expect(ran.status).toBe(303);
    const after = await admin.get('/admin/retention');
    expect(after.$('.govuk-notification-banner__heading').text()).toMatch(/^Retention run finished: \d+ case details, \d+ needs profiles, .* erased$/);
  });

  it('refuses the page and the run to every other role', async () => {
    for (const email of [DEMO.commissioner, DEMO.frameworkManager, DEMO.panelMember]) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      expect((await visitor.get('/admin/retention')).status).toBe(403);
      expect((await visitor.submit('/admin', {}, '/admin/retention/run')).status).toBe(403);
    }
    expect((await contract.provider.get('/admin/retention')).status).toBe(403);
  });

  it('states the configured periods on the privacy page', async () => {
    const page = await new WebSession(testApp.server).get('/privacy');
    const items = page
      .$('#retention-schedule li')
      .toArray()
      .map((item) => page.$(item).text().trim());
    expect(items).toEqual([
      'The child’s case details (name, date of birth and case reference): 12 months after the contract (or the block call-off) ends, or after the requirement is cancelled or closed with no award',
      'The free text of the needs profile (needs, previous interventions and accessibility): 2 years after the contract ends, or after the requirement is cancelled or closed with no award',
      'Comments in feedback from families and professionals: 2 years after the feedback is given',
      'The free text of progress and end reports, the goals in the family’s words, and the details of how the work ended: 6 years after the contract ends',
      'Providers’ compliance documents (the uploaded files): 6 years after they expire or are replaced',
      'The answers in unsuccessful bids: 3 years after the award decision',
    ]);
  });
});
