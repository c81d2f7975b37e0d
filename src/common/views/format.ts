const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** "23 November 2026", in UK time, as the GOV.UK style guide writes dates. */
export function formatDate(value: unknown): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : '';
}

/** A calendar date stored as "YYYY-MM-DD" (a date column), written the GOV.UK way. */
export function formatIsoDate(date: string | null | undefined): string {
  return date ? formatDate(`${date}T12:00:00Z`) : '';
}

/** "23 November 2026 at 7:02pm"; midday and midnight are written as words. */
export function formatDateTime(value: unknown): string {
  const date = toDate(value);
  if (!date) return '';
  const parts = timeFormat.formatToParts(date);
  const hour = parts.find((part) => part.type === 'hour')?.value;
  const minute = parts.find((part) => part.type === 'minute')?.value;
  const period = parts
    .find((part) => part.type === 'dayPeriod')
    ?.value.toLowerCase()
    .replace(/\./g, '')
    .replace(/\s/g, '');
  let time = `${hour}${minute === '00' ? '' : `:${minute}`}${period}`;
  if (minute === '00' && hour === '12') time = period === 'am' ? 'midnight' : 'midday';
  return `${dateFormat.format(date)} at ${time}`;
}

/** Pence (an integer) as "£1,234.50"; money is never a float (BR-19). */
export function formatPence(value: unknown): string {
  if (typeof value !== 'number' || !Number.isInteger(value)) return '';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  const pence = String(abs % 100).padStart(2, '0');
  return `${sign}£${pounds}.${pence}`;
}

/** A score in points to two decimal places, as the BR-8 ranking shows it: "25.91". */
export function formatPoints(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}
