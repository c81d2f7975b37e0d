/** The same calendar date `years` later; 29 February becomes 28 February in other years. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const result = new Date(Date.UTC(year + years, month - 1, day));
  if (result.getUTCMonth() !== month - 1) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}

/** The same calendar date `months` later; 31 January plus one month is 28 (or 29) February. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const result = new Date(Date.UTC(year, month - 1 + months, day));
  if (result.getUTCDate() !== day) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const result = new Date(`${date}T12:00:00Z`);
  result.setUTCDate(result.getUTCDate() + days);
  return result.toISOString().slice(0, 10);
}
