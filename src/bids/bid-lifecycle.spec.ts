import { IllegalTransitionError } from '../common/lifecycle';
import { BID_STATUSES, bidLifecycle } from './bid-lifecycle';

describe('the bid lifecycle', () => {
  it('allows re-submission and withdrawal before the outcome, and nothing after withdrawal', () => {
    expect(bidLifecycle.canMove('submitted', 'submitted')).toBe(true);
    expect(bidLifecycle.canMove('submitted', 'withdrawn')).toBe(true);
    expect(bidLifecycle.canMove('withdrawn', 'submitted')).toBe(false);
    expect(() => bidLifecycle.assertMove('withdrawn', 'submitted')).toThrow('A bid that is withdrawn cannot become submitted');
  });

  it('settles an outcome only on a submitted bid', () => {
    expect(BID_STATUSES.filter((status) => bidLifecycle.canMove(status, 'successful'))).toEqual(['submitted']);
    expect(BID_STATUSES.filter((status) => bidLifecycle.canMove(status, 'unsuccessful'))).toEqual(['submitted']);
    expect(() => bidLifecycle.assertMove('draft', 'successful')).toThrow(IllegalTransitionError);
  });

  it('never moves a bid back to draft, and an outcome is final', () => {
    expect(BID_STATUSES.filter((status) => bidLifecycle.canMove(status, 'draft'))).toEqual([]);
    for (const outcome of ['successful', 'unsuccessful'] as const) expect(bidLifecycle.nextStates(outcome)).toEqual([]);
    expect(() => bidLifecycle.assertMove('unsuccessful', 'successful')).toThrow('A bid that is unsuccessful cannot become successful');
  });
});
