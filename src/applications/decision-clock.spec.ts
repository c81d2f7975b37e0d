import { calendarFor, UK_BANK_HOLIDAYS } from '../common/calendar/bank-holidays';
import { decisionClock } from './decision-clock';

const holidays = calendarFor(UK_BANK_HOLIDAYS, ['england-and-wales']);
const route = { decisionClockDays: 10, decisionExtendedDays: 15 };

describe('decisionClock', () => {
  it('counts working days and gives the due date', () => {
    expect(decisionClock('2026-11-02', '2026-11-09', route, false, holidays)).toEqual({
      elapsed: 5,
      allowed: 10,
      dueOn: '2026-11-16',
      overdue: false,
      extended: false,
    });
  });

  it('is overdue the working day after the due date', () => {
    expect(decisionClock('2026-11-02', '2026-11-16', route, false, holidays).overdue).toBe(false);
    expect(decisionClock('2026-11-02', '2026-11-17', route, false, holidays).overdue).toBe(true);
  });

  it('skips Christmas bank holidays', () => {
    expect(decisionClock('2026-12-21', '2026-12-31', route, false, holidays)).toMatchObject({ elapsed: 6, dueOn: '2027-01-07' });
  });

  it('moves the due date when extended to 15 working days', () => {
    expect(decisionClock('2026-11-02', '2026-11-17', route, true, holidays)).toEqual({
      elapsed: 11,
      allowed: 15,
      dueOn: '2026-11-23',
      overdue: false,
      extended: true,
    });
  });
});
