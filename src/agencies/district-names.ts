/**
 * The district rows of an "add another" form: trimmed, blanks dropped, and
 * the first repeated name (ignoring case) reported by its row index.
 */
export function districtNames(rows: unknown): { names: string[]; repeatedRow: number | null; tooLongRow: number | null } {
  const values = ([] as unknown[]).concat(rows ?? []).map((value) => (typeof value === 'string' ? value.trim() : ''));
  const seen = new Set<string>();
  let repeatedRow: number | null = null;
  let tooLongRow: number | null = null;
  values.forEach((value, index) => {
    if (!value) return;
    if (value.length > 200 && tooLongRow === null) tooLongRow = index;
    const key = value.toLowerCase();
    if (seen.has(key) && repeatedRow === null) repeatedRow = index;
    seen.add(key);
  });
  return { names: values.filter(Boolean), repeatedRow, tooLongRow };
}

/** The rows to show again: what was submitted, at least one, plus a blank one when adding another. */
export function districtRows(rows: unknown, addAnother = false): string[] {
  const values = ([] as unknown[]).concat(rows ?? []).map((value) => (typeof value === 'string' ? value : ''));
  const shown = values.length ? values : [''];
  return addAnother ? [...shown, ''] : shown;
}
