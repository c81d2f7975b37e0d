import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseTimeOfDay } from '../calendar/london-time';
import { MAX_MONEY_PENCE, moneyTooLargeMessage, parsePoundsToPence } from '../money';

/** An amount typed in pounds, read later with parsePoundsToPence (BR-19). */
export function IsPounds(message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPounds',
      validator: { validate: (value: unknown) => typeof value === 'string' && parsePoundsToPence(value) !== null, defaultMessage: () => message },
    },
    options,
  );
}

/**
 * An amount no more than MAX_MONEY_PENCE, so it fits its integer column.
 * `subject` names it in the message: "the ceiling price". An amount that is
 * not one at all is left to @IsPounds.
 */
export function MaxPounds(subject: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxPounds',
      validator: {
        validate: (value: unknown) => {
          const amount = typeof value === 'string' ? parsePoundsToPence(value) : null;
          return amount === null || amount <= MAX_MONEY_PENCE;
        },
        defaultMessage: () => moneyTooLargeMessage(subject),
      },
    },
    options,
  );
}

/** A whole number typed into a text box, within a range. */
export function IsWholeNumber(min: number, max: number, message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWholeNumber',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^\d{1,7}$/.test(value.replace(/,/g, '')) &&
          Number(value.replace(/,/g, '')) >= min &&
          Number(value.replace(/,/g, '')) <= max,
        defaultMessage: () => message,
      },
    },
    options,
  );
}

export const wholeNumber = (value: string) => Number(value.replace(/,/g, ''));

/** A time of day, as parseTimeOfDay reads it. */
export function IsTimeOfDay(message: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeOfDay',
      validator: { validate: (value: unknown) => typeof value === 'string' && parseTimeOfDay(value) !== null, defaultMessage: () => message },
    },
    options,
  );
}

/** The pence of a field that has passed @IsPounds; null when left blank. */
export function pence(value: string | undefined): number | null {
  return value === undefined ? null : parsePoundsToPence(value);
}
