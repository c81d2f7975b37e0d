import type { ValidationError } from 'class-validator';
import type { FieldError } from './form-invalid.error';

/** Constraints that mean "nothing was entered"; their message wins over format messages. */
const PRESENCE_CONSTRAINTS = ['isDefined', 'isNotEmpty', 'arrayNotEmpty', 'arrayMinSize'];

export type FieldIds = Record<string, string>;

/**
 * Turns class-validator errors into one message per field, in the order the
 * fields are declared, as the GOV.UK error summary expects.
 */
export function toFieldErrors(errors: ValidationError[], fieldIds: FieldIds = {}, prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}[${error.property}]` : error.property;
    if (error.constraints) {
      const names = Object.keys(error.constraints);
      const presence = names.find((name) => PRESENCE_CONSTRAINTS.includes(name));
      const missing = error.value === undefined || error.value === null;
      const chosen = missing && presence ? presence : (names.find((name) => !PRESENCE_CONSTRAINTS.includes(name)) ?? names[0]);
      result.push({ field, href: `#${fieldIds[field] ?? field}`, text: error.constraints[chosen] });
    }
    if (error.children?.length) result.push(...toFieldErrors(error.children, fieldIds, field));
  }
  return result;
}
