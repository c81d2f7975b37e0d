import { NoStandstillEndWithoutStandstill1796280948587 } from '../migrations/1796280948587-NoStandstillEndWithoutStandstill';
import { AwardsService } from '../src/awards/awards.service';
import { activeContract, ActiveContract, declareNoConflicts, meetingDateFields, quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { closedRequirementWithBids, dateFields } from './factories/competitions';
import { FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, Page, WebSession } from './support/web-session';

/**
 * Contracts and the decisions behind them, attacked as flows: the child's
 * details after the work ends (DESIGN.md §6), the quorum for each agenda item
 * (BR-9), awards on a route with no standstill (BR-11), a contract started
 * before its award, and the accessibility of the call-off and market pages.
 */

const CHILD_NAME = 'Jamie Smith';
const END_REPORT = {
  engagement: 'good',
  goalProgress: 'partly_met',
  summary: 'Four sessions of Theraplay.',
  nextSteps: 'Universal support',
  safeguardingConcern: 'no',
};

/** The provider sends the end report and ends the contract early, with the last session today. */
async function endEarly(contract: ActiveContract): Promise<void> {
  const base = `/provider/contracts/${contract.contractId}`;
  const report = await contract.provider.submit(`${base}/reports/end`, END_REPORT);
  if (report.status !== 303) throw new Error(`The end report failed with ${report.status}: ${report.errorSummary.map((error) => error.text).join('; ')}`);
  const ended = await contract.provider.submit(`${base}/ending`, {
    kind: 'unplanned',
    reason: 'family_disengaged',
    detail: 'The family stopped coming',
    ...dateFields('endedOn', 0),
  });
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

  it('shares nothing before the contract’s start date, though the commissioner has started it', async () => {
    const contract = await activeContract(testApp, { winner: 'Kestrel Way Therapy', startDays: 5 });
    expect((await sql(`SELECT status FROM contracts WHERE id = $1`, [contract.contractId]))[0].status).toBe('active');
    const early = await contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect(early.status).toBe(200);
    expect(early.html).not.toContain(CHILD_NAME);
    await sql(`UPDATE contracts SET starts_on = current_date WHERE id = $1`, [contract.contractId]);
    expect((await contract.provider.get(`/provider/contracts/${contract.contractId}`)).$('main').text()).toContain(CHILD_NAME);
  });

  it('hides them from a completed contract too', async () => {
    const contract = await activeContract(testApp, { winner: 'Juno Fields Therapy', startDays: 0 });
    await sql(`UPDATE contracts SET status = 'completed', ending_kind = 'planned', ending_reason = 'goals_met', ended_on = current_date WHERE id = $1`, [
      contract.contractId,
    ]);
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

describe('the quorum for each decision', () => {
  let testApp: TestApp;
  let chair: WebSession;
  let socialWorker: WebSession;
  let memberIds: string[];
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp();
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    socialWorker = new WebSession(testApp.server);
    await socialWorker.signIn('panel.social@kent.example');
    memberIds = (await sql(`SELECT id FROM panel_members`)).map((row: { id: string }) => row.id);
  });
  afterAll(() => testApp.close());

  async function meeting(days: number): Promise<string> {
    const created = await chair.submit('/panel/meetings', { ...meetingDateFields(days), attendeeMemberIds: memberIds });
    expect(created.status).toBe(303);
    return created.location!.split('/').pop()!;
  }

  /** Nothing was decided: no award, no contract, no audit event, the requirement still with the panel. */
  async function expectNothingDecided(requirementId: string) {
    expect(await sql(`SELECT 1 FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([]);
    expect(await sql(`SELECT 1 FROM contracts WHERE requirement_id = $1`, [requirementId])).toEqual([]);
    expect(await sql(`SELECT 1 FROM audit_events WHERE entity_id = $1 AND action LIKE 'award.%'`, [requirementId])).toEqual([]);
    expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('evaluating');
  }

  it('does not count an attendee who declared a conflict on the requirement', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Larkspur Therapy', '95']]);
    // The only social work manager is conflicted, so without them the meeting lacks one for this item.
    const declared = await socialWorker.submit(
      `/panel/requirements/${requirementId}`,
      { [`conflict-${providerIds['Larkspur Therapy']}`]: 'conflict', [`nature-${providerIds['Larkspur Therapy']}`]: 'I used to manage their director' },
      `/panel/requirements/${requirementId}/conflicts`,
    );
    expect(declared.status).toBe(303);
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    const meetingId = await meeting(0);

    const page = await chair.get(`/panel/meetings/${meetingId}`);
    expect(page.$('main').text()).toContain('Quorate');
    const item = page.$(`[data-agenda-item="${requirementId}"]`).text();
    expect(item).toContain('Not quorate for this item');
    expect(item).toContain('It needs a social work manager');

    const form = await chair.get(`/panel/requirements/${requirementId}/decision`);
    expect(form.$(`#meetingId option[value="${meetingId}"]`).text()).toMatch(/\(not quorate for this requirement\)$/);

    const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
    expect(decided.status).toBe(400);
    expect(decided.title).toMatch(/^Error: /);
    expect(decided.errorSummary).toHaveLength(1);
    expect(decided.errorSummary[0].href).toBe('#meetingId');
    expect(decided.errorSummary[0].text).toContain('not quorate for this requirement');
    expect(decided.errorSummary[0].text).toContain('1 attendee declared a conflict of interest');
    expect(decided.errorSummary[0].text).toContain('It needs a social work manager');
    await expectNothingDecided(requirementId);
  });

  it('refuses a decision at a meeting dated more than a day ahead, and accepts one dated today', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Marigold Therapy', '95']]);
    await declareNoConflicts(socialWorker, requirementId, providerIds);
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    const future = await chair.submit('/panel/meetings', {
      'meetingDate[day]': '1',
      'meetingDate[month]': '1',
      'meetingDate[year]': '2099',
      attendeeMemberIds: memberIds,
    });
    const futureId = future.location!.split('/').pop()!;
    for (const meetingId of [futureId, await meeting(2)]) {
      const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
      expect(decided.status).toBe(400);
      expect(decided.errorSummary.map((error) => [error.href, error.text])).toEqual([
        ['#meetingId', 'That meeting has not happened yet, so it cannot have decided. Choose the meeting where the panel decided'],
      ]);
      expect(decided.$('#meetingId').length).toBe(1);
      await expectNothingDecided(requirementId);
    }
    // Tomorrow is allowed, for a meeting recorded late in the evening against the London date.
    const tomorrow = await meeting(1);
    const form = await chair.get(`/panel/requirements/${requirementId}/decision`);
    expect(form.$(`#meetingId option[value="${futureId}"]`).text()).toBe('1 January 2099 (not yet held)');
    expect(form.$(`#meetingId option[value="${tomorrow}"]`).text()).not.toContain('(');
    const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId: tomorrow, outcome: 'awarded', rationale: 'Best value' });
    expect(decided.status).toBe(303);
    expect(await sql(`SELECT meeting_id FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([{ meeting_id: tomorrow }]);
  });
});

describe('an award on a route with no standstill', () => {
  let testApp: TestApp;
  let chair: WebSession;
  let meetingId: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    meetingId = await quorateMeeting(testApp, chair);
  });
  afterAll(() => testApp.close());

  async function awarded(winner: string, standstillDays: number) {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [[winner, '95']]);
    // A legacy DPS's standstill, when it has one, runs from the decision (on the Act's routes, from a contract award notice).
    await sql(`UPDATE frameworks SET route = 'legacy_dps', standstill_days = $2 FROM requirements r WHERE r.framework_id = frameworks.id AND r.id = $1`, [
      requirementId,
      standstillDays,
    ]);
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
    expect(decided.status).toBe(303);
    const [user] = await sql(`SELECT email FROM users WHERE provider_id = $1`, [providerIds[winner]]);
    const provider = new WebSession(testApp.server);
    await provider.signIn(user.email, FACTORY_PASSWORD);
    return { requirementId, email: user.email as string, provider };
  }

  const withdrawLinks = async (requirementId: string) => (await chair.get(`/panel/requirements/${requirementId}`)).$(`a[href$="/withdraw-award"]`).length;

  it('is final at once: no standstill date is kept, offered, emailed or shown to the winner', async () => {
    const { requirementId, email, provider } = await awarded('Nightingale Therapy', 0);
    expect(await sql(`SELECT status, standstill_ends_on FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([
      { status: 'confirmed', standstill_ends_on: null },
    ]);
    expect(await sql(`SELECT status FROM contracts WHERE requirement_id = $1`, [requirementId])).toEqual([{ status: 'pending' }]);

    const panelPage = await chair.get(`/panel/requirements/${requirementId}`);
    expect(panelPage.status).toBe(200);
    expect(await withdrawLinks(requirementId)).toBe(0);
    expect(panelPage.$('main').text()).not.toMatch(/standstill/i);
    const withdrawPage = await chair.get(`/panel/requirements/${requirementId}/withdraw-award`);
    expect(withdrawPage.status).toBe(409);
    expect(withdrawPage.$('main form textarea[name=reason]').length).toBe(0);

    const summary = await provider.get(`/provider/opportunities/${requirementId}/outcome`);
    expect(summary.status).toBe(200);
    expect(summary.$('main').text()).toContain('Your bid was successful');
    expect(summary.$('main').text()).not.toMatch(/standstill/i);

    await testApp.deliverEmails();
    const won = testApp.smtp!.to(email).filter((message) => message.subject === 'Your bid has been successful');
    expect(won).toHaveLength(1);
    expect(won[0].text).not.toMatch(/standstill/i);
    expect(won[0].html).not.toMatch(/standstill/i);
    const decidedEmails = testApp
      .smtp!.to(DEMO.commissioner)
      .filter((message) => message.subject === 'The panel has decided a requirement' && message.text.includes(requirementId));
    expect(decidedEmails).toHaveLength(1);
    expect(decidedEmails[0].text).not.toMatch(/standstill/i);
    expect(decidedEmails[0].html).not.toMatch(/standstill/i);
  });

  it('offers withdrawal only while a standstill runs, and not once the award is final', async () => {
    const { requirementId, provider } = await awarded('Oriole Therapy', 8);
    expect(await withdrawLinks(requirementId)).toBe(1);
    expect((await provider.get(`/provider/opportunities/${requirementId}/outcome`)).$('main').text()).toContain('The standstill period ends on');
    await sql(`UPDATE awards SET standstill_ends_on = current_date - 1 WHERE requirement_id = $1`, [requirementId]);
    expect(await testApp.app.get(AwardsService).confirmDue()).toBe(1);
    expect(await withdrawLinks(requirementId)).toBe(0);
    expect((await chair.get(`/panel/requirements/${requirementId}/withdraw-award`)).status).toBe(409);
    expect((await provider.get(`/provider/opportunities/${requirementId}/outcome`)).$('main').text()).not.toContain('The standstill period ends on');
  });

  it('clears the standstill end that earlier awards with none were given, and puts it back on down()', async () => {
    const { requirementId: none } = await awarded('Peony Therapy', 0);
    const { requirementId: held } = await awarded('Quince Therapy', 8);
    // As the portal used to record an award with no standstill: ending the day it was made.
    await sql(`UPDATE awards SET standstill_ends_on = (decided_at AT TIME ZONE 'Europe/London')::date WHERE requirement_id = $1`, [none]);
    const ends = async () =>
      Object.fromEntries(
        (await sql(`SELECT requirement_id, standstill_ends_on::text AS ends FROM awards WHERE requirement_id = ANY($1)`, [[none, held]])).map(
          (row: { requirement_id: string; ends: string | null }) => [row.requirement_id, row.ends],
        ),
      );
    const before = await ends();
    expect(before[none]).not.toBeNull();
    expect(before[held]! > before[none]!).toBe(true);
    const migration = new NoStandstillEndWithoutStandstill1796280948587();
    const runner = testApp.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      expect(await ends()).toEqual({ [none]: null, [held]: before[held] });
      await migration.down(runner);
      expect(await ends()).toEqual(before);
      await migration.up(runner);
      expect(await ends()).toEqual({ [none]: null, [held]: before[held] });
    } finally {
      await runner.release();
    }
  });
});

describe('a contract’s start date and its award', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp();
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('refuses a start date before the award date, keeping what was entered, and starts on the award date', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [['Rosebay Therapy', '95']]);
    const chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    const meetingId = await quorateMeeting(testApp, chair);
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    expect((await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' })).status).toBe(303);
    const [contract] = await sql(`SELECT id FROM contracts WHERE requirement_id = $1`, [requirementId]);
    const awardedOn = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    const start = (startDays: number) =>
      commissioner.submit(
        `/contracts/${contract.id}`,
        { outcomeTools: 'SDQ', reportIntervalWeeks: '6', ...dateFields('startsOn', startDays), ...dateFields('endsOn', 90) },
        `/contracts/${contract.id}/activate`,
      );

    const early = await start(-1);
    expect(early.status).toBe(400);
    expect(early.title).toMatch(/^Error: /);
    expect(early.errorSummary).toEqual([{ href: '#startsOn-day', text: `The start date must be on or after the award date, ${awardedOn}` }]);
    expect(early.fieldErrors.startsOn).toBe(`The start date must be on or after the award date, ${awardedOn}`);
    const yesterday = dateFields('startsOn', -1);
    expect([early.$('#startsOn-day').val(), early.$('#startsOn-month').val(), early.$('#startsOn-year').val()]).toEqual([
      yesterday['startsOn[day]'],
      yesterday['startsOn[month]'],
      yesterday['startsOn[year]'],
    ]);
    expect(await sql(`SELECT status, starts_on FROM contracts WHERE id = $1`, [contract.id])).toEqual([{ status: 'pending', starts_on: null }]);
    expect(await sql(`SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'contract.activated'`, [contract.id])).toEqual([]);

    expect((await start(0)).status).toBe(303);
    expect((await sql(`SELECT status FROM contracts WHERE id = $1`, [contract.id]))[0].status).toBe('active');
  });
});

