import { IllegalTransitionError } from '../src/common/lifecycle';
import { settleBidOutcomes, transitionBids } from '../src/bids/sealed-bid-gate';
import { openRequirementWithBids } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue 23: a bid's status changes only through transitionBids, which refuses
 * a move the lifecycle forbids before writing anything, and moves only bids
 * still in the status the caller read.
 */
describe('the bid transition', () => {
  let testApp: TestApp;
  let open: Awaited<ReturnType<typeof openRequirementWithBids>>;
  const status = async (bidId: string) => (await testApp.dataSource.query(`SELECT status FROM bids WHERE id = $1`, [bidId]))[0].status;

  beforeAll(async () => {
    testApp = await createTestApp();
    open = await openRequirementWithBids(testApp, [
      ['Alder Therapy', '95'],
      ['Birch Therapy', '96'],
      ['Cedar Therapy', '97'],
    ]);
  });
  afterAll(() => testApp.close());

  it('refuses an illegal move and writes nothing', async () => {
    const bidId = open.bidIds['Alder Therapy'];
    await testApp.dataSource.transaction((manager) => transitionBids(manager, { bidIds: [bidId] }, 'submitted', 'withdrawn'));
    expect(await status(bidId)).toBe('withdrawn');
    await expect(testApp.dataSource.transaction((manager) => transitionBids(manager, { bidIds: [bidId] }, 'withdrawn', 'submitted'))).rejects.toThrow(
      new IllegalTransitionError('A bid that is withdrawn cannot become submitted'),
    );
    await expect(testApp.dataSource.transaction((manager) => transitionBids(manager, { bidIds: [bidId] }, 'withdrawn', 'successful'))).rejects.toThrow(
      IllegalTransitionError,
    );
    expect(await status(bidId)).toBe('withdrawn');
  });

  it('moves only bids still in the status read, so a stale caller changes nothing', async () => {
    const bidId = open.bidIds['Alder Therapy'];
    // A legal move from draft, but the bid is withdrawn by now.
    const moved = await testApp.dataSource.transaction((manager) => transitionBids(manager, { bidIds: [bidId] }, 'draft', 'submitted'));
    expect(moved).toBe(0);
    expect(await status(bidId)).toBe('withdrawn');
  });

  it('settles the outcome of the submitted bids only: the winner successful, the rest unsuccessful, a withdrawn bid untouched', async () => {
    await testApp.dataSource.transaction((manager) => settleBidOutcomes(manager, open.requirementId, open.bidIds['Birch Therapy']));
    expect({
      alder: await status(open.bidIds['Alder Therapy']),
      birch: await status(open.bidIds['Birch Therapy']),
      cedar: await status(open.bidIds['Cedar Therapy']),
    }).toEqual({ alder: 'withdrawn', birch: 'successful', cedar: 'unsuccessful' });
    // An outcome is final: settling again moves nothing, and no bid goes back.
    await testApp.dataSource.transaction((manager) => settleBidOutcomes(manager, open.requirementId, open.bidIds['Cedar Therapy']));
    expect(await status(open.bidIds['Cedar Therapy'])).toBe('unsuccessful');
    await expect(
      testApp.dataSource.transaction((manager) => transitionBids(manager, { bidIds: [open.bidIds['Cedar Therapy']] }, 'unsuccessful', 'successful')),
    ).rejects.toThrow('A bid that is unsuccessful cannot become successful');
  });
});
