import { Division, DivisionHoliday, lastKnownYear } from '../common/calendar/bank-holidays';
import type { IsoDate } from '../common/calendar/working-days';
import { formatIsoDate } from '../common/views/format';

export const DIVISION_NAMES: Record<Division, string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/**
 * Why a one-off bank holiday (a royal proclamation under the Banking and
 * Financial Dealings Act 1971 s1(3)) cannot be added. It must be after today,
 * so no clock that has run changes; a weekday; in a year each division
 * already has data for, or it would seem to extend that data; and new.
 */
export function oneOffHolidayProblems(
  holiday: { date: IsoDate; divisions: readonly Division[] },
  known: ReadonlyArray<Pick<DivisionHoliday, 'division' | 'date'>>,
  today: IsoDate,
): { date?: string } {
  if (holiday.date <= today) return { date: 'The date must be after today: a holiday added to the past would change clocks that have already run' };
  const weekday = new Date(`${holiday.date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return { date: 'Choose a weekday: Saturdays and Sundays are never working days' };
  const year = Number(holiday.date.slice(0, 4));
  for (const division of holiday.divisions) {
    const last = lastKnownYear(known, division);
    if (year > last)
      return {
        date: `The bank holidays for ${DIVISION_NAMES[division]} are known to the end of ${last}: load a later year’s holidays from GOV.UK before adding a one-off day in it`,
      };
  }
  const clash = holiday.divisions.find((division) => known.some((existing) => existing.division === division && existing.date === holiday.date));
  return clash ? { date: `${formatIsoDate(holiday.date)} is already a bank holiday in ${DIVISION_NAMES[clash]}` } : {};
}
