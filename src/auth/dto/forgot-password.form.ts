import { IsEmail, IsNotEmpty } from 'class-validator';
import { EMAIL_FORMAT_MESSAGE } from '../../common/forms/messages';
import { ToLowerCase } from '../../common/forms/form-transforms';

export class ForgotPasswordForm {
  @IsNotEmpty({ message: 'Enter your email address' })
  @IsEmail({}, { message: EMAIL_FORMAT_MESSAGE })
  @ToLowerCase()
  email: string;
}
