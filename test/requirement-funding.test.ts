import { financialYearLabel, financialYearOf } from '../src/funding/funding-rules';
import { activeContract } from './factories/awards';
import { dateFields, draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Issue 19, the requirement side of the fair access check: the financial year
 * comes from the start date, the limit is the one in force that day, a lot the
 * ASGSF does not fund takes no ASGSF, a block is never charged to one child,
 * and a child's usage counts across the partnership, not the agency.
 */
describe('a requirement’s ASGSF funding', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let lot: string;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const mainText = async (path: string) => (await commissioner.get(path)).$('main').text().replace(/\s+/g, ' ');
  const startOf = async (id: string): Promise<string> => (await sql(`SELECT start_by::text AS s FROM requirements WHERE id = $1`, [id]))[0].s;

  beforeAll(async () => {
    testApp = await createTestApp();
    ids = await referenceIds(testApp.dataSource);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    lot = `${await createOpenFramework(manager, ids, 'Funding Checks 2026')}:${ids.theraplay}`;
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('derives the financial year from the start date, with no list to pick from', async () => {
    const id = await draftRequirement(commissioner, lot, ids.ashford, { childReference: 'KCC-YEAR-1' });
    const form = await commissioner.get(`/requirements/${id}/funding`);
    expect(form.$('input[name=financialYear]').length).toBe(0);
    const year = financialYearOf(await startOf(id));
    expect((await sql(`SELECT financial_year FROM requirements WHERE id = $1`, [id]))[0].financial_year).toBe(year);
    expect(await mainText(`/requirements/${id}/check`)).toContain(`Financial year ${financialYearLabel(year)}`);

    // A later start date moves the year with it.
    const next = `${year + 1}-05-04`;
    const saved = await commissioner.submit(`/requirements/${id}/service`, {
      sessionCount: '10',
      sessionMinutes: '60',
      'startBy[day]': '4',
      'startBy[month]': '5',
      'startBy[year]': String(year + 1),
      durationWeeks: '12',
      ceiling: '1200',
    });
    expect(saved.status).toBe(303);
    expect(await startOf(id)).toBe(next);
    expect((await sql(`SELECT financial_year FROM requirements WHERE id = $1`, [id]))[0].financial_year).toBe(year + 1);
  });

  it('says the year cannot be worked out until the start date is given', async () => {
    const created = await commissioner.submit('/requirements/new', {
      title: 'No start date yet',
      lot,
      purchaseType: 'spot',
      areaId: ids.ashford,
      deliveryMode: 'in_person',
    });
    const id = created.location!.split('/').pop()!;
    const saved = await commissioner.submit(`/requirements/${id}/funding`, { asgsf: '1200', topUp: '0', ...dateFields('needsAssessedOn', -10) });
    expect(saved.status).toBe(303);
    expect((await sql(`SELECT asgsf_pence, financial_year FROM requirements WHERE id = $1`, [id]))[0]).toEqual({ asgsf_pence: 120_000, financial_year: null });
    const overview = await commissioner.get(`/requirements/${id}`);
    const funding = overview.$('.govuk-task-list__item').filter((_, item) => overview.$(item).text().includes('Funding'));
    expect(funding.text().replace(/\s+/g, ' ')).toContain('The financial year can’t be worked out until the start date is given');
    expect(funding.text()).toContain('Incomplete');
  });

  it('applies the limit in force on the start date, whatever year was stored before', async () => {
    const id = await draftRequirement(commissioner, lot, ids.ashford, { childReference: 'KCC-LIMIT-1', asgsf: '1,200' });
    const startBy = await startOf(id);
    const year = financialYearOf(startBy);
    // A stale year (as the old list allowed) and a lower limit from the start date: the date decides both.
    await sql(`UPDATE requirements SET financial_year = $2 WHERE id = $1`, [id, year - 1]);
    await sql(
      `INSERT INTO fair_access_limits (applies_from, combined_limit_pence, therapy_limit_pence, assessment_limit_pence, complete_within_year, description)
               SELECT $1, 100000, NULL, assessment_limit_pence, complete_within_year, 'Test: a change part-way through the year' FROM fair_access_limits ORDER BY applies_from DESC LIMIT 1`,
      [startBy],
    );
    try {
      const text = await mainText(`/requirements/${id}/check`);
      expect(text).toContain(`for ${financialYearLabel(year)} over the fair access limit of £1,000.00`);
      expect(text).toContain('£200.00 will be recorded as agency-funded');
    } finally {
      await sql(`DELETE FROM fair_access_limits WHERE applies_from = $1`, [startBy]);
    }
  });

  it('refuses an ASGSF amount on a lot the ASGSF does not fund, saving nothing', async () => {
    const id = await draftRequirement(commissioner, lot, ids.ashford, { childReference: 'KCC-LOT-1' });
    const before = await sql(`SELECT * FROM requirements WHERE id = $1`, [id]);
    await sql(`UPDATE therapy_types SET asgsf_eligible = false WHERE id = $1`, [ids.theraplay]);
    try {
      const refused = await commissioner.submit(`/requirements/${id}/funding`, { asgsf: '900', topUp: '0', ...dateFields('needsAssessedOn', -10) });
      expect(refused.status).toBe(400);
      expect(refused.title).toMatch(/^Error: /);
      expect(refused.errorSummary.map((error) => error.text)).toEqual(['Theraplay is not a therapy the ASGSF funds: enter 0 and fund it from the agency']);
      expect(refused.$('#asgsf').val()).toBe('900');
      expect(await sql(`SELECT * FROM requirements WHERE id = $1`, [id])).toEqual(before);
      const agencyOnly = await commissioner.submit(`/requirements/${id}/funding`, { asgsf: '0', topUp: '900', ...dateFields('needsAssessedOn', -10) });
      expect(agencyOnly.status).toBe(303);
    } finally {
      await sql(`UPDATE therapy_types SET asgsf_eligible = true WHERE id = $1`, [ids.theraplay]);
    }
  });

  it('refuses a change of lot to one the ASGSF does not fund while the requirement expects ASGSF', async () => {
    const id = await draftRequirement(commissioner, lot, ids.ashford, { title: 'Lot change', childReference: 'KCC-LOT-2' });
    const before = await sql(`SELECT * FROM requirements WHERE id = $1`, [id]);
    await sql(`UPDATE therapy_types SET asgsf_eligible = false WHERE id = $1`, [ids.theraplay]);
    try {
      const basics = { title: 'Lot change', lot, purchaseType: 'spot', areaId: ids.ashford, deliveryMode: 'in_person' };
      const refused = await commissioner.submit(`/requirements/${id}/basics`, basics);
      expect(refused.status).toBe(400);
      expect(refused.errorSummary.map((error) => error.text)).toEqual([
        'Theraplay is not a therapy the ASGSF funds: change the expected ASGSF amount to 0 first, or choose another lot',
      ]);
      expect(await sql(`SELECT * FROM requirements WHERE id = $1`, [id])).toEqual(before);
    } finally {
      await sql(`UPDATE therapy_types SET asgsf_eligible = true WHERE id = $1`, [ids.theraplay]);
    }
  });

  it('never charges a whole block to one child: its children are checked call-off by call-off', async () => {
    const id = await draftRequirement(commissioner, lot, ids.ashford, {
      title: 'Block over the limit',
      purchaseType: 'block',
      childReference: 'KCC-BLOCK-1',
      asgsf: '9,000',
      ceiling: '9,000',
    });
    const text = await mainText(`/requirements/${id}/check`);
    expect(text).not.toContain('over the fair access limit of');
    expect(text).toContain('A block purchase is checked against the fair access limit child by child, on each call-off');
    expect(await mainText(`/requirements/${id}`)).toContain('Panel decision on the block purchase');
    // Nor does a block count against a spot requirement for the child named on it.
    const spot = await draftRequirement(commissioner, lot, ids.ashford, { childReference: 'KCC-BLOCK-1', asgsf: '2,500' });
    await sql(`UPDATE requirements SET status = 'published', published_at = now() WHERE id = $1`, [id]);
    expect(await mainText(`/requirements/${spot}/check`)).not.toContain('over the fair access limit of');
  });

  it('counts the child’s Kent and Medway requirements in the same year together, across the partnership', async () => {
    const medwayRequirement = await draftRequirement(commissioner, lot, ids.ashford, {
      title: 'Medway package',
      childReference: 'APSE-MOVED-1',
      asgsf: '2,000',
    });
    const [medway] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    // The child moved: Medway commissioned the first package, and it is out to bid.
    await sql(`UPDATE requirements SET agency_id = $1, status = 'published', published_at = now() WHERE id = $2`, [medway.id, medwayRequirement]);
    await sql(`UPDATE requirement_case_details SET agency_id = $1 WHERE requirement_id = $2`, [medway.id, medwayRequirement]);
    const kentRequirement = await draftRequirement(commissioner, lot, ids.ashford, { title: 'Kent package', childReference: 'APSE-MOVED-1', asgsf: '2,000' });
    const text = await mainText(`/requirements/${kentRequirement}/check`);
    expect(text).toContain('(£2,000.00 is already expected). £1,000.00 will be recorded as agency-funded.');
    expect(await mainText(`/requirements/${kentRequirement}`)).toContain('Panel decision on £1,000.00 of agency funding above the fair access limit');

    // The Medway package moved to the next year no longer counts in this one.
    await sql(`UPDATE requirements SET start_by = start_by + 400 WHERE id = $1`, [medwayRequirement]);
    expect(await mainText(`/requirements/${kentRequirement}/check`)).not.toContain('over the fair access limit of');
  });

  it('counts the child’s live contract-side applications once, not again as the awarded requirement', async () => {
    const contract = await activeContract(testApp, { winner: 'Rowan Family Therapy', requirement: { childReference: 'APSE-FUNDED-1' } });
    const applied = await commissioner.submit(
      `/contracts/${contract.contractId}`,
      {
        childReference: 'APSE-FUNDED-1',
        partnershipChildReference: 'APSE-FUNDED-1',
        legalOrder: 'adopted',
        previouslyLookedAfter: 'yes',
        livesInEngland: 'yes',
        ehcPlan: 'no',
        ...dateFields('packageStartsOn', -20),
        ...dateFields('packageEndsOn', 50),
        therapy: '2,500',
        assessment: '0',
        topUp: '0',
      },
      `/contracts/${contract.contractId}/funding`,
    );
    expect(applied.status).toBe(303);
    const [record] = await sql(`SELECT starts_on::text AS "startsOn" FROM funding_records WHERE contract_id = $1`, [contract.contractId]);
    const id = await draftRequirement(commissioner, lot, ids.ashford, { childReference: 'APSE-FUNDED-1', asgsf: '1,000' });
    await sql(`UPDATE requirements SET start_by = $2 WHERE id = $1`, [id, record.startsOn]);
    // £2,500 on the application (the awarded requirement's own ASGSF is not counted twice) leaves £500.
    expect(await mainText(`/requirements/${id}/check`)).toContain('(£2,500.00 is already expected). £500.00 will be recorded as agency-funded.');
  });
});
