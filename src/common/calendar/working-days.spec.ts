import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays';
import { addWorkingDays, isWorkingDay, londonDate, workingDaysBetween } from './working-days';

const holidays = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((holiday) => holiday.date));
const none = new Set<string>();

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
