import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { cleanFormInput } from './clean-form-input';
import { FieldIds, toFieldErrors } from './field-errors';
import { FormInvalidError } from './form-invalid.error';

const PLAIN_TYPES: unknown[] = [String, Boolean, Number, Array, Object];

/** A DTO may say which element id an error should link to, e.g. a date's "-day" input. */
export interface FormClass {
  new (): object;
  fieldIds?: FieldIds;
}

/**
 * Validates every `@Body()` typed with a DTO class. Strings are trimmed, empty
 * values become missing and unknown fields are dropped.
 */
@Injectable()
export class FormValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as FormClass | undefined;
    if (metadata.type !== 'body' || !metatype || PLAIN_TYPES.includes(metatype)) return value;
    const form = plainToInstance(metatype, cleanFormInput(value), { exposeDefaultValues: true });
    const errors = await validate(form, { whitelist: true, forbidUnknownValues: false, validationError: { target: false } });
    if (errors.length > 0) throw new FormInvalidError(toFieldErrors(errors, metatype.fieldIds));
    return form;
  }
}
