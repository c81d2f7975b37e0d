import { MAX_MONEY_PENCE, moneyTooLargeMessage } from '../common/money';
import { formatPence } from '../common/views/format';

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
