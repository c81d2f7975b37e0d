/**
 * Issue 18: contracts carry their own legal facts. The standstill is the
 * contract's (PA 2023 s.51), starting with the contract award notice (s.50),
 * and the notices due are the commissioner's tasks with due dates (ss.53, 87).
 */
import { calendarFor, DIVISIONS, UK_BANK_HOLIDAYS } from '../src/common/calendar/bank-holidays';
import { londonDate } from '../src/common/calendar/working-days';
import { addDays } from '../src/common/calendar/dates';
import { formatIsoDate } from '../src/common/views/format';
import { AwardsService } from '../src/awards/awards.service';
import { standstillLastDay } from '../src/awards/contract-law';
import { quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { dateFields, draftRequirement, openRequirementWithBids, passBidDeadline, requirementSections } from './factories/competitions';
import { ocdsSchemaProblems } from './support/ocds-schema';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

let testApp: TestApp;
let chair: WebSession;
let commissioner: WebSession;
let meetingId: string;
const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
const today = () => londonDate(new Date());

beforeAll(async () => {
  testApp = await createTestApp();
  chair = new WebSession(testApp.server);
  await chair.signIn(DEMO.panelMember);
  commissioner = new WebSession(testApp.server);
  await commissioner.signIn(DEMO.commissioner);
  meetingId = await quorateMeeting(testApp, chair);
});
afterAll(() => testApp.close());

/** A requirement decided on a route, with its one bid at a total (without VAT) and the VAT and light-touch facts given. */
async function decided(winner: string, facts: { route: string; totalPence: number; vat: 'exempt' | 'standard'; lightTouch: boolean }) {
  // The bid's total is set while bidding is open: once the deadline passes it cannot change.
  const { requirementId, bidIds, providerIds } = await openRequirementWithBids(testApp, [[winner, '95']]);
  await sql(`UPDATE frameworks SET route = $2, standstill_days = 0 FROM requirements r WHERE r.framework_id = frameworks.id AND r.id = $1`, [
    requirementId,
    facts.route,
  ]);
  await sql(`UPDATE therapy_types SET light_touch = $2 FROM requirements r WHERE r.therapy_type_id = therapy_types.id AND r.id = $1`, [
    requirementId,
    facts.lightTouch,
  ]);
  await sql(`UPDATE requirements SET vat_treatment = $2, ceiling_pence = greatest(ceiling_pence, $3) WHERE id = $1`, [
    requirementId,
    facts.vat,
    facts.totalPence,
  ]);
  await sql(`UPDATE bids SET total_pence = $2 WHERE requirement_id = $1`, [requirementId, facts.totalPence]);
  await sql(`UPDATE bid_versions SET total_pence = $2 WHERE bid_id IN (SELECT id FROM bids WHERE requirement_id = $1)`, [requirementId, facts.totalPence]);
  await passBidDeadline(testApp, requirementId);
  await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
  expect((await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' })).status).toBe(303);
  return requirementId;
}

const contractOf = async (requirementId: string) =>
  (await sql(`SELECT id, value_including_vat_pence, light_touch, above_threshold FROM contracts WHERE requirement_id = $1`, [requirementId]))[0];
const noticesOf = async (requirementId: string) =>
  sql(`SELECT id, type, due_on::text AS due_on, published_on::text AS published_on FROM notices WHERE requirement_id = $1 ORDER BY created_at`, [
    requirementId,
  ]);

describe('the standstill by contract', () => {
  it('a light-touch spot contract has no mandatory standstill: the contract follows the decision at once, with no notice', async () => {
    const requirementId = await decided('Alder Notice Therapy', { route: 'dynamic_market', totalPence: 240_000, vat: 'exempt', lightTouch: true });
    expect(await sql(`SELECT status, standstill_kind, standstill_ends_on FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([
      { status: 'confirmed', standstill_kind: 'none', standstill_ends_on: null },
    ]);
    const contract = await contractOf(requirementId);
    expect(contract).toMatchObject({ value_including_vat_pence: 240_000, light_touch: true, above_threshold: false });
    expect(await noticesOf(requirementId)).toEqual([]);
    const page = await commissioner.get(`/contracts/${contract.id}`);
    expect(page.$('#notices').next().text()).toContain('No notice is required');
    expect(page.$('main').text()).toContain('Light touch contract');
  });

  it('an above-threshold contract that needs one waits 8 UK working days from the contract award notice', async () => {
    // £300,000 + VAT is £360,000: above the £207,720 services threshold, outside any framework exemption, not light touch.
    const requirementId = await decided('Birch Notice Therapy', { route: 'below_threshold_list', totalPence: 30_000_000, vat: 'standard', lightTouch: false });
    expect(
      await sql(`SELECT status, standstill_kind, value_including_vat_pence, above_threshold FROM awards WHERE requirement_id = $1`, [requirementId]),
    ).toEqual([{ status: 'awaiting_notice', standstill_kind: 'mandatory', value_including_vat_pence: 36_000_000, above_threshold: true }]);
    expect(await contractOf(requirementId)).toBeUndefined();
    const [notice] = await noticesOf(requirementId);
    expect(notice).toMatchObject({ type: 'contract_award_notice', due_on: null, published_on: null });
    // PA 2023 s.50(3): the bidder's assessment summary is sent at the decision, before the notice; the commissioners are told to publish it.
    expect(await sql(`SELECT template FROM notifications WHERE template = 'award-won' AND text_body LIKE '%' || $1 || '%'`, [requirementId])).toHaveLength(1);
    const [decidedEmail] = await sql(`SELECT text_body FROM notifications WHERE template = 'requirement-decided' ORDER BY created_at DESC LIMIT 1`);
    expect(decidedEmail.text_body).toContain('publish the contract award notice');
    expect((await commissioner.get('/commissioner')).$('#notices').next().text()).toContain(
      'Publish the contract award notice before the contract is entered into',
    );
    expect((await commissioner.get(`/requirements/${requirementId}`)).$('main').text()).toContain(
      'Publish the contract award notice before the contract is entered into',
    );

    // Bad input is a GOV.UK error, with nothing saved.
    for (const [fields, message] of [
      [{ 'publishedOn[day]': '31', 'publishedOn[month]': '2', 'publishedOn[year]': '2026' }, 'The date the notice was published must be a real date'],
      [{ 'publishedOn[day]': '', 'publishedOn[month]': '', 'publishedOn[year]': '' }, 'Enter the date the notice was published'],
      [dateFields('publishedOn', 3), 'must be today or in the past'],
    ] as Array<[Record<string, string>, string]>) {
      const refused = await commissioner.submit(`/notices/${notice.id}`, fields, `/notices/${notice.id}/publish`);
      expect(refused.status).toBe(400);
      expect(refused.$('title').text()).toMatch(/^Error: /);
      expect(refused.$('.govuk-error-summary').text()).toContain(message);
    }
    expect((await noticesOf(requirementId))[0].published_on).toBeNull();

    const [year, month, day] = today().split('-');
    expect(
      (
        await commissioner.submit(
          `/notices/${notice.id}`,
          { 'publishedOn[day]': day, 'publishedOn[month]': month, 'publishedOn[year]': year },
          `/notices/${notice.id}/publish`,
        )
      ).status,
    ).toBe(303);
    const lastDay = standstillLastDay(
      today(),
      { kind: 'mandatory', workingDays: 8, startsWith: 'contract_award_notice', reason: '' },
      calendarFor(UK_BANK_HOLIDAYS, DIVISIONS),
    );
    expect(await sql(`SELECT status, standstill_ends_on::text AS ends FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([
      { status: 'standstill', ends: lastDay },
    ]);
    const [standstillEmail] = await sql(
      `SELECT text_body FROM notifications WHERE template = 'standstill-started' AND text_body LIKE '%' || $1 || '/outcome%'`,
      [requirementId],
    );
    expect(standstillEmail.text_body).toContain(
      `runs to the end of ${formatIsoDate(lastDay)}: the contract will not be entered into before ${formatIsoDate(addDays(lastDay, 1))}`,
    );
    expect(
      await sql(`SELECT action FROM audit_events WHERE entity_id = $1 AND action IN ('notice.published', 'award.standstill_started') ORDER BY occurred_at`, [
        requirementId,
      ]),
    ).toEqual([{ action: 'notice.published' }, { action: 'award.standstill_started' }]);
    // A notice is recorded once.
    expect(
      (
        await commissioner.submit(
          `/notices/${notice.id}`,
          { 'publishedOn[day]': day, 'publishedOn[month]': month, 'publishedOn[year]': year },
          `/notices/${notice.id}/publish`,
        )
      ).status,
    ).toBe(409);

    const awards = testApp.app.get(AwardsService);
    expect(await awards.confirmDue()).toBe(0);
    expect(await contractOf(requirementId)).toBeUndefined();
    await sql(`UPDATE awards SET standstill_ends_on = current_date - 1 WHERE requirement_id = $1`, [requirementId]);
    expect(await awards.confirmDue()).toBe(1);
    const contract = await contractOf(requirementId);
    expect(contract).toMatchObject({ above_threshold: true, light_touch: false });
    // PA 2023 s.53: the contract details notice within 30 days beginning with the day the contract is entered into.
    const due = addDays(today(), 29);
    expect((await noticesOf(requirementId)).map((row: { type: string; due_on: string | null }) => [row.type, row.due_on])).toEqual([
      ['contract_award_notice', null],
      ['contract_details_notice', due],
    ]);
    expect((await commissioner.get(`/contracts/${contract.id}`)).$('#notices').next().text()).toContain(
      `Publish the contract details notice by ${formatIsoDate(due)}`,
    );
  });
});

describe('notices due below the threshold', () => {
  it('shows a £26,000 + VAT block as needing a contract details notice, and records it published', async () => {
    const requirementId = await decided('Cedar Notice Therapy', { route: 'dynamic_market', totalPence: 2_600_000, vat: 'standard', lightTouch: true });
    const contract = await contractOf(requirementId);
    expect(contract).toMatchObject({ value_including_vat_pence: 3_120_000, above_threshold: false });
    const [notice] = await noticesOf(requirementId);
    expect(notice).toMatchObject({ type: 'below_threshold_contract_details_notice', due_on: addDays(today(), 29) });
    const page = await commissioner.get(`/contracts/${contract.id}`);
    expect(page.$('main').text()).not.toMatch(/not required/i);
    expect(page.$('#notices').next().text()).toContain(`Publish the contract details notice (below threshold) by ${formatIsoDate(addDays(today(), 29))}`);

    await sql(`UPDATE notices SET due_on = current_date - 1 WHERE id = $1`, [notice.id]);
    expect((await commissioner.get('/commissioner')).$('#notices').next().text()).toMatch(/Overdue/);

    const [year, month, day] = today().split('-');
    expect(
      (
        await commissioner.submit(
          `/notices/${notice.id}`,
          { 'publishedOn[day]': day, 'publishedOn[month]': month, 'publishedOn[year]': year },
          `/notices/${notice.id}/publish`,
        )
      ).status,
    ).toBe(303);
    expect((await noticesOf(requirementId))[0].published_on).toBe(today());
    expect((await commissioner.get(`/contracts/${contract.id}`)).$('#notices').next().text()).toContain(`was published on ${formatIsoDate(today())}`);
    // The notice task is done; the contract itself is still waiting to start, under its own heading.
    const dashboard = await commissioner.get('/commissioner');
    expect(dashboard.$('#notices').next().text()).not.toContain('Cedar');
    expect(dashboard.$('#contracts-to-start').next().text()).toContain('Cedar');
    expect(await sql(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'notice.published'`, [contract.id])).toEqual([{ n: 1 }]);

    // The published notice is a release of the call-off's process in the OCDS package: UK7, with the value with and without VAT.
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const releasePackage = JSON.parse((await manager.get('/insights/ocds.json')).html);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    const release = releasePackage.releases.find((entry: { id: string }) => entry.id.endsWith(`UK7-${notice.id}`));
    expect(release).toMatchObject({
      tag: ['contract'],
      date: `${today()}T00:00:00Z`,
      contracts: [{ id: contract.id, value: { amount: 26_000, amountGross: 31_200, currency: 'GBP' }, documents: [{ noticeType: 'UK7' }] }],
    });
    // It shares the ocid of the call-off's own release.
    expect(releasePackage.releases.some((entry: { ocid: string; tag: string[] }) => entry.ocid === release.ocid && entry.tag.includes('award'))).toBe(true);
  });
});

describe('the value with VAT on the requirement', () => {
  it('records how VAT applies, and refuses an unknown treatment or a price that is not money with nothing saved', async () => {
    const [source] = await sql(`SELECT framework_id, therapy_type_id, area_id FROM requirements ORDER BY created_at LIMIT 1`);
    const id = await draftRequirement(commissioner, `${source.framework_id}:${source.therapy_type_id}`, source.area_id, { title: 'VAT draft' });
    const service = requirementSections().find(([section]) => section === 'service')![1];
    const refused = await commissioner.submit(`/requirements/${id}/service`, { ...service, vatTreatment: 'zero', ceiling: 'twelve hundred' });
    expect(refused.status).toBe(400);
    expect(refused.$('title').text()).toMatch(/^Error: /);
    expect(refused.$('.govuk-error-summary').text()).toContain('Select whether the service is exempt from VAT or standard rated');
    expect(refused.$('.govuk-error-summary').text()).toContain('Enter the ceiling price in pounds');
    expect(await sql(`SELECT vat_treatment, ceiling_pence FROM requirements WHERE id = $1`, [id])).toEqual([
      { vat_treatment: 'exempt', ceiling_pence: 120_000 },
    ]);
    expect((await commissioner.submit(`/requirements/${id}/service`, { ...service, vatTreatment: 'standard' })).status).toBe(303);
    expect(await sql(`SELECT vat_treatment FROM requirements WHERE id = $1`, [id])).toEqual([{ vat_treatment: 'standard' }]);
    expect((await commissioner.get(`/requirements/${id}/check`)).$('main').text()).toContain('Standard rate VAT (20%)');
  });
});
