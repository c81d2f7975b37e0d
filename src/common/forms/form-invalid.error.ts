export interface FieldError {
  /** The form field (DTO property) the message belongs to. */
  field: string;
  /** Where the error summary link points: the id of the first input of that field. */
  href: string;
  text: string;
}

/**
 * Thrown by the form pipe, or by a service that finds a rule broken, to
 * re-render the submitted page with GOV.UK error messages.
 */
export class FormInvalidError extends Error {
  constructor(
    readonly fieldErrors: FieldError[],
    readonly status = 400,
  ) {
    super(fieldErrors.map((error) => error.text).join('; '));
  }

  static forField(field: string, text: string, options: { href?: string; status?: number } = {}): FormInvalidError {
    return new FormInvalidError([{ field, text, href: options.href ?? `#${field}` }], options.status);
  }
}
