import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { ToLowerCase } from './form-transforms';

export const EMAIL_FORMAT_MESSAGE = 'Enter an email address in the correct format, like name@example.com';

/** Well-formed, at most 254 characters, lower-cased: what every email address field checks once it has a value. */
const emailAddressChecks = () => [
  IsEmail({}, { message: EMAIL_FORMAT_MESSAGE }),
  MaxLength(254, { message: 'Email address must be 254 characters or fewer' }),
  ToLowerCase(),
];

/** An email address field in GOV.UK wording: required, then the checks above. */
export function EmailAddressField(missingMessage: string): PropertyDecorator {
  return applyDecorators(IsNotEmpty({ message: missingMessage }), ...emailAddressChecks());
}

/** The same, for an address that may be left blank. */
export function OptionalEmailAddressField(): PropertyDecorator {
  return applyDecorators(IsOptional(), ...emailAddressChecks());
}
