import { defineLifecycle } from '../common/lifecycle';
import { MAX_MONEY_PENCE, moneyTooLargeMessage } from '../common/money';
import { formatPence } from '../common/views/format';

export const BID_STATUSES = ['draft', 'submitted', 'withdrawn', 'successful', 'unsuccessful'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

/** DESIGN.md §4: draft → submitted (new versions until the deadline) | withdrawn; after the deadline successful or unsuccessful. */
export const bidLifecycle = defineLifecycle<BidStatus>('A bid', {
  draft: ['submitted', 'withdrawn'],
  submitted: ['submitted', 'withdrawn', 'successful', 'unsuccessful'],
  withdrawn: [],
  successful: [],
  unsuccessful: [],
});

/**
 * The total must be the rate times the sessions (or block hours) asked for,
 * to the penny. Both are integer pence (BR-19), so the check is exact.
 */
export function priceProblem(ratePence: number, totalPence: number, units: number, unitName: string): string | null {
  const expected = ratePence * units;
  if (!Number.isSafeInteger(expected) || expected > MAX_MONEY_PENCE) return `${moneyTooLargeMessage('the total price')}, so enter a smaller rate`;
  if (totalPence !== expected) {
    return `The total price must be the rate times ${units} ${unitName}, which is ${formatPence(expected)}`;
  }
  return null;
}

export const isOverCeiling = (totalPence: number, ceilingPence: number) => totalPence > ceilingPence;

export const wordCount = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0);

/** The message for an answer over its word limit, or null. */
export function wordLimitProblem(text: string, wordLimit: number): string | null {
  const words = wordCount(text);
  return words > wordLimit ? `Your answer must be ${wordLimit} words or fewer (it is ${words})` : null;
}
