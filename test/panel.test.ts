import { closedRequirementWithBids } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

const PSYCHOLOGIST = 'panel.psychologist@bexley.example';
const SOCIAL_WORKER = 'panel.social@kent.example';

describe('the resource panel: conflicts, independent scoring and moderation', () => {
  let testApp: TestApp;
  let requirementId: string;
  let chair: WebSession;
  let psychologist: WebSession;
  let socialWorker: WebSession;
  let bidIds: Record<string, string>;
  let providerIds: Record<string, string>;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    ({ requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [
      ['Alder Therapy', '95'],
      ['Birch Therapy', '110'],
      ['Cedar Therapy', '130'],
    ]));
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    psychologist = new WebSession(testApp.server);
    await psychologist.signIn(PSYCHOLOGIST);
    socialWorker = new WebSession(testApp.server);
    await socialWorker.signIn(SOCIAL_WORKER);
  });
  afterAll(() => testApp.close());

  const declareNone = (session: WebSession) =>
    session.submit(`/panel/requirements/${requirementId}`, Object.fromEntries(Object.values(providerIds).map((id) => [`conflict-${id}`, 'none'])), `/panel/requirements/${requirementId}/conflicts`);

  it('shows bidder names only until a member declares, and refuses an incomplete declaration', async () => {
    const queue = await chair.get('/panel/requirements');
    expect(queue.$('main').text()).toContain('Declare conflicts');
    const page = await chair.get(`/panel/requirements/${requirementId}`);
    expect(page.$('main').text()).toContain('Alder Therapy');
    expect(page.html).not.toContain('Alder Therapy answer one');
    expect(page.html).not.toContain('£950');
    expect((await chair.get(`/panel/requirements/${requirementId}/scores`)).status).toBe(409);
    const incomplete = await chair.submit(`/panel/requirements/${requirementId}`, { [`conflict-${providerIds['Alder Therapy']}`]: 'conflict' }, `/panel/requirements/${requirementId}/conflicts`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.errorSummary.map((error) => error.text)).toEqual([
      'Describe your conflict of interest with Alder Therapy',
      'Select whether you have a conflict of interest with Birch Therapy',
      'Select whether you have a conflict of interest with Cedar Therapy',
    ]);
    expect(await sql(`SELECT 1 FROM conflict_declarations`)).toEqual([]);
  });

  it('excludes a conflicted member from bid content and scores, by URL and by id, and tells them', async () => {
    const declared = await socialWorker.submit(
      `/panel/requirements/${requirementId}`,
      { ...Object.fromEntries(Object.values(providerIds).map((id) => [`conflict-${id}`, 'none'])), [`conflict-${providerIds['Birch Therapy']}`]: 'conflict', [`nature-${providerIds['Birch Therapy']}`]: 'My sister works for Birch Therapy' },
      `/panel/requirements/${requirementId}/conflicts`,
    );
    expect(declared.status).toBe(303);
    for (const path of [`/panel/requirements/${requirementId}/scores`, `/panel/requirements/${requirementId}/moderation`]) {
      const page = await socialWorker.get(path);
      expect([403, 404]).toContain(page.status);
      expect(page.html).not.toContain('answer one');
    }
    const csrf = (await socialWorker.get('/panel/requirements')).$('meta[name=csrf-token]').attr('content')!;
    const forced = await socialWorker.post(`/panel/requirements/${requirementId}/scores`, { _csrf: csrf, [`score-${bidIds['Alder Therapy']}-0`]: '4', [`comment-${bidIds['Alder Therapy']}-0`]: 'x', intent: 'submit' });
    expect(forced.status).toBe(403);
    expect(await sql(`SELECT 1 FROM panel_scores`)).toEqual([]);
    expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('evaluating');
    const [audit] = await sql(`SELECT after FROM audit_events WHERE action = 'conflict.declared'`);
    expect(audit.after.conflicted).toBe(true);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(SOCIAL_WORKER).map((email) => email.subject)).toContain('You are excluded from evaluating a requirement');
  });

  const scoresFor = (values: Record<string, [number, number]>) =>
    Object.fromEntries(
      Object.entries(values).flatMap(([name, [first, second]]) => [
        [`score-${bidIds[name]}-0`, String(first)],
        [`comment-${bidIds[name]}-0`, `${name} first comment`],
        [`score-${bidIds[name]}-1`, String(second)],
        [`comment-${bidIds[name]}-1`, `${name} second comment`],
      ]),
    );

  it('scores independently: no member sees another’s scores until submitting their own', async () => {
    await declareNone(chair);
    await declareNone(psychologist);
    const empty = await chair.submit(`/panel/requirements/${requirementId}/scores`, { intent: 'submit' });
    expect(empty.status).toBe(400);
    expect(empty.errorSummary[0].text).toBe('Select a score from 0 to 4 for Alder Therapy, question 1');
    // Cedar is over the ceiling (£1,300 > £1,200): shown, flagged, not scored.
    expect(empty.$('main').text()).toContain('The total is above the ceiling price');
    expect(empty.errorSummary.some((error) => error.text.includes('Cedar'))).toBe(false);

    expect((await psychologist.submit(`/panel/requirements/${requirementId}/scores`, { ...scoresFor({ 'Alder Therapy': [0, 2], 'Birch Therapy': [4, 3] }), intent: 'submit' })).status).toBe(303);
    const chairBefore = await chair.get(`/panel/requirements/${requirementId}/scores`);
    expect(chairBefore.html).not.toContain('Birch Therapy second comment');
    expect((await chair.submit(`/panel/requirements/${requirementId}/scores`, { ...scoresFor({ 'Alder Therapy': [3, 2], 'Birch Therapy': [4, 4] }), intent: 'submit' })).status).toBe(303);
    const chairAfter = await chair.get(`/panel/requirements/${requirementId}/scores`);
    expect(chairAfter.$('main').text()).toContain('Dr Ravi Mehta: 3. Birch Therapy second comment');
    const changed = await chair.submit(`/panel/requirements/${requirementId}/scores`, { ...scoresFor({ 'Alder Therapy': [0, 0], 'Birch Therapy': [0, 0] }), intent: 'submit' });
    expect(changed.status).toBe(409);
  });

  it('lets only the chair moderate, highlights outliers, and ranks by BR-8 with every number shown', async () => {
    expect((await psychologist.get(`/panel/requirements/${requirementId}/moderation`)).status).toBe(403);
    const page = await chair.get(`/panel/requirements/${requirementId}/moderation`);
    expect(page.status).toBe(200);
    // Alder question 1 was scored 0 and 3: both are 1.5 from the median, so both are marked for discussion.
    expect(page.$('.govuk-tag--orange').length).toBe(2);
    const missing = await chair.submit(`/panel/requirements/${requirementId}/moderation`, {});
    expect(missing.errorSummary).toHaveLength(8);
    const moderated = {
      [`score-${bidIds['Alder Therapy']}-0`]: '3', [`rationale-${bidIds['Alder Therapy']}-0`]: 'Agreed after discussion',
      [`score-${bidIds['Alder Therapy']}-1`]: '2', [`rationale-${bidIds['Alder Therapy']}-1`]: 'Agreed',
      [`score-${bidIds['Birch Therapy']}-0`]: '4', [`rationale-${bidIds['Birch Therapy']}-0`]: 'Agreed',
      [`score-${bidIds['Birch Therapy']}-1`]: '4', [`rationale-${bidIds['Birch Therapy']}-1`]: 'Agreed',
    };
    expect((await chair.submit(`/panel/requirements/${requirementId}/moderation`, moderated)).status).toBe(303);
    const ranking = await chair.get(`/panel/requirements/${requirementId}/moderation`);
    const rows = ranking.$('table tbody tr').map((_, row) => ranking.$(row).find('td, th').map((__, cell) => ranking.$(cell).text().trim()).get().join(' | ')).get();
    // Birch: 950/1100 × 30 = 25.91 + 40 + 30 = 95.91. Alder: 30 + 30 + 15 = 75. Cedar: non-compliant.
    expect(rows).toEqual([
      '1 | Birch Therapy | £1,100.00 | 25.91 | 40.00 | 30.00 | 70.00 | 95.91',
      '2 | Alder Therapy | £950.00 | 30.00 | 30.00 | 15.00 | 45.00 | 75.00',
      'Non-compliant | Cedar Therapy | £1,300.00 | 0.00 | 0.00 | 0.00 | 0.00 | 0.00',
    ]);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action IN ('scores.submitted', 'scores.moderated', 'conflict.declared')`, [requirementId]);
    expect(n).toBe(6);
  });

  it('refuses panel pages to every other role', async () => {
    for (const email of [DEMO.commissioner, DEMO.provider, DEMO.frameworkManager]) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      expect((await visitor.get(`/panel/requirements/${requirementId}/scores`)).status).toBe(403);
    }
  });
});
