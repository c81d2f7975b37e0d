import { AwardsService } from '../src/awards/awards.service';
import { agreedScores, declareNoConflicts, meetingDateFields, quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { closedRequirementWithBids, dateFields } from './factories/competitions';
import { createUser, FACTORY_PASSWORD } from './factories/users';
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
  let fourthMember: WebSession;
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
    // A fourth member, so three still score when one is conflicted.
    const [bexley] = await sql(`SELECT a.id, a.partnership_id FROM agencies a WHERE a.name = 'London Borough of Bexley'`);
    const fourth = await createUser(testApp.dataSource, {
      roles: ['panel_member'],
      agencyId: bexley.id,
      fullName: 'Pat Fourth',
      email: 'pat.fourth@bexley.example',
    });
    await sql(`INSERT INTO panel_members (user_id, partnership_id, agency_id, profession) VALUES ($1, $2, $3, 'social_work_manager')`, [
      fourth.id,
      bexley.partnership_id,
      bexley.id,
    ]);
    fourthMember = new WebSession(testApp.server);
    await fourthMember.signIn('pat.fourth@bexley.example', FACTORY_PASSWORD);
  });
  afterAll(() => testApp.close());

  const declareNone = (session: WebSession) => declareNoConflicts(session, requirementId, providerIds);

  it('shows bidder names only until a member declares, and refuses an incomplete declaration', async () => {
    const queue = await chair.get('/panel/requirements');
    expect(queue.$('main').text()).toContain('Declare conflicts');
    const page = await chair.get(`/panel/requirements/${requirementId}`);
    expect(page.$('main').text()).toContain('Alder Therapy');
    expect(page.html).not.toContain('Alder Therapy answer one');
    expect(page.html).not.toContain('£950');
    expect((await chair.get(`/panel/requirements/${requirementId}/scores`)).status).toBe(409);
    const incomplete = await chair.submit(
      `/panel/requirements/${requirementId}`,
      { [`conflict-${providerIds['Alder Therapy']}`]: 'conflict' },
      `/panel/requirements/${requirementId}/conflicts`,
    );
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
      {
        ...Object.fromEntries(Object.values(providerIds).map((id) => [`conflict-${id}`, 'none'])),
        [`conflict-${providerIds['Birch Therapy']}`]: 'conflict',
        [`nature-${providerIds['Birch Therapy']}`]: 'My sister works for Birch Therapy',
      },
      `/panel/requirements/${requirementId}/conflicts`,
    );
    expect(declared.status).toBe(303);
    for (const path of [`/panel/requirements/${requirementId}/scores`, `/panel/requirements/${requirementId}/moderation`]) {
      const page = await socialWorker.get(path);
      expect([403, 404]).toContain(page.status);
      expect(page.html).not.toContain('answer one');
    }
    const csrf = (await socialWorker.get('/panel/requirements')).$('meta[name=csrf-token]').attr('content')!;
    const forced = await socialWorker.post(`/panel/requirements/${requirementId}/scores`, {
      _csrf: csrf,
      [`score-${bidIds['Alder Therapy']}-0`]: '4',
      [`comment-${bidIds['Alder Therapy']}-0`]: 'x',
      intent: 'submit',
    });
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

    expect(
      (
        await psychologist.submit(`/panel/requirements/${requirementId}/scores`, {
          ...scoresFor({ 'Alder Therapy': [0, 2], 'Birch Therapy': [4, 3] }),
          intent: 'submit',
        })
      ).status,
    ).toBe(303);
    const chairBefore = await chair.get(`/panel/requirements/${requirementId}/scores`);
    expect(chairBefore.html).not.toContain('Birch Therapy second comment');
    expect(
      (
        await chair.submit(`/panel/requirements/${requirementId}/scores`, {
          ...scoresFor({ 'Alder Therapy': [3, 2], 'Birch Therapy': [4, 4] }),
          intent: 'submit',
        })
      ).status,
    ).toBe(303);
    await declareNone(fourthMember);
    expect(
      (
        await fourthMember.submit(`/panel/requirements/${requirementId}/scores`, {
          ...scoresFor({ 'Alder Therapy': [3, 3], 'Birch Therapy': [4, 4] }),
          intent: 'submit',
        })
      ).status,
    ).toBe(303);
    const chairAfter = await chair.get(`/panel/requirements/${requirementId}/scores`);
    expect(chairAfter.$('main').text()).toContain('Dr Ravi Mehta: 3. Birch Therapy second comment');
    const changed = await chair.submit(`/panel/requirements/${requirementId}/scores`, {
      ...scoresFor({ 'Alder Therapy': [0, 0], 'Birch Therapy': [0, 0] }),
      intent: 'submit',
    });
    expect(changed.status).toBe(409);
  });

  it('lets only the chair moderate, highlights outliers, and ranks by BR-8 with every number shown', async () => {
    expect((await psychologist.get(`/panel/requirements/${requirementId}/moderation`)).status).toBe(403);
    const page = await chair.get(`/panel/requirements/${requirementId}/moderation`);
    expect(page.status).toBe(200);
    // Alder question 1 was scored 0, 3 and 3: the 0 is 3 points from the median of 3, so it is marked for discussion.
    expect(page.$('.govuk-tag--orange').length).toBe(1);
    const missing = await chair.submit(`/panel/requirements/${requirementId}/moderation`, {});
    expect(missing.errorSummary).toHaveLength(8);
    const moderated = {
      [`score-${bidIds['Alder Therapy']}-0`]: '3',
      [`rationale-${bidIds['Alder Therapy']}-0`]: 'Agreed after discussion',
      [`score-${bidIds['Alder Therapy']}-1`]: '2',
      [`rationale-${bidIds['Alder Therapy']}-1`]: 'Agreed',
      [`score-${bidIds['Birch Therapy']}-0`]: '4',
      [`rationale-${bidIds['Birch Therapy']}-0`]: 'Agreed',
      [`score-${bidIds['Birch Therapy']}-1`]: '4',
      [`rationale-${bidIds['Birch Therapy']}-1`]: 'Agreed',
    };
    expect((await chair.submit(`/panel/requirements/${requirementId}/moderation`, moderated)).status).toBe(303);
    const ranking = await chair.get(`/panel/requirements/${requirementId}/moderation`);
    const rows = ranking
      .$('table tbody tr')
      .map((_, row) =>
        ranking
          .$(row)
          .find('td, th')
          .map((__, cell) => ranking.$(cell).text().trim())
          .get()
          .join(' | '),
      )
      .get();
    // Birch: 950/1100 × 30 = 25.91 + 40 + 30 = 95.91. Alder: 30 + 30 + 15 = 75. Cedar: non-compliant.
    expect(rows).toEqual([
      '1 | Birch Therapy | £1,100.00 | 25.91 | 40.00 | 30.00 | 70.00 | 95.91',
      '2 | Alder Therapy | £950.00 | 30.00 | 30.00 | 15.00 | 45.00 | 75.00',
      'Non-compliant | Cedar Therapy | £1,300.00 | 0.00 | 0.00 | 0.00 | 0.00 | 0.00',
    ]);
    const [{ n }] = await sql(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action IN ('scores.submitted', 'scores.moderated', 'conflict.declared')`,
      [requirementId],
    );
    expect(n).toBe(8); // four declarations, three score submissions, one moderation
  });

  it('awards at a quorate meeting while the conflicted member stays excluded', async () => {
    const members = (await sql(`SELECT id FROM panel_members`)).map((row: { id: string }) => row.id);
    const meeting = await chair.submit('/panel/meetings', { ...meetingDateFields(0), attendeeMemberIds: members });
    const meetingId = meeting.location!.split('/').pop()!;
    expect((await socialWorker.get(`/panel/requirements/${requirementId}/decision`)).status).toBe(403);
    const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Highest quality' });
    expect(decided.status).toBe(303);
    expect((await sql(`SELECT bid_id FROM awards WHERE requirement_id = $1`, [requirementId]))[0].bid_id).toBe(bidIds['Birch Therapy']);
    // Scores are final once the panel has decided.
    expect((await chair.submit(`/panel/requirements/${requirementId}/moderation`, {})).status).toBe(409);
    expect((await psychologist.submit(`/panel/requirements/${requirementId}/scores`, { intent: 'submit' })).status).toBe(409);
  });

  it('refuses panel pages to every other role', async () => {
    for (const email of [DEMO.commissioner, DEMO.provider, DEMO.frameworkManager]) {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      expect((await visitor.get(`/panel/requirements/${requirementId}/scores`)).status).toBe(403);
    }
  });
});

describe('the panel decides at a quorate meeting, and every bidder gets an assessment summary', () => {
  let testApp: TestApp;
  let requirementId: string;
  let bidIds: Record<string, string>;
  let providerIds: Record<string, string>;
  let chair: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    ({ requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [
      ['Alder Therapy', '95'],
      ['Birch Therapy', '110'],
    ]));
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    await declareNoConflicts(chair, requirementId, providerIds);
    const scores = { 'Alder Therapy': [3, 2], 'Birch Therapy': [4, 4] } as Record<string, [number, number]>;
    await chair.submit(`/panel/requirements/${requirementId}/scores`, { ...agreedScores(bidIds, 'comment', scores), intent: 'submit' });
    expect((await chair.submit(`/panel/requirements/${requirementId}/moderation`, agreedScores(bidIds, 'rationale', scores))).status).toBe(303);
  });
  afterAll(() => testApp.close());

  const memberIds = async () =>
    Object.fromEntries(
      (await sql(`SELECT m.id, u.email FROM panel_members m JOIN users u ON u.id = m.user_id`)).map((row: { id: string; email: string }) => [
        row.email,
        row.id,
      ]),
    );

  it('records meetings, says why one is not quorate, and keeps minutes and a learning log with a CSV export', async () => {
    const ids = await memberIds();
    const empty = await chair.submit('/panel/meetings', {});
    expect(empty.errorSummary.map((error) => error.text)).toEqual(['Enter the date of the meeting', 'Select the members who attended']);
    const thin = await chair.submit('/panel/meetings', {
      'meetingDate[day]': '1',
      'meetingDate[month]': '12',
      'meetingDate[year]': '2026',
      attendeeMemberIds: ids['panel.member@medway.example'],
    });
    const thinPage = await chair.follow(thin.location!);
    expect(thinPage.$('main').text()).toContain('This meeting is not quorate');
    expect(thinPage.$('main').text()).toContain('It needs at least 3 members; 1 attended');
    expect(thinPage.$('main').text()).toContain('It needs a social work manager');

    const full = await chair.submit('/panel/meetings', { ...meetingDateFields(0), attendeeMemberIds: Object.values(ids) });
    const meetingId = full.location!.split('/').pop()!;
    const page = await chair.get(`/panel/meetings/${meetingId}`);
    expect(page.$('main').text()).toContain('Quorate');
    expect(page.$('main').text()).toContain('Theraplay for a child aged 8 to 10'); // on the agenda
    expect((await chair.submit(`/panel/meetings/${meetingId}`, { minutes: 'Discussed one requirement.' }, `/panel/meetings/${meetingId}/minutes`)).status).toBe(
      303,
    );
    // Minutes print cleanly: the print stylesheet hides the header, navigation and forms.
    expect(page.$('link[media=print]').attr('href')).toBe('/app-assets/print.css');
    const printCss = await chair.agent.get('/app-assets/print.css');
    expect(printCss.status).toBe(200);
    expect(printCss.text).toContain('@media print');
    const badLearning = await chair.submit(`/panel/meetings/${meetingId}`, { theme: 'Waiting times' }, `/panel/meetings/${meetingId}/learning`);
    expect(badLearning.errorSummary.map((error) => error.text)).toEqual(['Enter what was learned', 'Enter the action', 'Enter who owns the action']);
    await chair.submit(
      `/panel/meetings/${meetingId}`,
      { theme: 'Waiting times', learned: 'Few Theraplay providers cover Dover', action: '=Invite more providers', owner: 'Framework manager' },
      `/panel/meetings/${meetingId}/learning`,
    );
    const csv = await chair.agent.get('/panel/meetings/learning-log.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(
      `${new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' })},Waiting times,Few Theraplay providers cover Dover,'=Invite more providers,Framework manager`,
    );
  });

  it('refuses a decision at a meeting that is not quorate, or by a member who is not the chair', async () => {
    const [thin] = await sql(`SELECT id FROM panel_meetings WHERE cardinality(attendee_member_ids) = 1`);
    const refused = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId: thin.id, outcome: 'awarded', rationale: 'Best value' });
    expect(refused.status).toBe(400);
    expect(refused.errorSummary[0].text).toMatch(/^That meeting was not quorate for this requirement, so it cannot decide it/);
    const psychologist = new WebSession(testApp.server);
    await psychologist.signIn(PSYCHOLOGIST);
    expect((await psychologist.get(`/panel/requirements/${requirementId}/decision`)).status).toBe(403);
    expect(await sql(`SELECT 1 FROM awards`)).toEqual([]);
  });

  it('awards to the top-ranked bid exactly once, even when two attempts race', async () => {
    const [full] = await sql(`SELECT id FROM panel_meetings WHERE cardinality(attendee_member_ids) = 3`);
    const csrf = (await chair.get(`/panel/requirements/${requirementId}/decision`)).$('input[name=_csrf]').val() as string;
    const attempts = await Promise.all(
      [1, 2].map(() =>
        chair.post(`/panel/requirements/${requirementId}/decision`, {
          _csrf: csrf,
          meetingId: full.id,
          outcome: 'awarded',
          rationale: 'Highest quality at a fair price',
        }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([303, 409]);
    const awards = await sql(`SELECT bid_id, status, standstill_ends_on FROM awards`);
    expect(awards).toHaveLength(1);
    expect(awards[0].bid_id).toBe(bidIds['Birch Therapy']);
    // A light-touch spot contract needs no standstill (PA 2023 s.51), so the award is confirmed at once.
    expect(awards[0].status).toBe('confirmed');
    expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('awarded');
    const scoresLocked = await chair.submit(`/panel/requirements/${requirementId}/moderation`, {});
    expect(scoresLocked.status).toBe(409);
    expect((await sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'award.made'`, [requirementId]))[0].n).toBe(1);
  });

  it('does not rank a bid below the minimum quality score, however cheap, nor let its price set the lowest total (BR-8)', async () => {
    const {
      requirementId: id,
      bidIds: bids,
      providerIds: providers,
    } = await closedRequirementWithBids(testApp, [
      ['Poor Cheap Ltd', '50'],
      ['Sound Value Ltd', '100'],
    ]);
    await sql(`UPDATE requirements SET minimum_quality_percent = 50 WHERE id = $1`, [id]);
    await declareNoConflicts(chair, id, providers);
    // 70 quality marks; 50% is 35. Sound Value scores exactly 35, Poor Cheap 0.
    const scores: Record<string, [number, number]> = { 'Poor Cheap Ltd': [0, 0], 'Sound Value Ltd': [2, 2] };
    await chair.submit(`/panel/requirements/${id}/scores`, { ...agreedScores(bids, 'comment', scores), intent: 'submit' });
    expect((await chair.submit(`/panel/requirements/${id}/moderation`, agreedScores(bids, 'rationale', scores))).status).toBe(303);
    const page = await chair.get(`/panel/requirements/${id}/moderation`);
    const rows = page
      .$('table')
      .first()
      .find('tbody tr')
      .map((_, row) => page.$(row).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(rows[0]).toMatch(/^1 Sound Value Ltd £1,000\.00 30\.00 /);
    expect(rows[1]).toMatch(/^Below the minimum quality Poor Cheap Ltd £500\.00 0\.00 /);
    expect(page.$('main').text()).toContain('A bid with less than 35.00 quality points (50% of the quality marks) is not ranked');
    expect((await chair.get(`/panel/requirements/${id}/decision`)).$('main').text()).toContain('The highest-ranked bid under BR-8 is Sound Value Ltd');
  });

  it('holds the award until the chair records the panel’s view of an abnormally low price, and a rejected price unranks the bid', async () => {
    const {
      requirementId: id,
      bidIds: bids,
      providerIds: providers,
    } = await closedRequirementWithBids(testApp, [
      ['Too Cheap Ltd', '40'],
      ['Fair Price Ltd', '100'],
      ['Steady Price Ltd', '110'],
    ]);
    await scoreAndModerateAllThrees(chair, id, bids, providers);
    const moderation = await chair.get(`/panel/requirements/${id}/moderation`);
    // £400 against a median of £1,000: more than 25% below.
    const flag = moderation.$('main a').filter((_, link) => moderation.$(link).text().startsWith('Too Cheap Ltd'));
    expect(flag.attr('href')).toBe(`/panel/requirements/${id}/price-reviews/${bids['Too Cheap Ltd']}`);
    expect(moderation.$('main').text()).toContain('not yet reviewed');
    const [full] = await sql(`SELECT id FROM panel_meetings WHERE cardinality(attendee_member_ids) >= 3 AND meeting_date <= current_date`);
    const meetingId = full?.id ?? (await quorateMeeting(testApp, chair));
    const held = await chair.submit(`/panel/requirements/${id}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
    expect(held.status).toBe(400);
    expect(held.errorSummary.map((error) => error.text)).toEqual(['Record the panel’s view of the abnormally low price from Too Cheap Ltd before awarding']);
    expect(await sql(`SELECT id FROM awards WHERE requirement_id = $1`, [id])).toEqual([]);

    const reviewPath = `/panel/requirements/${id}/price-reviews/${bids['Too Cheap Ltd']}`;
    const review = await chair.get(reviewPath);
    expect(review.$('main').text()).toContain('£1,000.00');
    const member = new WebSession(testApp.server);
    await member.signIn(PSYCHOLOGIST);
    expect((await member.get(reviewPath)).status).toBe(403);
    expect((await chair.get(`/panel/requirements/${id}/price-reviews/${bids['Fair Price Ltd']}`)).status).toBe(404);
    const empty = await chair.submit(reviewPath, {});
    expect(empty.status).toBe(400);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Select whether the panel accepts the price',
      'Enter the reasons, including what the provider said about its price',
    ]);
    expect((await chair.submit(reviewPath, { decision: 'rejected', reason: 'Could not explain how one session costs £4' })).status).toBe(303);
    const after = await chair.get(`/panel/requirements/${id}/moderation`);
    const rows = after
      .$('table')
      .first()
      .find('tbody tr')
      .map((_, row) => after.$(row).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(rows.find((row) => row.includes('Too Cheap Ltd'))).toMatch(/^Non-compliant Too Cheap Ltd/);
    expect(rows[0]).toMatch(/^1 Fair Price Ltd/);
    const [event] = await sql(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'requirement.price_reviewed'`, [id]);
    expect(event.after).toEqual({ bidId: bids['Too Cheap Ltd'], decision: 'rejected' });
  });

  it('gives the losing bidder its own summary beside the winner’s scores, naming no other bidder', async () => {
    const [alder] = await sql(`SELECT u.email FROM users u WHERE u.provider_id = $1`, [providerIds['Alder Therapy']]);
    const loser = new WebSession(testApp.server);
    await loser.signIn(alder.email, 'factory password 2026');
    const summary = await loser.get(`/provider/opportunities/${requirementId}/outcome`);
    expect(summary.status).toBe(200);
    const text = summary.$('main').text();
    expect(text).toContain('Your bid was not successful.');
    expect(text).toContain('Highest quality at a fair price');
    expect(text).toContain('2 of 2');
    expect(summary.$('tbody tr').first().text()).toContain('3 of 4 (30.00 points)');
    expect(summary.$('tbody tr').first().text()).toContain('4 of 4 (40.00 points)');
    expect(summary.html).not.toContain('Birch');
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(alder.email).map((email) => email.subject)).toContain('The outcome of your bid and your assessment summary');
    const [birch] = await sql(`SELECT u.email FROM users u WHERE u.provider_id = $1`, [providerIds['Birch Therapy']]);
    expect(testApp.smtp!.to(birch.email).map((email) => email.subject)).toContain('Your bid has been successful');
    expect(testApp.smtp!.to(DEMO.commissioner).map((email) => email.subject)).toContain('The panel has decided a requirement');
    // Another provider has no summary for a requirement it did not bid for.
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(DEMO.provider);
    expect((await outsider.get(`/provider/opportunities/${requirementId}/outcome`)).status).toBe(404);
  });
});

