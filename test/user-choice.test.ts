/**
 * Issue 22: a user-choice direct award. The commissioner awards a draft
 * light touch requirement to the provider the family chose, admitted to
 * that lot, without a competition (PA 2023 s.41, Schedule 5). The
 * transparency notice (s.44) comes before the contract; the award is in the
 * OCDS export as a direct procurement and counted apart in the market report.
 */
import { londonDate } from '../src/common/calendar/working-days';
import { admitMember, draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { createSecondPartnership } from './factories/partnerships';
import { ocdsSchemaProblems } from './support/ocds-schema';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

let testApp: TestApp;
let commissioner: WebSession;
let manager: WebSession;
let ids: Awaited<ReturnType<typeof referenceIds>>;
let frameworkId: string;
let chosenId: string;
let notAdmittedId: string;
const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

const CHILD_TEXT = 'Jamie already trusts the Willow therapist from school';

beforeAll(async () => {
  testApp = await createTestApp();
  ids = await referenceIds(testApp.dataSource);
  manager = new WebSession(testApp.server);
  await manager.signIn(DEMO.frameworkManager);
  commissioner = new WebSession(testApp.server);
  await commissioner.signIn(DEMO.commissioner);
  frameworkId = await createOpenFramework(manager, ids, `User Choice Services ${Date.now()}`);
  await sql(`UPDATE frameworks SET route = 'dynamic_market', standstill_days = 0 WHERE id = $1`, [frameworkId]);
  await sql(`UPDATE therapy_types SET light_touch = true WHERE id IN ($1, $2)`, [ids.theraplay, ids.ddp]);
  chosenId = (await admitMember(testApp.dataSource, 'Willow Choice Therapy', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] })).providerId;
  // Admitted to DDP only, not to the Theraplay lot.
  notAdmittedId = (await admitMember(testApp.dataSource, 'Rowan Other Lot Therapy', { frameworkId, therapyTypeId: ids.ddp, areaIds: [ids.ashford] }))
    .providerId;
});
afterAll(() => testApp.close());

const draft = (title: string, lot = ids.theraplay) => draftRequirement(commissioner, `${frameworkId}:${lot}`, ids.ashford, { title });
const choice = (overrides: Record<string, string> = {}) => ({
  providerId: chosenId,
  preference: 'The family asked for Willow by name',
  reasons: CHILD_TEXT,
  value: '1,100',
  legalGround: 'confirmed',
  ...overrides,
});
const counts = async (requirementId: string) =>
  (
    await sql(
      `SELECT (SELECT count(*) FROM awards WHERE requirement_id = $1)::int AS awards, (SELECT count(*) FROM notices WHERE requirement_id = $1)::int AS notices,
              (SELECT count(*) FROM contracts WHERE requirement_id = $1)::int AS contracts, (SELECT status FROM requirements WHERE id = $1) AS status`,
      [requirementId],
    )
  )[0];

