import { IsNotEmpty, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../auth/password.validator';
import { EmailAddressField } from '../../common/forms/email-address-field';

export class RegisterProviderForm {
  @IsNotEmpty({ message: 'Enter the name of your organisation' })
  @MaxLength(200, { message: 'Organisation name must be 200 characters or fewer' })
  organisationName: string;

  @IsNotEmpty({ message: 'Enter your full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @EmailAddressField('Enter your email address')
  email: string;

  @IsAcceptablePassword()
  password: string;
}
