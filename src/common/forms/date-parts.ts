import { ValidateBy, ValidationOptions } from 'class-validator';

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

export type DatePartsResult = { date: string } | { error: string };

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(raw: string): number {
  const name = raw.toLowerCase();
  const index = MONTH_NAMES.findIndex((month) => month === name || month.slice(0, 3) === name);
  return index >= 0 ? index + 1 : /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
}

/**
 * Reads a GOV.UK date input into "YYYY-MM-DD", with the Design System's
 * error messages: "Enter …", "… must include a month", "… must be a real date".
 * `label` names the date in messages, for example "the date the framework opens".
 */
export function parseDateParts(parts: unknown, label: string): DatePartsResult {
  const value = (parts && typeof parts === 'object' ? parts : {}) as DateParts;
  const day = typeof value.day === 'string' ? value.day.trim() : '';
  const month = typeof value.month === 'string' ? value.month.trim() : '';
  const year = typeof value.year === 'string' ? value.year.trim() : '';
  const capitalised = label[0].toUpperCase() + label.slice(1);
  if (!day && !month && !year) return { error: `Enter ${label}` };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean) as string[];
  if (missing.length) return { error: `${capitalised} must include a ${missing.join(' and ')}` };
  const d = /^\d{1,2}$/.test(day) ? Number(day) : NaN;
  const m = monthNumber(month);
  const y = /^\d{4}$/.test(year) ? Number(year) : NaN;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1 || y < 1900 || y > 2100) {
    return { error: `${capitalised} must be a real date` };
  }
  return { date: date.toISOString().slice(0, 10) };
}

/** class-validator decorator for a GOV.UK date input field. */
export function IsDateParts(label: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateParts',
      validator: {
        validate: (value: unknown) => 'date' in parseDateParts(value, label),
        defaultMessage: (args) => {
          const result = parseDateParts(args?.value, label);
          return 'error' in result ? result.error : '';
        },
      },
    },
    options,
  );
}

/** The ISO date of a field that has passed @IsDateParts. */
export function isoDate(parts: unknown): string {
  const result = parseDateParts(parts, 'the date');
  if ('error' in result) throw new Error(result.error);
  return result.date;
}

/** An ISO date back into the three boxes, for edit forms. */
export function toDateParts(date: string | null | undefined): DateParts | undefined {
  if (!date) return undefined;
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