describe('a user-choice direct award', () => {
  it('records the choice, waits for the transparency notice, then creates the contract, in OCDS and the market report', async () => {
    const requirementId = await draft('Theraplay the family chose');
    const page = await commissioner.get(`/requirements/${requirementId}`);
    expect(page.$('#user-choice a').attr('href')).toBe(`/user-choice/${requirementId}`);
    const form = await commissioner.get(`/user-choice/${requirementId}`);
    expect(form.status).toBe(200);
    expect(form.$('#providerId').text()).toContain('Willow Choice Therapy');
    expect(form.$('#providerId').text()).not.toContain('Rowan Other Lot Therapy');
    expect(form.$('main').text()).toContain('Schedule 5');

    const saved = await commissioner.submit(`/user-choice/${requirementId}`, choice());
    expect(saved.status).toBe(303);
    expect(await counts(requirementId)).toEqual({ awards: 1, notices: 1, contracts: 0, status: 'awarded' });
    expect(
      await sql(`SELECT method, status, meeting_id, bid_id, value_pence, light_touch, standstill_kind FROM awards WHERE requirement_id = $1`, [requirementId]),
    ).toEqual([
      { method: 'user_choice', status: 'awaiting_notice', meeting_id: null, bid_id: null, value_pence: 110_000, light_touch: true, standstill_kind: 'none' },
    ]);
    const [notice] = await sql(`SELECT id, type, due_on, provider_id, value_pence FROM notices WHERE requirement_id = $1`, [requirementId]);
    expect(notice).toMatchObject({ type: 'transparency_notice', due_on: null, provider_id: chosenId, value_pence: 110_000 });
    // The child's free text is kept for the agency, never in the audit log.
    const [audit] = await sql(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'award.user_choice'`, [requirementId]);
    expect(audit.after).toMatchObject({ method: 'user_choice', providerId: chosenId, legalGround: expect.stringContaining('Schedule 5') });
    expect(JSON.stringify(await sql(`SELECT after FROM audit_events WHERE entity_id = $1`, [requirementId]))).not.toContain('Jamie');

    // Not the panel's decision, so not the panel's to withdraw while it waits for its notice.
    const chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    const withdrawn = await chair.post(`/panel/requirements/${requirementId}/withdraw-award`, {
      reason: 'Try to withdraw',
      _csrf: (await chair.get('/panel')).$('meta[name=csrf-token]').attr('content')!,
    });
    expect([404, 409]).toContain(withdrawn.status);
    expect(await sql(`SELECT status FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([{ status: 'awaiting_notice' }]);

    // The notice is the commissioner's task before the contract, like the others.
    expect((await commissioner.get(`/requirements/${requirementId}`)).$('#notices').next().text()).toContain(
      'Publish the transparency notice before the contract is entered into',
    );
    const noticePage = await commissioner.get(`/notices/${notice.id}`);
    expect(noticePage.$('h1').text()).toBe('Transparency notice');
    expect(noticePage.$('main').text()).toContain('Procurement Act 2023, section 44');
    expect((await commissioner.get(`/user-choice/${requirementId}`)).$('main').text()).toContain('Waiting for its notices to be published');

    const [year, month, day] = londonDate(new Date()).split('-');
    expect(
      (
        await commissioner.submit(
          `/notices/${notice.id}`,
          { 'publishedOn[day]': day, 'publishedOn[month]': month, 'publishedOn[year]': year },
          `/notices/${notice.id}/publish`,
        )
      ).status,
    ).toBe(303);
    expect(await counts(requirementId)).toMatchObject({ contracts: 1 });
    const [contract] = await sql(`SELECT id, provider_id, value_pence, status, light_touch FROM contracts WHERE requirement_id = $1`, [requirementId]);
    expect(contract).toMatchObject({ provider_id: chosenId, value_pence: 110_000, status: 'pending', light_touch: true });
    expect(await sql(`SELECT status FROM awards WHERE requirement_id = $1`, [requirementId])).toEqual([{ status: 'confirmed' }]);
    expect((await commissioner.get(`/contracts/${contract.id}`)).status).toBe(200);

    // OCDS: a direct procurement with its UK5 release, valid against the schema.
    const releasePackage = JSON.parse((await manager.get('/insights/ocds.json')).html);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    const releases = releasePackage.releases.filter((release: { ocid: string }) => release.ocid.endsWith(requirementId));
    expect(releases.find((release: { tag: string[] }) => release.tag.includes('award')).tender).toMatchObject({
      procurementMethod: 'direct',
      procurementMethodRationale: expect.stringContaining('user choice contracts'),
    });
    expect(releases.find((release: { tag: string[] }) => release.tag[0] === 'tender').tender.documents[0]).toMatchObject({ noticeType: 'UK5' });
    expect(JSON.stringify(releasePackage)).not.toContain('Jamie');

    // The market report counts direct awards apart from competitions.
    const market = await manager.get('/insights/market');
    expect(market.$('#direct-awards').next().text()).toMatch(/^\d+ of \d+ awards in this period were made directly to the family’s chosen provider/);
    expect(market.$('#direct-awards ~ table').first().text()).toContain('Theraplay');
  });

  it('refuses a lot that is not light touch, with nothing saved', async () => {
    const requirementId = await draft('Theraplay not light touch');
    await sql(`UPDATE therapy_types SET light_touch = false WHERE id = $1`, [ids.theraplay]);
    try {
      expect((await commissioner.get(`/user-choice/${requirementId}`)).$('.govuk-warning-text').text()).toContain('only for light touch services');
      const refused = await commissioner.submit(`/user-choice/${requirementId}`, choice(), `/user-choice/${requirementId}`);
      expect(refused.status).toBe(400);
      expect(refused.$('.govuk-error-summary').text()).toContain('only for light touch services');
    } finally {
      await sql(`UPDATE therapy_types SET light_touch = true WHERE id = $1`, [ids.theraplay]);
    }
    expect(await counts(requirementId)).toEqual({ awards: 0, notices: 0, contracts: 0, status: 'draft' });
  });

  it('refuses a provider not admitted to the lot, and bad input, with a GOV.UK error and nothing saved', async () => {
    const requirementId = await draft('Theraplay bad choices');
    for (const [fields, message] of [
      [{ providerId: notAdmittedId }, 'Select a provider admitted to this lot'],
      [{ providerId: '' }, 'Select the provider the family has chosen'],
      [{ providerId: 'not-a-uuid' }, 'Select the provider the family has chosen'],
      [{ preference: '' }, 'Enter the family’s preference'],
      [{ reasons: '' }, 'Enter how the family’s choice serves the child'],
      [{ value: 'lots' }, 'Enter the agreed contract value in pounds'],
      [{ value: '0' }, 'must be more than £0'],
      [{ value: '5000' }, 'must not be more than the requirement’s ceiling price'],
      [{ legalGround: '' }, 'Confirm that the direct award justification for user choice contracts applies'],
    ] as Array<[Record<string, string>, string]>) {
      const refused = await commissioner.submit(`/user-choice/${requirementId}`, choice(fields), `/user-choice/${requirementId}`);
      expect(refused.status).toBe(400);
      expect(refused.$('title').text()).toMatch(/^Error: /);
      expect(refused.$('.govuk-error-summary').text()).toContain(message);
    }
    expect(await counts(requirementId)).toEqual({ awards: 0, notices: 0, contracts: 0, status: 'draft' });
    // A requirement awarded once cannot be awarded again.
    expect((await commissioner.submit(`/user-choice/${requirementId}`, choice())).status).toBe(303);
    expect((await commissioner.submit(`/user-choice/${requirementId}`, choice(), `/user-choice/${requirementId}`)).status).toBe(400);
    expect(await counts(requirementId)).toMatchObject({ awards: 1, notices: 1 });
  });

  it('is not open to another partnership or to a provider', async () => {
    const requirementId = await draft('Theraplay kept to its agency');
    const other = await createSecondPartnership(testApp.dataSource, 'Choice Northern Partnership');
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(other.commissioner, other.password);
    expect((await outsider.get(`/user-choice/${requirementId}`)).status).toBe(404);
    expect((await outsider.submit(`/user-choice/${requirementId}`, choice(), `/user-choice/${requirementId}`)).status).toBe(404);
    const provider = new WebSession(testApp.server);
    await provider.signIn(DEMO.provider);
    expect((await provider.get(`/user-choice/${requirementId}`)).status).toBe(403);
    expect(await counts(requirementId)).toEqual({ awards: 0, notices: 0, contracts: 0, status: 'draft' });
  });
});
