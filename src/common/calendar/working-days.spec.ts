import { calendarFor, DIVISIONS, ENGLAND_AND_WALES_BANK_HOLIDAYS, UK_BANK_HOLIDAYS } from './bank-holidays';
import { addWorkingDays, BeyondHolidayDataError, holidayCalendar, isWorkingDay, londonDate, workingDaysBetween } from './working-days';

/** PCR 2015 clocks: England and Wales. */
const holidays = calendarFor(UK_BANK_HOLIDAYS, ['england-and-wales']);
/** Procurement Act 2023 clocks: a bank holiday in any part of the UK. */
const ukWide = calendarFor(UK_BANK_HOLIDAYS, DIVISIONS);
const none = holidayCalendar([], '2030-12-31');

describe('bank holiday data', () => {
  it('has 8 bank holidays in each year from 2024 to 2030, none at a weekend', () => {
    for (let year = 2024; year <= 2030; year++) {
      const inYear = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((holiday) => holiday.date.startsWith(String(year)));
      expect({ year, count: inYear.length }).toEqual({ year, count: 8 });
    }
    for (const { date } of ENGLAND_AND_WALES_BANK_HOLIDAYS) expect({ date, weekday: isWorkingDay(date, none) }).toEqual({ date, weekday: true });
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-23', true], // Monday
    ['2026-11-28', false], // Saturday
    ['2026-11-29', false], // Sunday
    ['2026-12-25', false], // Christmas Day
    ['2026-12-28', false], // Boxing Day substitute
    ['2026-12-29', true],
  ])('%s → %p', (date, expected) => expect(isWorkingDay(date, holidays)).toBe(expected));
});

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    // Friday + 1 working day is Monday.
    expect(addWorkingDays('2026-11-20', 1, holidays)).toBe('2026-11-23');
    // 10 working days is two calendar weeks when no holiday intervenes.
    expect(addWorkingDays('2026-11-02', 10, holidays)).toBe('2026-11-16');
  });

  it('skips bank holidays, including substitute days', () => {
    // Submitted Monday 21 December 2026: 25th and 28th are holidays.
    expect(addWorkingDays('2026-12-21', 10, holidays)).toBe('2027-01-07');
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March.
    expect(addWorkingDays('2027-03-25', 1, holidays)).toBe('2027-03-30');
  });

  it('counts from a weekend start as from the next working day', () => {
    expect(addWorkingDays('2026-11-21', 1, holidays)).toBe('2026-11-23');
  });

  it('refuses nonsense', () => {
    expect(() => addWorkingDays('2026-11-20', -1, holidays)).toThrow();
    expect(() => addWorkingDays('20/11/2026', 1, holidays)).toThrow();
  });
});

describe('bank holidays in every part of the UK (Procurement Act 2023, s.123)', () => {
  it('has each division’s own days, 2024 to 2030', () => {
    const count = (division: string, year: number) =>
      UK_BANK_HOLIDAYS.filter((holiday) => holiday.division === division && holiday.date.startsWith(String(year))).length;
    for (let year = 2024; year <= 2030; year++) {
      expect({ year, scotland: count('scotland', year), northernIreland: count('northern-ireland', year) }).toEqual({ year, scotland: 9, northernIreland: 10 });
    }
    expect(ukWide.holidays.has('2027-01-04')).toBe(true); // 2nd January (substitute day), Scotland
    expect(ukWide.holidays.has('2026-11-30')).toBe(true); // St Andrew’s Day, Scotland
    expect(ukWide.holidays.has('2027-03-17')).toBe(true); // St Patrick’s Day, Northern Ireland
    expect(ukWide.holidays.has('2026-07-13')).toBe(true); // Battle of the Boyne (substitute day), Northern Ireland
    expect(holidays.holidays.has('2027-03-17')).toBe(false);
  });

  it('counts 8 working days from 21 December 2026 past Christmas, New Year and Scotland’s 2 January', () => {
    // 22, 23, 24, 29, 30, 31 December; 1 January and Scotland's 4 January (2nd January substitute) skipped; 5 and 6 January.
    expect(addWorkingDays('2026-12-21', 8, ukWide)).toBe('2027-01-06');
    // England and Wales alone work on 4 January.
    expect(addWorkingDays('2026-12-21', 8, holidays)).toBe('2027-01-05');
  });

  it('skips St Patrick’s Day across March 2027', () => {
    // Monday 15 March 2027 + 3: 16, (17 skipped), 18, 19.
    expect(addWorkingDays('2027-03-15', 3, ukWide)).toBe('2027-03-19');
    expect(addWorkingDays('2027-03-15', 3, holidays)).toBe('2027-03-18');
  });

  it('refuses a date past the last year of holiday data instead of guessing', () => {
    expect(ukWide.knownThrough).toBe('2030-12-31');
    expect(() => addWorkingDays('2030-12-20', 10, ukWide)).toThrow(BeyondHolidayDataError);
    expect(() => addWorkingDays('2030-12-20', 10, ukWide)).toThrow('the portal knows bank holidays only up to 2030-12-31');
    expect(addWorkingDays('2030-12-20', 5, ukWide)).toBe('2030-12-31');
    // The division with the fewest years of data limits the calendar.
    expect(
      calendarFor([...ENGLAND_AND_WALES_BANK_HOLIDAYS, { division: 'scotland', date: '2027-01-01' }], ['england-and-wales', 'scotland']).knownThrough,
    ).toBe('2027-12-31');
    expect(calendarFor([...UK_BANK_HOLIDAYS, { division: 'england-and-wales', date: '2031-01-01' }], ['england-and-wales']).knownThrough).toBe('2031-12-31');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the start, up to and including the end', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23', holidays)).toBe(1);
    expect(workingDaysBetween('2026-12-21', '2027-01-07', holidays)).toBe(10);
    expect(workingDaysBetween('2026-11-23', '2026-11-23', holidays)).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-01', holidays)).toBe(0);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const start of ['2026-12-18', '2027-03-24', '2028-12-22']) {
      for (const days of [1, 5, 10, 15]) expect(workingDaysBetween(start, addWorkingDays(start, days, holidays), holidays)).toBe(days);
    }
  });
});

describe('londonDate', () => {
  it('uses UK time', () => {
    expect(londonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(londonDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});
