import { addWorkingDays, HolidayCalendar, IsoDate, workingDaysBetween } from '../common/calendar/working-days';

export interface DecisionClock {
  /** Working days since submission, up to today. */
  elapsed: number;
  /** Working days allowed: the route's clock, or the extended clock once extended. */
  allowed: number;
  dueOn: IsoDate;
  overdue: boolean;
  extended: boolean;
}

/**
 * BR-3: a decision is due within the route's working days of submission,
 * extendable (with a recorded reason) to the route's longer limit. Weekends
 * and bank holidays do not count.
 */
export function decisionClock(
  submittedOn: IsoDate,
  today: IsoDate,
  route: { decisionClockDays: number; decisionExtendedDays: number },
  extended: boolean,
  holidays: HolidayCalendar,
): DecisionClock {
  const allowed = extended ? route.decisionExtendedDays : route.decisionClockDays;
  const dueOn = addWorkingDays(submittedOn, allowed, holidays);
  return { elapsed: workingDaysBetween(submittedOn, today, holidays), allowed, dueOn, overdue: today > dueOn, extended };
}
