import { IsEmail, IsNotEmpty, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../auth/password.validator';
import { EMAIL_FORMAT_MESSAGE } from '../../common/forms/messages';
import { ToLowerCase } from '../../common/forms/form-transforms';

export class RegisterProviderForm {
  @IsNotEmpty({ message: 'Enter the name of your organisation' })
  @MaxLength(200, { message: 'Organisation name must be 200 characters or fewer' })
  organisationName: string;

  @IsNotEmpty({ message: 'Enter your full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @IsNotEmpty({ message: 'Enter your email address' })
  @IsEmail({}, { message: EMAIL_FORMAT_MESSAGE })
  @MaxLength(254, { message: 'Email address must be 254 characters or fewer' })
  @ToLowerCase()
  email: string;

  @IsAcceptablePassword()
  password: string;
}
