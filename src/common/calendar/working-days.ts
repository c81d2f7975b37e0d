/**
 * Working-day arithmetic for statutory clocks (BR-3 decision clock, BR-11
 * standstill). Dates are calendar dates in UK time, written "YYYY-MM-DD";
 * working days exclude Saturdays, Sundays and the bank holidays given.
 */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The UK calendar date of an instant: 23:30 UTC on a summer evening is already tomorrow in London. */
export function londonDate(instant: Date): IsoDate {
  return london.format(instant);
}

function toUtcNoon(date: IsoDate): Date {
  if (!ISO_DATE.test(date)) throw new Error(`Not a date: ${date}`);
  return new Date(`${date}T12:00:00Z`);
}

function shift(date: IsoDate, days: number): IsoDate {
  const moved = toUtcNoon(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  const weekday = toUtcNoon(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The date `count` working days after `start` (the start day itself never counts). */
export function addWorkingDays(start: IsoDate, count: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new Error(`Working days must be a whole number of zero or more, not ${count}`);
  let date = start;
  let remaining = count;
  while (remaining > 0) {
    date = shift(date, 1);
    if (isWorkingDay(date, holidays)) remaining--;
  }
  return date;
}

/** Working days after `start` up to and including `end`; 0 when `end` is not after `start`. */
export function workingDaysBetween(start: IsoDate, end: IsoDate, holidays: ReadonlySet<IsoDate>): number {
  let count = 0;
  for (let date = shift(start, 1); date <= end; date = shift(date, 1)) {
    if (isWorkingDay(date, holidays)) count++;
  }
  return count;
}
