/**
 * Working-day arithmetic for statutory clocks (BR-3 decision clock, BR-11
 * standstill). Dates are calendar dates in UK time, written "YYYY-MM-DD";
 * working days exclude Saturdays, Sundays and the bank holidays of the
 * calendar given, which also says how far its holiday data reaches.
 */
export type IsoDate = string;

/** The bank holidays a clock skips, known up to and including `knownThrough`. */
export interface HolidayCalendar {
  readonly holidays: ReadonlySet<IsoDate>;
  readonly knownThrough: IsoDate;
}

export function holidayCalendar(holidays: Iterable<IsoDate>, knownThrough: IsoDate): HolidayCalendar {
  return { holidays: new Set(holidays), knownThrough };
}

/** A clock reached past the last date the portal has bank holidays for: it refuses rather than guess. */
export class BeyondHolidayDataError extends Error {
  constructor(readonly knownThrough: IsoDate) {
    super(
      `This date cannot be worked out yet: the portal knows bank holidays only up to ${knownThrough}. A system admin needs to add the next year’s bank holidays first.`,
    );
    this.name = 'BeyondHolidayDataError';
  }
}

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

export function isWorkingDay(date: IsoDate, calendar: HolidayCalendar): boolean {
  const weekday = toUtcNoon(date).getUTCDay();
  if (date > calendar.knownThrough) throw new BeyondHolidayDataError(calendar.knownThrough);
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date);
}

/** The date `count` working days after `start` (the start day itself never counts). */
export function addWorkingDays(start: IsoDate, count: number, calendar: HolidayCalendar): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new Error(`Working days must be a whole number of zero or more, not ${count}`);
  let date = start;
  let remaining = count;
  while (remaining > 0) {
    date = shift(date, 1);
    if (isWorkingDay(date, calendar)) remaining--;
  }
  return date;
}

/** Working days after `start` up to and including `end`; 0 when `end` is not after `start`. */
export function workingDaysBetween(start: IsoDate, end: IsoDate, calendar: HolidayCalendar): number {
  let count = 0;
  for (let date = shift(start, 1); date <= end; date = shift(date, 1)) {
    if (isWorkingDay(date, calendar)) count++;
  }
  return count;
}
