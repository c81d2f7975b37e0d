import { IsNotEmpty, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../auth/password.validator';
import { EmailAddressField } from '../../common/forms/email-address-field';

export class SetUpForm {
  @IsNotEmpty({ message: 'The set-up link is not valid' })
  token: string;

  @IsNotEmpty({ message: 'Enter the name of the partnership' })
  @MaxLength(200, { message: 'The partnership’s name must be 200 characters or fewer' })
  partnershipName: string;

  @IsNotEmpty({ message: 'Enter the name of the lead agency' })
  @MaxLength(200, { message: 'The agency’s name must be 200 characters or fewer' })
  agencyName: string;

  @IsNotEmpty({ message: 'Enter your full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @EmailAddressField('Enter your email address')
  email: string;

  @IsAcceptablePassword()
  password: string;
}
