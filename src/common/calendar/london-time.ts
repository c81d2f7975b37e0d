import type { IsoDate } from './working-days';

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

/** Minutes London is ahead of UTC at an instant: 0 in winter, 60 in summer. */
function londonOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/**
 * The instant of a wall-clock time in London, so "31 March at 5pm" means 5pm
 * whether or not the clocks have gone forward. A time that does not exist
 * (skipped at the spring change) moves forward an hour.
 */
export function londonInstant(date: IsoDate, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc.getTime())) throw new Error(`Not a date and time: ${date} ${time}`);
  let instant = new Date(asUtc.getTime() - londonOffsetMinutes(asUtc) * 60_000);
  instant = new Date(asUtc.getTime() - londonOffsetMinutes(instant) * 60_000);
  return instant;
}

/** The London wall-clock time of an instant, "HH:MM". */
export function londonTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000);
  return shifted.toISOString().slice(11, 16);
}

/**
 * Reads a time typed as people write it: "17:00", "5pm", "5:30pm", "9.15am",
 * "midday" or "midnight". Returns "HH:MM", or null when it is not a time.
 */
export function parseTimeOfDay(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (text === 'midday' || text === 'noon') return '12:00';
  if (text === 'midnight') return '00:00';
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const period = match[3];
  if (minute > 59) return null;
  if (period) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (period === 'pm' ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) {
    // "17" alone is ambiguous enough to ask again; "17:00" is not.
    return null;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
