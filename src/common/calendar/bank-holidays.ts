import GOV_UK_BANK_HOLIDAYS from './data/uk-bank-holidays.json';
import { HolidayCalendar, holidayCalendar, IsoDate } from './working-days';

/**
 * UK bank holidays for each division, 2024 to 2030 with substitute days, in
 * the shape GOV.UK publishes at https://www.gov.uk/bank-holidays.json
 * (division, then events of title, date, notes, bunting). The dates follow
 * the Banking and Financial Dealings Act 1971, Schedule 1, for each part of
 * the UK. The seeder loads them into the bank_holidays table, which is what
 * the clocks read; a later year is added as data, never as code.
 */
export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof DIVISIONS)[number];

export interface DivisionHoliday {
  division: Division;
  date: IsoDate;
  name: string;
}

export const UK_BANK_HOLIDAYS: DivisionHoliday[] = DIVISIONS.flatMap((division) =>
  GOV_UK_BANK_HOLIDAYS[division].events.map((event) => ({
    division,
    date: event.date,
    name: event.notes ? `${event.title} (${event.notes.toLowerCase()})` : event.title,
  })),
);

/** England and Wales alone, for the PCR 2015 clocks and the tests that use them. */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS = UK_BANK_HOLIDAYS.filter((holiday) => holiday.division === 'england-and-wales');

/** The last year a division has holiday data for (0 when it has none). */
export function lastKnownYear(holidays: ReadonlyArray<Pick<DivisionHoliday, 'division' | 'date'>>, division: Division): number {
  return Math.max(0, ...holidays.filter((holiday) => holiday.division === division).map((holiday) => Number(holiday.date.slice(0, 4))));
}

/**
 * The calendar for a clock that skips the bank holidays of every division
 * given. Its data reaches the end of the last year that every one of those
 * divisions has holidays for; past that, the clock refuses.
 */
export function calendarFor(holidays: ReadonlyArray<Pick<DivisionHoliday, 'division' | 'date'>>, divisions: readonly Division[]): HolidayCalendar {
  const lastYears = divisions.map((division) => lastKnownYear(holidays, division));
  const knownThrough = `${String(Math.min(...lastYears)).padStart(4, '0')}-12-31`;
  return holidayCalendar(
    holidays.filter((holiday) => divisions.includes(holiday.division)).map((holiday) => holiday.date),
    knownThrough,
  );
}
