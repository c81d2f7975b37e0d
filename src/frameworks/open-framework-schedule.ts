import { addDays, addYears } from '../common/calendar/dates';
import type { IsoDate } from '../common/calendar/working-days';
import { formatIsoDate } from '../common/views/format';
import type { ProcurementRoute } from './procurement-routes';

/** A period, first and last day inclusive. */
export interface DatePeriod {
  opensOn: IsoDate;
  closesOn: IsoDate;
}

/**
 * PA 2023 s49(2): an open framework awards a framework at least once in the
 * 3 years beginning with the first award, then in each 5 years beginning
 * with the second, and ends within 8 years of the first. The portal takes the
 * last day of each window as that window's award, and counts the 8 years from
 * the day the framework opens (no later than its first award, so never longer
 * than the Act allows).
 */
export const OPEN_FRAMEWORK_LIMITS = { firstReopeningYears: 3, laterReopeningYears: 5, maximumTermYears: 8 } as const;

/** The last day of the period of `years` beginning with `day`. */
const lastDayOfPeriod = (day: IsoDate, years: number): IsoDate => addDays(addYears(day, years), -1);

/** The last day an open framework opening on `opensOn` may run to (s49(2)(c)). */
export const openFrameworkLatestClose = (opensOn: IsoDate): IsoDate => lastDayOfPeriod(opensOn, OPEN_FRAMEWORK_LIMITS.maximumTermYears);

const period = (window: DatePeriod) => `${formatIsoDate(window.opensOn)} to ${formatIsoDate(window.closesOn)}`;

/** Why a window cannot be added to the framework's term, by field. */
export function reopeningWindowProblems(term: DatePeriod, window: DatePeriod, existing: readonly DatePeriod[]): Partial<Record<keyof DatePeriod, string>> {
  if (window.closesOn < window.opensOn) return { closesOn: 'The window must close on or after the day it opens' };
  if (window.opensOn < term.opensOn) return { opensOn: `The window must open on or after the framework opens, ${formatIsoDate(term.opensOn)}` };
  if (window.closesOn > term.closesOn) return { closesOn: `The window must close on or before the framework closes, ${formatIsoDate(term.closesOn)}` };
  const overlapping = existing.find((other) => window.opensOn <= other.closesOn && other.opensOn <= window.closesOn);
  return overlapping ? { opensOn: `The window overlaps the window from ${period(overlapping)}` } : {};
}

/** What stops an open framework's term and windows meeting s49(2); empty when they do. */
export function openFrameworkScheduleProblems(term: DatePeriod, windows: readonly DatePeriod[]): string[] {
  if (windows.length === 0) return ['Add a window in which providers can apply: an open framework admits providers only while a window is open'];
  const problems: string[] = [];
  const latestClose = openFrameworkLatestClose(term.opensOn);
  if (term.closesOn > latestClose) problems.push(`An open framework can last at most 8 years: it must close by ${formatIsoDate(latestClose)}`);

  const awards = windows.map((window) => window.closesOn).sort();
  const firstDue = lastDayOfPeriod(awards[0], OPEN_FRAMEWORK_LIMITS.firstReopeningYears);
  if (term.closesOn > firstDue && !(awards[1] && awards[1] <= firstDue)) {
    problems.push(`The open framework must reopen, with a window that closes by ${formatIsoDate(firstDue)} (3 years from the first award)`);
    return problems;
  }
  for (let index = 1; index < awards.length; index++) {
    const due = lastDayOfPeriod(awards[index], OPEN_FRAMEWORK_LIMITS.laterReopeningYears);
    if (term.closesOn > due && !(awards[index + 1] && awards[index + 1] <= due)) {
      problems.push(
        `The open framework must reopen again, with a window that closes by ${formatIsoDate(due)} (5 years after the reopening that closes on ${formatIsoDate(awards[index])})`,
      );
      break;
    }
  }
  return problems;
}

/** BR-1: a dynamic route admits applications whenever it is open; an open framework only inside a window. */
export function acceptsApplicationsOn(route: ProcurementRoute, windows: readonly DatePeriod[], today: IsoDate): boolean {
  return route !== 'open_framework' || windows.some((window) => window.opensOn <= today && today <= window.closesOn);
}
