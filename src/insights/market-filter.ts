import type { FieldError } from '../common/forms/form-invalid.error';

export interface MarketFilter {
  /** First month, 'YYYY-MM', inclusive. */
  from: string;
  /** Last month, 'YYYY-MM', inclusive. */
  to: string;
  lotId: string | null;
  areaId: string | null;
  agencyId: string | null;
}

export interface MarketFilterOptions {
  today: string;
  lotIds: ReadonlySet<string>;
  areaIds: ReadonlySet<string>;
  agencyIds: ReadonlySet<string>;
  /** A commissioner's own agency: every report is held to it. */
  fixedAgencyId?: string | null;
}

const MONTH = /^(20\d{2})-(0[1-9]|1[0-2])$/;
export const MAX_MONTHS = 120;

export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [lastYear, lastMonth] = to.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number);
  const index = year * 12 + (number - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The financial year (by its starting calendar year) a month falls in: April starts the year. */
export function financialYearOfMonth(month: string): number {
  const [year, number] = month.split('-').map(Number);
  return number >= 4 ? year : year - 1;
}

/**
 * Reads the report filters from the query string. Anything malformed is
 * reported against its field, in GOV.UK wording, and the defaults stand in
 * for it, so the page still shows something sensible beside the errors.
 */
export function parseMarketFilter(query: Record<string, unknown>, options: MarketFilterOptions): { filter: MarketFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  // A repeated or nested parameter is as malformed as a bad value.
  const text = (key: string) => (query[key] === undefined ? '' : typeof query[key] === 'string' ? (query[key] as string).trim() : '\u0000');
  const thisMonth = options.today.slice(0, 7);
  const month = (key: 'from' | 'to', fallback: string, label: string) => {
    const raw = text(key);
    if (raw === '') return fallback;
    if (!MONTH.test(raw)) {
      errors.push({ field: key, href: `#${key}`, text: `Select the ${label} month from the list` });
      return fallback;
    }
    return raw;
  };
  let from = month('from', shiftMonth(thisMonth, -11), 'first');
  let to = month('to', thisMonth, 'last');
  if (from > to) {
    errors.push({ field: 'to', href: '#to', text: 'The last month must be the same as or after the first month' });
    [from, to] = [shiftMonth(thisMonth, -11), thisMonth];
  } else if (monthsBetween(from, to).length > MAX_MONTHS) {
    errors.push({ field: 'from', href: '#from', text: 'Choose a period of 10 years or less' });
    from = shiftMonth(to, -(MAX_MONTHS - 1));
  }
  const choice = (key: string, allowed: ReadonlySet<string>, label: string) => {
    const raw = text(key);
    if (raw === '') return null;
    if (!allowed.has(raw)) {
      errors.push({ field: key, href: `#${key}`, text: `Select ${label} from the list` });
      return null;
    }
    return raw;
  };
  const lotId = choice('lot', options.lotIds, 'a lot');
  const areaId = choice('area', options.areaIds, 'a district');
  const agencyId = options.fixedAgencyId ?? choice('agency', options.agencyIds, 'an agency');
  return { filter: { from, to, lotId, areaId, agencyId }, errors };
}

/** The months offered in the filter lists: the last ten years, newest first. */
export function monthChoices(today: string): Array<{ value: string; text: string }> {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return monthsBetween(shiftMonth(today.slice(0, 7), -(MAX_MONTHS - 1)), today.slice(0, 7))
    .reverse()
    .map((value) => ({ value, text: `${names[Number(value.slice(5)) - 1]} ${value.slice(0, 4)}` }));
}