/** Ids used more than once on the page, and labels whose `for` names no field or more than one. */
function idProblems(page: Page) {
  const ids = page
    .$('[id]')
    .map((_, element) => page.$(element).attr('id'))
    .get();
  const duplicates = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
  const labels = page
    .$('label[for]')
    .map((_, label) => page.$(label).attr('for'))
    .get()
    .filter((id) => page.$(`[id="${id}"]`).length !== 1);
  return { duplicates, labels };
}

describe('accessibility of the call-off form and the market report', () => {
  let testApp: TestApp;
  let commissioner: WebSession;

  beforeAll(async () => {
    testApp = await createTestApp();
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('gives every field on a block contract’s page its own id, so each label names its own field', async () => {
    const contract = await activeContract(testApp, {
      winner: 'Sweetbriar Therapy',
      rate: '30',
      startDays: 0,
      requirement: { title: 'Block of Theraplay sessions', purchaseType: 'block', blockVolume: 40, ceiling: '1,500' },
    });
    const path = `/contracts/${contract.contractId}`;
    const page = await commissioner.get(path);
    expect(page.status).toBe(200);
    expect(page.$('form[action$="/call-offs"]').length).toBe(1);
    expect(idProblems(page)).toEqual({ duplicates: [], labels: [] });
    const callOffField = page.$('form[action$="/call-offs"] input[name=childReference]');
    const fundingField = page.$('form[action$="/funding"] input[name=childReference]');
    expect(callOffField.attr('id')).not.toBe(fundingField.attr('id'));
    expect(
      page
        .$(`label[for="${callOffField.attr('id')}"]`)
        .closest('form')
        .attr('action'),
    ).toMatch(/\/call-offs$/);
    expect(
      page
        .$(`label[for="${fundingField.attr('id')}"]`)
        .closest('form')
        .attr('action'),
    ).toMatch(/\/funding$/);

    // A refused call-off links its error to the call-off field, not the funding form's.
    const refused = await commissioner.submit(
      path,
      {
        childReference: '',
        childName: 'Alex Example',
        'dateOfBirth[day]': '1',
        'dateOfBirth[month]': '6',
        'dateOfBirth[year]': '2016',
        ...dateFields('startsOn', 1),
        ...dateFields('endsOn', 30),
        units: '3',
      },
      `${path}/call-offs`,
    );
    expect(refused.status).toBe(400);
    expect(refused.errorSummary).toEqual([{ href: `#${callOffField.attr('id')}`, text: 'Enter the child’s case reference' }]);
    expect(idProblems(refused)).toEqual({ duplicates: [], labels: [] });
    expect(refused.$('form[action$="/call-offs"] .govuk-error-message').text()).toContain('Enter the child’s case reference');
    expect(refused.$('form[action$="/funding"] .govuk-error-message').length).toBe(0);
    expect(refused.$('form[action$="/call-offs"] input[name=units]').val()).toBe('3');
  });

  it('lets keyboard users reach every scrolling table on the market report, each named by its caption', async () => {
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const page = await manager.get('/insights/market');
    expect(page.status).toBe(200);
    const regions = page.$('.app-table-scroll');
    expect(regions.length).toBeGreaterThanOrEqual(2);
    regions.each((_, element) => {
      const region = page.$(element);
      expect([region.attr('role'), region.attr('tabindex')]).toEqual(['region', '0']);
      const labelledBy = region.attr('aria-labelledby')!;
      expect(labelledBy).toBeTruthy();
      const label = page.$(`[id="${labelledBy}"]`);
      expect(label.length).toBe(1);
      expect(label.is('caption')).toBe(true);
      expect(region.find(`caption[id="${labelledBy}"]`).length).toBe(1);
      expect(label.text().trim()).not.toBe('');
    });
    expect(idProblems(page).duplicates).toEqual([]);
  });
});
