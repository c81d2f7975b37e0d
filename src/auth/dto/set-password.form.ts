import { IsNotEmpty } from 'class-validator';
import { IsAcceptablePassword } from '../password.validator';

/** Used to reset a password and to accept an invitation; the token travels in a hidden field. */
export class SetPasswordForm {
  @IsNotEmpty({ message: 'The link is not valid' })
  token: string;

  @IsAcceptablePassword()
  password: string;
}
