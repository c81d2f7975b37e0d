import { activeContract } from './factories/awards';
import { dateFields, draftRequirement, openRequirementWithBids } from './factories/competitions';
import { insuranceFields, referenceIds, TEST_PDF } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Money an attacker (or a slip of the keyboard) types: a £0 bid, which would
 * make every other bid's price score 0 (BR-8: lowest total ÷ this total),
 * and amounts too big for the integer pence columns (BR-19).
 */
describe('money in bids and forms', () => {
  let testApp: TestApp;
  let requirementId: string;
  let bidder: WebSession;
  let practitionerId: string;
  let bidId: string;
  let frameworkId: string;

  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const bidFields = (rate: string, total: string) => ({
    rate,
    total,
    practitionerIds: practitionerId,
    ...dateFields('earliestStart', 20),
    answer1: 'Play-based sessions',
    answer2: 'Parents join every session',
  });
  const workingCopy = async () => (await sql(`SELECT rate_pence, total_pence, current_version, status FROM bids WHERE id = $1`, [bidId]))[0];

  beforeAll(async () => {
    testApp = await createTestApp();
    const open = await openRequirementWithBids(testApp, [['Penny Therapy Ltd', '95']]);
    requirementId = open.requirementId;
    bidder = open.sessions['Penny Therapy Ltd'];
    practitionerId = open.practitionerIds['Penny Therapy Ltd'];
    bidId = open.bidIds['Penny Therapy Ltd'];
    frameworkId = open.frameworkId;
  });
  afterAll(() => testApp.close());

  describe('a £0 bid', () => {
    it.each([
      ['0', '0'],
      ['£0.00', '0.00'],
    ])('is refused with a GOV.UK error, keeping what was typed and saving nothing (rate %s, total %s)', async (rate, total) => {
      const before = await workingCopy();
      for (const intent of ['continue', 'draft']) {
        const page = await bidder.submit(`/provider/opportunities/${requirementId}/bid`, { ...bidFields(rate, total), intent });
        expect(page.status).toBe(400);
        expect(page.title).toMatch(/^Error: /);
        expect(page.errorSummary.map((error) => error.text)).toEqual(['The rate per session must be more than £0', 'The total price must be more than £0']);
        expect(page.fieldErrors.rate).toBe('The rate per session must be more than £0');
        expect(page.$('input[name=rate]').val()).toBe(rate);
        expect(page.$('input[name=total]').val()).toBe(total);
      }
      expect(await workingCopy()).toEqual(before);
    });

    it('is refused by the database too, in the working copy and in a submitted version', async () => {
      await expect(sql(`UPDATE bids SET rate_pence = 0, total_pence = 0 WHERE id = $1`, [bidId])).rejects.toThrow(/ck_bids_money/);
      await expect(sql(`UPDATE bids SET total_pence = 0 WHERE id = $1`, [bidId])).rejects.toThrow(/ck_bids_money/);
      const [version] = await sql(`SELECT * FROM bid_versions WHERE bid_id = $1`, [bidId]);
      const insertVersion = (rate: number, total: number) =>
        sql(
          `INSERT INTO bid_versions (bid_id, version, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, over_ceiling, submitted_by_user_id)
           VALUES ($1, 99, $2, $3, $4, $5, $6, false, $7)`,
          [bidId, rate, total, version.practitioner_ids, version.earliest_start_on, JSON.stringify(version.answers), version.submitted_by_user_id],
        );
      await expect(insertVersion(0, 950)).rejects.toThrow(/ck_bid_versions_money/);
      await expect(insertVersion(95, 0)).rejects.toThrow(/ck_bid_versions_money/);
      await expect(insertVersion(-1, -10)).rejects.toThrow(/ck_bid_versions_money/);
      expect(await sql(`SELECT version FROM bid_versions WHERE bid_id = $1`, [bidId])).toEqual([{ version: 1 }]);
    });

    it('still accepts a bid of a penny a session', async () => {
      const page = await bidder.submit(`/provider/opportunities/${requirementId}/bid`, { ...bidFields('0.01', '0.10'), intent: 'draft' });
      expect(page.status).toBe(303);
      expect(await workingCopy()).toMatchObject({ rate_pence: 1, total_pence: 10 });
    });
  });

  describe('an amount too big for the pence columns', () => {
    const TOO_BIG = '999999999999';
    let commissioner: WebSession;
    let requirementDraft: string;
    let contractId: string;

    beforeAll(async () => {
      const ids = await referenceIds(testApp.dataSource);
      commissioner = new WebSession(testApp.server);
      await commissioner.signIn(DEMO.commissioner);
      requirementDraft = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, { title: 'Theraplay with huge sums' });
      contractId = (await activeContract(testApp, { winner: 'Million Pound Therapy' })).contractId;
    });

    const serviceFields = (ceiling: string) => ({ sessionCount: '10', sessionMinutes: '60', ...dateFields('startBy', 40), durationWeeks: '12', ceiling });
    const requirementMoney = async () => (await sql(`SELECT ceiling_pence, asgsf_pence, top_up_pence FROM requirements WHERE id = $1`, [requirementDraft]))[0];
    const fundingRecords = async () => (await sql(`SELECT count(*)::int AS n FROM funding_records`))[0].n;

    it('is refused on the bid form, a rate of £30,000,000 included, with the limit in the message and nothing saved', async () => {
      const before = await workingCopy();
      for (const [rate, total] of [
        ['30000000', '300000000'],
        ['21474836.48', '214748364.80'],
        [TOO_BIG, '950'],
      ]) {
        const page = await bidder.submit(`/provider/opportunities/${requirementId}/bid`, { ...bidFields(rate, total), intent: 'continue' });
        expect(page.status).toBe(400);
        expect(page.errorSummary.map((error) => error.text)).toContain('The rate per session must be £10,000,000 or less');
        expect(page.fieldErrors.rate).toBe('The rate per session must be £10,000,000 or less');
        expect(page.$('input[name=rate]').val()).toBe(rate);
      }
      const total = await bidder.submit(`/provider/opportunities/${requirementId}/bid`, { ...bidFields('1000000', '10000000.01'), intent: 'draft' });
      expect(total.status).toBe(400);
      expect(total.fieldErrors.total).toBe('The total price must be £10,000,000 or less');
      // A rate within the limit whose total for the sessions is not.
      const product = await bidder.submit(`/provider/opportunities/${requirementId}/bid`, { ...bidFields('2000000', '9000000'), intent: 'continue' });
      expect(product.status).toBe(400);
      expect(product.fieldErrors.total).toBe('The total price must be £10,000,000 or less, so enter a smaller rate');
      expect(await workingCopy()).toEqual(before);
    });

    it('is refused as a ceiling price, ASGSF amount or top-up on a requirement, with the limit in the message and nothing saved', async () => {
      const before = await requirementMoney();
      const service = await commissioner.submit(`/requirements/${requirementDraft}/service`, serviceFields(TOO_BIG));
      expect(service.status).toBe(400);
      expect(service.errorSummary.map((error) => error.text)).toEqual(['The ceiling price must be £10,000,000 or less']);
      expect(service.$('input[name=ceiling]').val()).toBe(TOO_BIG);
      expect((await commissioner.submit(`/requirements/${requirementDraft}/service`, serviceFields('10,000,000.01'))).fieldErrors.ceiling).toBe(
        'The ceiling price must be £10,000,000 or less',
      );
      const funding = await commissioner.submit(`/requirements/${requirementDraft}/funding`, {
        asgsf: TOO_BIG,
        topUp: TOO_BIG,
        ...dateFields('needsAssessedOn', -10),
      });
      expect(funding.status).toBe(400);
      expect(funding.errorSummary.map((error) => error.text)).toEqual([
        'The ASGSF amount must be £10,000,000 or less',
        'The agency top-up must be £10,000,000 or less',
      ]);
      expect(funding.$('input[name=asgsf]').val()).toBe(TOO_BIG);
      expect(await requirementMoney()).toEqual(before);
      // The limit itself is allowed.
      expect((await commissioner.submit(`/requirements/${requirementDraft}/service`, serviceFields('£10,000,000'))).status).toBe(303);
      expect((await requirementMoney()).ceiling_pence).toBe(1_000_000_000);
    });

    it('is kept as insurance cover, whose column is a bigint: policies over £10,000,000 are real, and the biggest amount the form reads fits', async () => {
      const page = await bidder.upload('/provider/documents/new', insuranceFields('public_liability'), { name: 'cover.pdf', content: TEST_PDF });
      expect(page.status).toBe(303);
      const huge = await bidder.upload(
        '/provider/documents/new',
        { ...insuranceFields('professional_indemnity'), coverAmount: '£999,999,999,999.99' },
        { name: 'cover.pdf', content: TEST_PDF },
      );
      expect(huge.status).toBe(303);
      expect((await sql(`SELECT max(cover_amount_pence)::text AS pence FROM compliance_documents`))[0].pence).toBe('99999999999999');
    });

    it('is refused as a contract’s ASGSF funding record, with the limit in the message and nothing saved', async () => {
      const before = await fundingRecords();
      const fields = {
        childReference: 'KCC-12345',
        partnershipChildReference: 'KCC-12345',
        legalOrder: 'adopted',
        previouslyLookedAfter: 'yes',
        livesInEngland: 'yes',
        ehcPlan: 'no',
        ...dateFields('packageStartsOn', -5),
        ...dateFields('packageEndsOn', 5),
      };
      const page = await commissioner.submit(
        `/contracts/${contractId}`,
        { ...fields, therapy: TOO_BIG, assessment: TOO_BIG, topUp: TOO_BIG },
        `/contracts/${contractId}/funding`,
      );
      expect(page.status).toBe(400);
      expect(page.errorSummary.map((error) => error.text)).toEqual([
        'The therapy amount must be £10,000,000 or less',
        'The specialist assessment amount must be £10,000,000 or less',
        'The agency top-up must be £10,000,000 or less',
      ]);
      expect(page.$('input[name=therapy]').val()).toBe(TOO_BIG);
      expect(await fundingRecords()).toBe(before);
    });
  });
});
