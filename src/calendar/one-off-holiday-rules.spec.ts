import { oneOffHolidayProblems } from './one-off-holiday-rules';

const known = [
  { division: 'england-and-wales' as const, date: '2030-12-26' },
  { division: 'scotland' as const, date: '2030-12-26' },
  { division: 'northern-ireland' as const, date: '2030-12-26' },
  { division: 'england-and-wales' as const, date: '2027-05-03' },
];

describe('one-off bank holidays', () => {
  it('accepts a future weekday in a year the data covers', () => {
    expect(oneOffHolidayProblems({ date: '2027-06-07', divisions: ['england-and-wales', 'scotland'] }, known, '2026-12-03')).toEqual({});
  });

  it('refuses a day that is not after today, because clocks have already run over it', () => {
    expect(oneOffHolidayProblems({ date: '2026-12-03', divisions: ['scotland'] }, known, '2026-12-03')).toEqual({
      date: 'The date must be after today: a holiday added to the past would change clocks that have already run',
    });
  });

  it('refuses a weekend, which is never a working day anyway', () => {
    expect(oneOffHolidayProblems({ date: '2027-06-05', divisions: ['scotland'] }, known, '2026-12-03')).toEqual({
      date: 'Choose a weekday: Saturdays and Sundays are never working days',
    });
  });

  it('refuses a year past the data, which a one-off day would seem to cover', () => {
    expect(oneOffHolidayProblems({ date: '2031-06-02', divisions: ['england-and-wales'] }, known, '2026-12-03')).toEqual({
      date: 'The bank holidays for England and Wales are known to the end of 2030: load a later year’s holidays from GOV.UK before adding a one-off day in it',
    });
  });

  it('refuses a day that is already a bank holiday in a division chosen', () => {
    expect(oneOffHolidayProblems({ date: '2027-05-03', divisions: ['scotland', 'england-and-wales'] }, known, '2026-12-03')).toEqual({
      date: '3 May 2027 is already a bank holiday in England and Wales',
    });
  });
});
