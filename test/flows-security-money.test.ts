import { dateFields, openRequirementWithBids } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import type { WebSession } from './support/web-session';

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

  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const bidFields = (rate: string, total: string) => ({ rate, total, practitionerIds: practitionerId, ...dateFields('earliestStart', 20), answer1: 'Play-based sessions', answer2: 'Parents join every session' });
  const workingCopy = async () => (await sql(`SELECT rate_pence, total_pence, current_version, status FROM bids WHERE id = $1`, [bidId]))[0];

  beforeAll(async () => {
    testApp = await createTestApp();
    const open = await openRequirementWithBids(testApp, [['Penny Therapy Ltd', '95']]);
    requirementId = open.requirementId;
    bidder = open.sessions['Penny Therapy Ltd'];
    practitionerId = open.practitionerIds['Penny Therapy Ltd'];
    bidId = open.bidIds['Penny Therapy Ltd'];
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
});
