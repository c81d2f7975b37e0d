/**
 * Reads an amount of money typed in pounds ("£5,000,000", "1250.50") into
 * integer pence (BR-19: money is never a float). Null when it is not an amount.
 */
export function parsePoundsToPence(input: string): number | null {
  const cleaned = input
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const pence = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : null;
}

/**
 * The most any money field on a form may hold, in pence. The amounts are kept
 * in PostgreSQL `integer` columns (at most 2,147,483,647 pence), so a bigger
 * one would fail as a 500; the round £10,000,000 is far above any therapy
 * price or grant and leaves room for two amounts (ASGSF and top-up) to be
 * added together in an integer. Insurance cover is the exception: it is a
 * `bigint`, and policies of more than £10,000,000 are real.
 */
export const MAX_MONEY_PENCE = 1_000_000_000;

/** "£10,000,000", for messages. */
export const MAX_MONEY_TEXT = `£${(MAX_MONEY_PENCE / 100).toLocaleString('en-GB')}`;

/** The GOV.UK message for an amount over MAX_MONEY_PENCE: `subject` is "the ceiling price". */
export const moneyTooLargeMessage = (subject: string) => `${subject.charAt(0).toUpperCase()}${subject.slice(1)} must be ${MAX_MONEY_TEXT} or less`;