describe('contracts from awards: spot activation with outcome tools, and call-offs against a block', () => {
  let testApp: TestApp;
  let chair: WebSession;
  let commissioner: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const members = (await sql(`SELECT id FROM panel_members`)).map((row: { id: string }) => row.id);
    await chair.submit('/panel/meetings', { ...meetingDateFields(0), attendeeMemberIds: members });
  });
  afterAll(() => testApp.close());

  /** Scores and moderates everything 3, and awards at the quorate meeting. */
  async function award(requirementId: string, bidIds: Record<string, string>, providerIds: Record<string, string>) {
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    const [meeting] = await sql(`SELECT id FROM panel_meetings LIMIT 1`);
    const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId: meeting.id, outcome: 'awarded', rationale: 'Best value' });
    expect(decided.status).toBe(303);
    const [contract] = await sql(`SELECT id, status, kind FROM contracts WHERE requirement_id = $1`, [requirementId]);
    return contract as { id: string; status: string; kind: string };
  }

  it('starts a spot contract only with an outcome tool, and only then shows the provider the child’s details', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Spot Winner Ltd', '95']]);
    const contract = await award(requirementId, bidIds, providerIds);
    expect(contract).toMatchObject({ status: 'pending', kind: 'spot' });
    const [winner] = await sql(`SELECT email FROM users WHERE provider_id = $1`, [providerIds['Spot Winner Ltd']]);
    const provider = new WebSession(testApp.server);
    await provider.signIn(winner.email, 'factory password 2026');
    const before = await provider.get(`/provider/contracts/${contract.id}`);
    expect(before.status).toBe(200);
    expect(before.html).not.toContain('Jamie Smith');

    const noTool = await commissioner.submit(
      `/contracts/${contract.id}`,
      { reportIntervalWeeks: '6', ...dateFields('startsOn', 5), ...dateFields('endsOn', 90) },
      `/contracts/${contract.id}/activate`,
    );
    expect(noTool.errorSummary.map((error) => error.text)).toEqual(['Select at least one outcome tool']);
    const backwards = await commissioner.submit(
      `/contracts/${contract.id}`,
      { outcomeTools: 'SDQ', reportIntervalWeeks: '6', ...dateFields('startsOn', 90), ...dateFields('endsOn', 5) },
      `/contracts/${contract.id}/activate`,
    );
    expect(backwards.errorSummary.map((error) => error.text)).toEqual(['The end date must be after the start date']);
    expect((await sql(`SELECT status FROM contracts WHERE id = $1`, [contract.id]))[0].status).toBe('pending');
    expect(
      (
        await commissioner.submit(
          `/contracts/${contract.id}`,
          { outcomeTools: ['SDQ', 'GBO'], reportIntervalWeeks: '6', ...dateFields('startsOn', 5), ...dateFields('endsOn', 90) },
          `/contracts/${contract.id}/activate`,
        )
      ).status,
    ).toBe(303);
    // Started, but the work begins in 5 days: nothing is shared until then.
    expect((await provider.get(`/provider/contracts/${contract.id}`)).html).not.toContain('Jamie Smith');
    await sql(`UPDATE contracts SET starts_on = current_date WHERE id = $1`, [contract.id]);

    const after = await provider.get(`/provider/contracts/${contract.id}`);
    expect(after.$('main').text()).toContain('Jamie Smith');
    // Only for its own contract: another provider gets a 404.
    const other = new WebSession(testApp.server);
    await other.signIn(DEMO.provider);
    expect((await other.get(`/provider/contracts/${contract.id}`)).status).toBe(404);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(winner.email).map((email) => email.subject)).toContain('A contract has started');
    expect(testApp.smtp!.to(DEMO.commissioner).map((email) => email.subject)).toContain('A contract has started');
    expect(after.html).not.toContain('ASGSF'); // funding is the agency's business
    const agencyView = await commissioner.get(`/contracts/${contract.id}`);
    // Issue 18: £950 exempt from VAT is below every notice threshold, so no notice is due.
    expect(agencyView.$('#notices').next().text()).toContain('No notice is required for this contract');
    expect(agencyView.$('main').text()).toContain('85121270');

    // ASGSF applications, checked against the £3,000 fair access limit across the child's applications that year (BR-15).
    const fund = (fields: Record<string, string>) => commissioner.submit(`/contracts/${contract.id}`, fields, `/contracts/${contract.id}/funding`);
    const facts = {
      childReference: 'KCC-12345',
      partnershipChildReference: 'KCC-12345',
      legalOrder: 'adopted',
      previouslyLookedAfter: 'yes',
      livesInEngland: 'yes',
      ehcPlan: 'no',
      ...dateFields('packageStartsOn', 5),
      ...dateFields('packageEndsOn', 60),
      assessment: '0',
      topUp: '0',
    };
    const invalid = await fund({ childReference: 'KCC-12345', therapy: '-5', topUp: '' });
    expect(invalid.errorSummary.map((error) => error.text)).toEqual([
      'Enter the partnership’s reference for the child',
      'Select the child’s legal status',
      'Select whether the child was looked after before the order',
      'Select whether the child lives in England',
      'Select whether the child has an education, health and care plan',
      'Enter the date the package starts',
      'Enter the date the package ends',
      'Enter the therapy amount in pounds, like £2,000',
      'Enter the specialist assessment amount, or 0',
      'Enter the agency top-up, or 0',
    ]);
    const within = await fund({ ...facts, therapy: '2,500' });
    expect((await commissioner.follow(within.location!)).$('.govuk-notification-banner').text()).toContain('It is within the fair access limit.');
    const over = await fund({ ...facts, therapy: '1,000', topUp: '200' });
    expect((await commissioner.follow(over.location!)).$('.govuk-notification-banner').text()).toContain(
      '£500.00 is above it: agency-funded, and for the panel to decide.',
    );
    const [meeting] = await sql(`SELECT id FROM panel_meetings LIMIT 1`);
    // On the panel's agenda once submitted to the fund, until the fund decides.
    const [record] = await sql(`SELECT id FROM funding_records WHERE excess_pence = 50000`);
    const recordPage = `/contracts/${contract.id}/funding/${record.id}`;
    expect((await commissioner.submit(recordPage, { asgsfReference: 'ASGSF-2', ...dateFields('submittedOn', 0) }, `${recordPage}/submit`)).status).toBe(303);
    expect((await chair.get(`/panel/meetings/${meeting.id}`)).$('main').text()).toContain('ASGSF ASGSF-2, £500.00 above the limit');
    expect((await commissioner.submit(recordPage, { outcome: 'approve' }, `${recordPage}/decision`)).status).toBe(303);
    expect((await chair.get(`/panel/meetings/${meeting.id}`)).$('main').text()).not.toContain('ASGSF-2');
  });

  it('takes three call-offs from a block of 40 sessions, warns at 80% and refuses beyond the volume', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Block Winner Ltd', '30']], {
      title: 'Block of Theraplay sessions',
      purchaseType: 'block',
      blockVolume: 40,
      ceiling: '1,500',
    });
    const contract = await award(requirementId, bidIds, providerIds);
    expect(contract.kind).toBe('block');
    const child = (reference: string) => ({
      childReference: reference,
      childName: `Child ${reference}`,
      'dateOfBirth[day]': '1',
      'dateOfBirth[month]': '6',
      'dateOfBirth[year]': '2016',
      ...dateFields('startsOn', 5),
      ...dateFields('endsOn', 100),
    });
    const early = await commissioner.submit(`/contracts/${contract.id}`, { ...child('KCC-1'), units: '5' }, `/contracts/${contract.id}/call-offs`);
    expect(early.status).toBe(409);
    await commissioner.submit(
      `/contracts/${contract.id}`,
      { outcomeTools: 'GBO', reportIntervalWeeks: '6', ...dateFields('startsOn', 5), ...dateFields('endsOn', 365) },
      `/contracts/${contract.id}/activate`,
    );

    const bad = await commissioner.submit(`/contracts/${contract.id}`, { ...child(''), units: '0' }, `/contracts/${contract.id}/call-offs`);
    expect(bad.errorSummary.map((error) => error.text)).toEqual(['Enter the child’s case reference', 'Enter the number to call off, 1 or more']);
    for (const [reference, units] of [
      ['KCC-1', '12'],
      ['KCC-2', '12'],
      ['KCC-3', '10'],
    ]) {
      expect((await commissioner.submit(`/contracts/${contract.id}`, { ...child(reference), units }, `/contracts/${contract.id}/call-offs`)).status).toBe(303);
    }
    const page = await commissioner.get(`/contracts/${contract.id}`);
    expect(page.$('main').text()).toContain('6 of 40 sessions left.');
    const tooMany = await commissioner.submit(`/contracts/${contract.id}`, { ...child('KCC-4'), units: '7' }, `/contracts/${contract.id}/call-offs`);
    expect(tooMany.errorSummary.map((error) => error.text)).toEqual(['Only 6 sessions remain in this block, so 7 cannot be called off']);
    expect((await sql(`SELECT sum(units)::int AS used FROM call_offs WHERE contract_id = $1`, [contract.id]))[0].used).toBe(34);
    await testApp.deliverEmails();
    expect(testApp.smtp!.to(DEMO.commissioner).filter((email) => email.subject === 'A block contract is running low')).toHaveLength(1);
    expect((await sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'contract.called_off'`, [contract.id]))[0].n).toBe(3);

    // Issue 19: ASGSF funding on a block is per call-off, each child with their own limit, never the whole block on one child.
    const fund = (reference: string, therapy: string) =>
      commissioner.submit(
        `/contracts/${contract.id}`,
        {
          childReference: reference,
          partnershipChildReference: `APSE-${reference}`,
          legalOrder: 'special_guardianship_order',
          previouslyLookedAfter: 'yes',
          livesInEngland: 'yes',
          ehcPlan: 'no',
          ...dateFields('packageStartsOn', 5),
          ...dateFields('packageEndsOn', 100),
          therapy,
          assessment: '0',
          topUp: '0',
        },
        `/contracts/${contract.id}/funding`,
      );
    expect((await fund('KCC-1', '3,000')).status).toBe(303);
    expect((await fund('KCC-2', '3,000')).status).toBe(303);
    const notCalledOff = await fund('KCC-9', '100');
    expect(notCalledOff.errorSummary).toEqual([
      { text: 'Enter the case reference of a referral called off against this block', href: '#fundingChildReference' },
    ]);
    const beyondCallOff = await commissioner.submit(
      `/contracts/${contract.id}`,
      {
        childReference: 'KCC-3',
        partnershipChildReference: 'APSE-KCC-3',
        legalOrder: 'adopted',
        previouslyLookedAfter: 'yes',
        livesInEngland: 'yes',
        ehcPlan: 'no',
        ...dateFields('packageStartsOn', 5),
        ...dateFields('packageEndsOn', 101),
        therapy: '100',
        assessment: '0',
        topUp: '0',
      },
      `/contracts/${contract.id}/funding`,
    );
    expect(beyondCallOff.errorSummary.map((error) => error.href)).toEqual(['#packageEndsOn-day']);
    const lines = await sql(
      `SELECT f.excess_pence, o.child_reference FROM funding_records f JOIN call_offs o ON o.id = f.call_off_id WHERE f.contract_id = $1 ORDER BY o.child_reference`,
      [contract.id],
    );
    expect(lines).toEqual([
      { excess_pence: 0, child_reference: 'KCC-1' },
      { excess_pence: 0, child_reference: 'KCC-2' },
    ]);
  });
});

describe('the standstill (BR-11)', () => {
  let testApp: TestApp;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
  });
  afterAll(() => testApp.close());

  it('holds the contract until the standstill ends, and lets the chair withdraw the award during it', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Standstill Ltd', '95']]);
    // A legacy DPS's voluntary standstill runs from the decision (on the Act's routes it runs from a contract award notice).
    await sql(`UPDATE frameworks SET route = 'legacy_dps', standstill_days = 8 FROM requirements r WHERE r.framework_id = frameworks.id AND r.id = $1`, [
      requirementId,
    ]);
    const chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    const members = (await sql(`SELECT id FROM panel_members`)).map((row: { id: string }) => row.id);
    const meeting = await chair.submit('/panel/meetings', { ...meetingDateFields(0), attendeeMemberIds: members });
    const meetingId = meeting.location!.split('/').pop()!;
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    const decide = () => chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Good value' });

    const first = await decide();
    expect(first.status).toBe(303);
    const [award] = await sql(`SELECT status, standstill_ends_on FROM awards WHERE requirement_id = $1`, [requirementId]);
    expect(award.status).toBe('standstill');
    expect(await sql(`SELECT 1 FROM contracts`)).toEqual([]);
    const empty = await chair.submit(`/panel/requirements/${requirementId}/withdraw-award`, {});
    expect(empty.errorSummary.map((error) => error.text)).toEqual(['Enter the reason for withdrawing the award']);
    expect((await chair.submit(`/panel/requirements/${requirementId}/withdraw-award`, { reason: 'A challenge was upheld' })).status).toBe(303);
    expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('evaluating');
    await testApp.deliverEmails();
    const [bidder] = await sql(`SELECT email FROM users WHERE provider_id = $1`, [providerIds['Standstill Ltd']]);
    const toBidder = testApp.smtp!.to(bidder.email).filter((email) => email.subject === 'An award has been withdrawn and will be decided again');
    expect(toBidder).toHaveLength(1);
    expect(toBidder[0].text).not.toContain('A challenge was upheld');
    expect(testApp.smtp!.to(DEMO.commissioner).find((email) => email.subject === 'An award has been withdrawn and will be decided again')?.text).toContain(
      'A challenge was upheld',
    );

    expect((await decide()).status).toBe(303);
    const awards = testApp.app.get(AwardsService);
    expect(await awards.confirmDue()).toBe(0); // the standstill has not ended
    await sql(`UPDATE awards SET standstill_ends_on = current_date - 1 WHERE status = 'standstill'`);
    expect(await awards.confirmDue()).toBe(1);
    expect(await sql(`SELECT status FROM contracts`)).toEqual([{ status: 'pending' }]);
    expect((await sql(`SELECT status FROM bids WHERE id = $1`, [bidIds['Standstill Ltd']]))[0].status).toBe('successful');
  });
});

describe('panel membership, kept by the system admin', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('adds a person with the panel role, with their profession, and stands a member down', async () => {
    const admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
    const page = await admin.get('/admin/panel');
    expect(page.$('tbody tr')).toHaveLength(3);
    const empty = await admin.submit('/admin/panel', {});
    expect(empty.errorSummary.map((error) => error.text)).toEqual(['Select the person to add to the panel', 'Select their profession']);
    const [kent] = await testApp.dataSource.query(`SELECT id FROM agencies WHERE name = 'Kent County Council'`);
    const [user] = await testApp.dataSource.query(
      `INSERT INTO users (email, full_name, roles, agency_id, status, password_hash) VALUES ('new.panel@kent.example', 'Sam New', ARRAY['panel_member'], $1, 'active', 'x') RETURNING id`,
      [kent.id],
    );
    expect((await admin.submit('/admin/panel', { userId: user.id, profession: 'social_work_manager' })).status).toBe(303);
    const again = await admin.submit('/admin/panel', { userId: user.id, profession: 'social_work_manager' });
    expect(again.errorSummary.map((error) => error.text)).toEqual(['Sam New is already on the panel']);
    const [member] = await testApp.dataSource.query(`SELECT id FROM panel_members WHERE user_id = $1`, [user.id]);
    expect((await admin.submit('/admin/panel', {}, `/admin/panel/${member.id}/stand-down`)).status).toBe(303);
    expect((await testApp.dataSource.query(`SELECT active FROM panel_members WHERE id = $1`, [member.id]))[0].active).toBe(false);
    expect((await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'panel_member.%'`))[0].n).toBe(2);
  });
});
