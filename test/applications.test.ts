import { ComplianceService } from '../src/compliance/compliance.service';
import { createOpenFramework, declareExclusions, prepareProvider, referenceIds, TEST_PDF } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

describe('a provider applies to join a framework', () => {
  let testApp: TestApp;
  let provider: WebSession;
  let manager: WebSession;
  let frameworkId: string;
  let applicationId: string;
  let secondApplicationId: string;
  let ids: Awaited<ReturnType<typeof referenceIds>>;

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    ids = await referenceIds(testApp.dataSource);
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    frameworkId = await createOpenFramework(manager, ids);
    provider = new WebSession(testApp.server);
    await provider.signIn(DEMO.provider);
  });
  afterAll(() => testApp.close());

  it('starts an application from the list of open frameworks, and returns to the same one', async () => {
    const list = await provider.get('/provider/frameworks');
    expect(list.$('main').text()).toContain('Therapeutic Services 2026');
    const started = await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`);
    applicationId = started.location!.split('/').pop()!;
    const again = await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`);
    expect(again.location).toBe(`/provider/applications/${applicationId}`);
    // Three clicks at once on a framework with no application yet start exactly one.
    const raceFrameworkId = await createOpenFramework(manager, ids, 'Race Services 2026');
    const csrf = (await provider.get('/provider/frameworks')).$('input[name=_csrf]').val() as string;
    const racing = await Promise.all([1, 2, 3].map(() => provider.post(`/provider/frameworks/${raceFrameworkId}/apply`, { _csrf: csrf })));
    expect(new Set(racing.map((page) => page.status))).toEqual(new Set([303]));
    expect(new Set(racing.map((page) => page.location)).size).toBe(1);
    const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM applications WHERE framework_id = $1', [raceFrameworkId]);
    expect(n).toBe(1);
    const overview = await provider.get(`/provider/applications/${applicationId}`);
    expect(overview.$('.govuk-task-list__item').length).toBe(7);
    expect(overview.$('.govuk-task-list__status').first().text().trim()).toBe('Incomplete');
  });

  it('refuses empty choices', async () => {
    for (const [page, message] of [
      ['lots', 'Select at least one lot'],
      ['practitioners', 'Select at least one practitioner'],
    ]) {
      const result = await provider.submit(`/provider/applications/${applicationId}/${page}`, {});
      expect({ page, status: result.status, errors: result.errorSummary.map((error) => error.text) }).toEqual({ page, status: 400, errors: [message] });
    }
  });

  it('is completed section by section, saved as it goes, and submitted with emails', async () => {
    await prepareProvider(provider, ids);

    expect((await provider.submit(`/provider/applications/${applicationId}/lots`, { therapyTypeIds: [ids.theraplay, ids.emdr] })).status).toBe(303);
    const practitionerIds = (await testApp.dataSource.query('SELECT id FROM practitioners ORDER BY full_name')).map((row: { id: string }) => row.id);
    expect((await provider.submit(`/provider/applications/${applicationId}/practitioners`, { practitionerIds })).status).toBe(303);
    const documentIds = (await testApp.dataSource.query('SELECT id FROM compliance_documents')).map((row: { id: string }) => row.id);
    expect((await provider.submit(`/provider/applications/${applicationId}/documents`, { documentIds })).status).toBe(303);

    // Only the questions for the chosen lots are asked, and nothing is saved until all are valid.
    const answersPage = await provider.get(`/provider/applications/${applicationId}/answers`);
    expect(answersPage.$('main').text()).toContain('Describe your Theraplay supervision');
    expect(answersPage.$('main').text()).toContain('Describe your EMDR supervision');
    const conditions = await testApp.dataSource.query('SELECT id, question FROM membership_conditions WHERE framework_id = $1 ORDER BY position', [
      frameworkId,
    ]);
    const field = (n: number) => `answer-${conditions[n].id}`;
    const invalid = await provider.submit(`/provider/applications/${applicationId}/answers`, { [field(0)]: 'yes', [field(1)]: 'word '.repeat(25) });
    expect(invalid.status).toBe(400);
    expect(invalid.errorSummary).toEqual([
      { text: 'Your answer must be 20 words or fewer (it is 25)', href: `#${field(1)}` },
      { text: 'Enter your answer', href: `#${field(2)}` },
      { text: 'Enter a date', href: `#${field(3)}-day` },
    ]);
    expect(invalid.$(`input[name="${field(0)}"][value=yes]`).attr('checked')).toBeDefined();
    expect((await testApp.dataSource.query('SELECT count(*)::int AS n FROM application_answers'))[0].n).toBe(0);

    const saved = await provider.submit(`/provider/applications/${applicationId}/answers`, {
      [field(0)]: 'yes',
      [field(1)]: 'Monthly supervision with a Theraplay supervisor',
      [field(2)]: 'Fortnightly EMDR consultation with an accredited consultant',
      [`${field(3)}[day]`]: '1',
      [`${field(3)}[month]`]: '6',
      [`${field(3)}[year]`]: '2026',
    });
    expect(saved.status).toBe(303);
    expect((await declareExclusions(provider, applicationId)).status).toBe(303);

    const overview = await provider.get(`/provider/applications/${applicationId}`);
    expect(
      overview
        .$('.govuk-task-list__status')
        .map((_, status) => overview.$(status).text().trim())
        .get()
        .slice(0, 6),
    ).toEqual(['Completed', 'Completed', 'Completed', 'Completed', 'Completed', 'Completed']);

    const noDeclaration = await provider.submit(`/provider/applications/${applicationId}/check`, {}, `/provider/applications/${applicationId}/submit`);
    expect(noDeclaration.status).toBe(400);
    expect(noDeclaration.errorSummary).toEqual([{ text: 'Confirm the declaration to submit your application', href: '#declaration' }]);

    const submitted = await provider.submit(
      `/provider/applications/${applicationId}/check`,
      { declaration: 'confirmed' },
      `/provider/applications/${applicationId}/submit`,
    );
    expect(submitted.status).toBe(303);
    const [row] = await testApp.dataSource.query('SELECT status, decision_due_on, snapshot FROM applications WHERE id = $1', [applicationId]);
    expect(row.status).toBe('submitted');
    expect(row.decision_due_on).toBeTruthy();
    expect(row.snapshot.lots.map((lot: { name: string }) => lot.name)).toEqual(['Theraplay', 'Eye movement desensitisation and reprocessing (EMDR)']);
    expect(row.snapshot.answers).toHaveLength(4);
    expect(row.snapshot.exclusions.map((answer: { answer: string }) => answer.answer)).toEqual(Array(9).fill('no'));

    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.provider).map((email) => email.subject)).toContain('Your application has been submitted');
    expect(testApp.smtp!.to(DEMO.frameworkManager).map((email) => email.subject)).toContain('A new application to join a framework');
  });

  it('cannot be changed once submitted, and the snapshot keeps what was sent', async () => {
    const attempt = await provider.submit(
      `/provider/applications/${applicationId}`,
      { therapyTypeIds: ids.ddp },
      `/provider/applications/${applicationId}/lots`,
    );
    expect(attempt.status).toBe(409);
    await testApp.dataSource.query(`UPDATE provider_organisations SET name = 'Renamed Ltd' WHERE id = (SELECT provider_id FROM applications WHERE id = $1)`, [
      applicationId,
    ]);
    const [row] = await testApp.dataSource.query('SELECT snapshot FROM applications WHERE id = $1', [applicationId]);
    expect(row.snapshot.organisation.name).toBe('Oakleaf Family Therapy Ltd');
  });

  it('is never visible to another provider', async () => {
    const other = new WebSession(testApp.server);
    await other.signIn(DEMO.otherProvider);
    for (const path of ['', '/lots', '/practitioners', '/documents', '/answers', '/exclusions', '/check']) {
      expect({ path, status: (await other.get(`/provider/applications/${applicationId}${path}`)).status }).toEqual({ path, status: 404 });
    }
    const csrf = (await other.get('/provider')).$('meta[name=csrf-token]').attr('content')!;
    expect((await other.post(`/provider/applications/${applicationId}/submit`, { declaration: 'confirmed', _csrf: csrf })).status).toBe(404);
  });

  it('is evaluated: queue with its clock, judgements, a clarification, an extension and a decision per lot', async () => {
    const queue = await manager.get('/evaluation');
    expect(queue.status).toBe(200);
    const row = queue.$('tbody tr').first();
    expect(row.text()).toContain('Renamed Ltd');
    expect(row.text()).toMatch(/Day 0 of 10/);
    expect(row.text()).not.toContain('Overdue');

    // The clock skips the bank holidays of its route: submitted Friday 27 November 2026, St Andrew's Day (30 November) counts
    // on a PCR 2015 legacy DPS (England and Wales) but not on a Procurement Act 2023 route (any part of the UK).
    const [{ submitted_at: submittedAt }] = await testApp.dataSource.query(`SELECT submitted_at FROM applications WHERE id = $1`, [applicationId]);
    await testApp.dataSource.query(`UPDATE applications SET submitted_at = '2026-11-27T10:00:00Z' WHERE id = $1`, [applicationId]);
    expect((await manager.get(`/evaluation/${applicationId}`)).$('main').text()).toContain('Decision due by 14 December 2026');
    await testApp.dataSource.query(`UPDATE frameworks SET route = 'legacy_dps' WHERE id = $1`, [frameworkId]);
    expect((await manager.get(`/evaluation/${applicationId}`)).$('main').text()).toContain('Decision due by 11 December 2026');
    await testApp.dataSource.query(`UPDATE frameworks SET route = 'dynamic_market' WHERE id = $1`, [frameworkId]);
    await testApp.dataSource.query(`UPDATE applications SET submitted_at = $2 WHERE id = $1`, [applicationId, submittedAt]);

    const emptyJudgements = await manager.submit(`/evaluation/${applicationId}`, {}, `/evaluation/${applicationId}/judgements`);
    expect(emptyJudgements.status).toBe(400);
    expect(emptyJudgements.errorSummary.map((error) => error.text)).toEqual([
      'Select pass or fail for “Do you hold professional indemnity insurance of at least £5 million?”',
      'Enter a score from 0 to 4 for “Describe your Theraplay supervision”',
      'Enter a score from 0 to 4 for “Describe your EMDR supervision”',
      'Select pass or fail for “When did you last review your safeguarding policy?”',
    ]);
    const conditions = await testApp.dataSource.query('SELECT id FROM membership_conditions WHERE framework_id = $1 ORDER BY position', [frameworkId]);
    const judged = await manager.submit(
      `/evaluation/${applicationId}`,
      {
        [`result-${conditions[0].id}`]: 'pass',
        [`score-${conditions[1].id}`]: '3',
        [`score-${conditions[2].id}`]: '1',
        [`note-${conditions[2].id}`]: 'No accredited EMDR consultant named',
        [`result-${conditions[3].id}`]: 'pass',
      },
      `/evaluation/${applicationId}/judgements`,
    );
    expect(judged.status).toBe(303);
    const results = await testApp.dataSource.query(
      'SELECT result, score FROM application_judgements j JOIN membership_conditions c ON c.id = j.condition_id ORDER BY c.position',
    );
    expect(results).toEqual([
      { result: 'pass', score: null },
      { result: 'pass', score: 3 },
      { result: 'fail', score: 1 },
      { result: 'pass', score: null },
    ]);

    expect((await manager.submit(`/evaluation/${applicationId}`, {}, `/evaluation/${applicationId}/clarification`)).errorSummary).toEqual([
      { text: 'Enter your question for the provider', href: '#question' },
    ]);
    expect(
      (await manager.submit(`/evaluation/${applicationId}`, { question: 'Who is your EMDR consultant?' }, `/evaluation/${applicationId}/clarification`)).status,
    ).toBe(303);
    const cannotDecide = await manager.submit(`/evaluation/${applicationId}`, {}, `/evaluation/${applicationId}/decision`);
    expect(cannotDecide.status).toBe(409);

    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.provider).map((email) => email.subject)).toContain('A question about your application');
    const providerView = await provider.get(`/provider/applications/${applicationId}`);
    expect(providerView.$('main').text()).toContain('Who is your EMDR consultant?');
    expect(
      (await provider.submit(`/provider/applications/${applicationId}`, {}, `/provider/applications/${applicationId}/clarification`)).errorSummary,
    ).toEqual([{ text: 'Enter your answer', href: '#response' }]);
    expect(
      (
        await provider.submit(
          `/provider/applications/${applicationId}`,
          { response: 'Dr Lee, EMDR UK accredited consultant' },
          `/provider/applications/${applicationId}/clarification`,
        )
      ).status,
    ).toBe(303);

    expect((await manager.submit(`/evaluation/${applicationId}`, {}, `/evaluation/${applicationId}/extend`)).errorSummary).toEqual([
      { text: 'Enter the reason for extending the decision clock', href: '#reason' },
    ]);
    expect(
      (await manager.submit(`/evaluation/${applicationId}`, { reason: 'Waiting for the consultant’s confirmation' }, `/evaluation/${applicationId}/extend`))
        .status,
    ).toBe(303);
    expect((await manager.get('/evaluation')).$('tbody tr').first().text()).toMatch(/Day 0 of 15 \(extended\)/);

    const emptyDecision = await manager.submit(`/evaluation/${applicationId}`, {}, `/evaluation/${applicationId}/decision`);
    expect(emptyDecision.status).toBe(400);
    expect(emptyDecision.errorSummary.map((error) => error.text)).toEqual([
      'Select admit or reject for Theraplay',
      'Enter the reasons for the decision on Theraplay',
      'Select admit or reject for Eye movement desensitisation and reprocessing (EMDR)',
      'Enter the reasons for the decision on Eye movement desensitisation and reprocessing (EMDR)',
    ]);
    // BR-1: the decision follows the judgements. Theraplay passed every condition and EMDR failed one; departing from that needs a reason.
    const againstJudgements = await manager.submit(
      `/evaluation/${applicationId}`,
      {
        [`decision-${ids.theraplay}`]: 'rejected',
        [`reason-${ids.theraplay}`]: 'Not needed',
        [`decision-${ids.emdr}`]: 'admitted',
        [`reason-${ids.emdr}`]: 'Good enough',
      },
      `/evaluation/${applicationId}/decision`,
    );
    expect(againstJudgements.status).toBe(400);
    expect(againstJudgements.errorSummary).toEqual([
      { text: 'Theraplay passed every condition. Enter why you are rejecting it anyway', href: `#override-${ids.theraplay}` },
      { text: 'Eye movement desensitisation and reprocessing (EMDR) failed a condition. Enter why you are admitting it anyway', href: `#override-${ids.emdr}` },
    ]);
    expect(againstJudgements.$(`input[name="decision-${ids.theraplay}"][value=rejected]`).attr('checked')).toBeDefined();
    expect((await testApp.dataSource.query('SELECT count(*)::int AS n FROM application_lot_decisions WHERE application_id = $1', [applicationId]))[0].n).toBe(
      0,
    );

    const decided = await manager.submit(
      `/evaluation/${applicationId}`,
      {
        [`decision-${ids.theraplay}`]: 'admitted',
        [`reason-${ids.theraplay}`]: 'Meets every condition',
        [`decision-${ids.emdr}`]: 'rejected',
        [`reason-${ids.emdr}`]: 'Supervision arrangements scored below the minimum',
      },
      `/evaluation/${applicationId}/decision`,
    );
    expect(decided.status).toBe(303);

    const memberships = await testApp.dataSource.query('SELECT therapy_type_id, status FROM memberships WHERE framework_id = $1', [frameworkId]);
    expect(memberships).toEqual([{ therapy_type_id: ids.theraplay, status: 'active' }]);
    expect((await manager.get('/evaluation')).$('tbody tr').length).toBe(0);

    await testApp.deliverEmails();
    const decision = testApp.smtp!.to(DEMO.provider).find((email) => email.subject === 'The decision on your application')!;
    expect(decision.text).toContain('Theraplay: admitted');
    expect(decision.text).toContain('Eye movement desensitisation and reprocessing (EMDR): not admitted');
    const providerDecision = await provider.get(`/provider/applications/${applicationId}`);
    expect(providerDecision.$('main').text()).toContain('Supervision arrangements scored below the minimum');

    const actions = (await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`, [applicationId])).map(
      (row: { action: string }) => row.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'application.evaluation_started',
        'application.judged',
        'application.clarification_requested',
        'application.clarification_answered',
        'application.clock_extended',
        'application.decided',
      ]),
    );

    // A rejected provider can apply again.
    const again = await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`);
    expect(again.location).not.toBe(`/provider/applications/${applicationId}`);
    secondApplicationId = again.location!.split('/').pop()!;
  });

  it('keeps evaluation to framework managers', async () => {
    for (const email of [DEMO.commissioner, DEMO.provider, DEMO.panelMember]) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      expect((await visitor.get('/evaluation')).status).toBe(403);
      expect((await visitor.get(`/evaluation/${applicationId}`)).status).toBe(403);
    }
  });

  it('shows the membership in the matrix, with empty cells standing out', async () => {
    const page = await manager.get('/memberships');
    const rows = page.$('table').first().find('tbody tr');
    const cells = (name: string) =>
      rows
        .filter((_, row) => page.$(row).find('th').text().includes(name))
        .find('td')
        .map((_, cell) => page.$(cell).text().trim())
        .get();
    expect(cells('Theraplay')).toEqual(['1']);
    expect(cells('Dyadic')).toEqual(['None']);
    expect(page.$('main').text()).toMatch(/2 lots and areas have no provider/);
    const dashboard = await provider.get('/provider');
    expect(dashboard.$('main').text()).toContain('Theraplay');
  });

  it('suspends a membership when insurance expires, emails the provider, and reinstates it on renewal', async () => {
    const compliance = testApp.app.get(ComplianceService);
    const today = new Date().toISOString().slice(0, 10);
    await testApp.dataSource.query(`UPDATE compliance_documents SET expires_on = $1::date - 1 WHERE type = 'professional_indemnity'`, [today]);
    const result = await compliance.run();
    expect(result).toMatchObject({ suspended: 1, reinstated: 0 });
    const [membership] = await testApp.dataSource.query(`SELECT id, status, status_reason, suspended_for_compliance FROM memberships WHERE framework_id = $1`, [
      frameworkId,
    ]);
    expect(membership).toMatchObject({ status: 'suspended', status_reason: 'Expired professional indemnity insurance', suspended_for_compliance: true });
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.provider).map((email) => email.subject)).toContain('Your framework membership has been suspended');
    expect(await compliance.run()).toMatchObject({ suspended: 0, reinstated: 0 });

    await provider.upload(
      '/provider/documents/new',
      { type: 'professional_indemnity', coverAmount: '5000000', 'expiresOn[day]': '1', 'expiresOn[month]': '1', 'expiresOn[year]': '2031' },
      { name: 'renewed.pdf', content: TEST_PDF },
    );
    expect(await compliance.run()).toMatchObject({ reinstated: 1 });
    const [after] = await testApp.dataSource.query(`SELECT status FROM memberships WHERE id = $1`, [membership.id]);
    expect(after.status).toBe('active');
    const actions = (await testApp.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`, [membership.id])).map(
      (row: { action: string }) => row.action,
    );
    expect(actions).toEqual(['membership.created', 'membership.suspended', 'membership.reinstated']);
  });

  it('sends each expiry reminder once, at 30, 14 and 0 days', async () => {
    const compliance = testApp.app.get(ComplianceService);
    const today = new Date().toISOString().slice(0, 10);
    await testApp.dataSource.query(`UPDATE practitioners SET registration_expires_on = $1::date + 10 WHERE full_name = 'Sam Reid'`, [today]);
    const first = await compliance.run();
    const second = await compliance.run();
    expect(first!.reminders).toBeGreaterThan(0);
    const [{ n }] = await testApp.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE template = 'compliance-reminder' AND text_body LIKE '%Sam Reid%'`,
    );
    expect(n).toBe(1);
    expect(second!.reminders).toBe(first!.reminders);
  });

  it('lets the framework manager suspend, reinstate and remove with reasons', async () => {
    const [{ id }] = await testApp.dataSource.query(`SELECT id FROM memberships WHERE framework_id = $1 AND status = 'active'`, [frameworkId]);
    const empty = await manager.submit(`/memberships/${id}/suspend`, {});
    expect(empty.status).toBe(400);
    expect(empty.errorSummary).toEqual([{ text: 'Enter the reason', href: '#reason' }]);
    expect((await manager.submit(`/memberships/${id}/suspend`, { reason: 'Under investigation' })).status).toBe(303);
    await testApp.app.get(ComplianceService).run();
    expect((await testApp.dataSource.query(`SELECT status FROM memberships WHERE id = $1`, [id]))[0].status).toBe('suspended');
    const csrf = (await manager.get('/memberships')).$('meta[name=csrf-token]').attr('content')!;
    expect((await manager.post(`/memberships/${id}/reinstate`, { _csrf: csrf })).status).toBe(303);
    expect((await manager.submit(`/memberships/${id}/remove`, { reason: 'Debarred' })).status).toBe(303);
    expect((await testApp.dataSource.query(`SELECT status, status_reason FROM memberships WHERE id = $1`, [id]))[0]).toEqual({
      status: 'removed',
      status_reason: 'Debarred',
    });
    expect((await manager.post(`/memberships/${id}/reinstate`, { _csrf: csrf })).status).toBe(409);
  });

  it('admits against the judgements only with a recorded override reason, audited as an override (BR-1)', async () => {
    const id = secondApplicationId;
    const conditions = await testApp.dataSource.query('SELECT id FROM membership_conditions WHERE framework_id = $1 ORDER BY position', [frameworkId]);
    expect((await provider.submit(`/provider/applications/${id}/lots`, { therapyTypeIds: [ids.emdr] })).status).toBe(303);
    const practitionerIds = (await testApp.dataSource.query('SELECT id FROM practitioners ORDER BY full_name')).map((row: { id: string }) => row.id);
    expect((await provider.submit(`/provider/applications/${id}/practitioners`, { practitionerIds })).status).toBe(303);
    const documentIds = (await testApp.dataSource.query('SELECT id FROM compliance_documents')).map((row: { id: string }) => row.id);
    expect((await provider.submit(`/provider/applications/${id}/documents`, { documentIds })).status).toBe(303);
    expect(
      (
        await provider.submit(`/provider/applications/${id}/answers`, {
          [`answer-${conditions[0].id}`]: 'yes',
          [`answer-${conditions[2].id}`]: 'Dr Lee, EMDR UK accredited consultant, monthly',
          [`answer-${conditions[3].id}[day]`]: '1',
          [`answer-${conditions[3].id}[month]`]: '6',
          [`answer-${conditions[3].id}[year]`]: '2026',
        })
      ).status,
    ).toBe(303);
    expect((await declareExclusions(provider, id)).status).toBe(303);
    expect((await provider.submit(`/provider/applications/${id}/check`, { declaration: 'confirmed' }, `/provider/applications/${id}/submit`)).status).toBe(303);

    // Undecided until every condition for the lot is judged.
    const unjudged = await manager.submit(
      `/evaluation/${id}`,
      { [`decision-${ids.emdr}`]: 'admitted', [`reason-${ids.emdr}`]: 'Fine' },
      `/evaluation/${id}/decision`,
    );
    expect(unjudged.errorSummary).toEqual([
      { text: 'Judge every condition for Eye movement desensitisation and reprocessing (EMDR) before deciding', href: `#decision-${ids.emdr}` },
    ]);

    expect(
      (
        await manager.submit(
          `/evaluation/${id}`,
          {
            [`result-${conditions[0].id}`]: 'pass',
            [`score-${conditions[2].id}`]: '1',
            [`result-${conditions[3].id}`]: 'pass',
          },
          `/evaluation/${id}/judgements`,
        )
      ).status,
    ).toBe(303);
    const page = await manager.get(`/evaluation/${id}`);
    expect(page.$('main').text()).toContain('The judgements say: reject (a condition failed)');
    const admitted = await manager.submit(
      `/evaluation/${id}`,
      {
        [`decision-${ids.emdr}`]: 'admitted',
        [`reason-${ids.emdr}`]: 'Consultant now named',
        [`override-${ids.emdr}`]: 'The consultant named in the clarification is accredited, which the score did not reflect',
      },
      `/evaluation/${id}/decision`,
    );
    expect(admitted.status).toBe(303);
    const memberships = await testApp.dataSource.query(`SELECT status FROM memberships WHERE framework_id = $1 AND therapy_type_id = $2`, [
      frameworkId,
      ids.emdr,
    ]);
    expect(memberships).toEqual([{ status: 'active' }]);
    const [override] = await testApp.dataSource.query(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'application.decision_overridden'`, [
      id,
    ]);
    expect(override.after).toEqual({
      therapyTypeId: ids.emdr,
      judged: 'rejected',
      decided: 'admitted',
      reason: 'The consultant named in the clarification is accredited, which the score did not reflect',
    });
    const [decision] = await testApp.dataSource.query(`SELECT override_reason FROM application_lot_decisions WHERE application_id = $1`, [id]);
    expect(decision.override_reason).toBe('The consultant named in the clarification is accredited, which the score did not reflect');
  });
});
