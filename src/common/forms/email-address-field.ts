import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { ToLowerCase } from './form-transforms';

export const EMAIL_FORMAT_MESSAGE = 'Enter an email address in the correct format, like name@example.com';

/** An email address field in GOV.UK wording: required, well-formed, at most 254 characters, lower-cased. */
export function EmailAddressField(missingMessage: string): PropertyDecorator {
  return applyDecorators(
    IsNotEmpty({ message: missingMessage }),
    IsEmail({}, { message: EMAIL_FORMAT_MESSAGE }),
    MaxLength(254, { message: 'Email address must be 254 characters or fewer' }),
    ToLowerCase(),
  );
}

/** The same, for an address that may be left blank. */
export function OptionalEmailAddressField(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsEmail({}, { message: EMAIL_FORMAT_MESSAGE }), MaxLength(254, { message: 'Email address must be 254 characters or fewer' }), ToLowerCase());
}
