/** The same calendar date `years` later; 29 February becomes 28 February in other years. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const result = new Date(Date.UTC(year + years, month - 1, day));
  if (result.getUTCMonth() !== month - 1) result.setUTCDate(0);
  return result.toISOString().slice(0, 10);
}
