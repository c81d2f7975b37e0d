import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH } from '../password';
import { IsAcceptablePassword } from '../password.validator';

export class ChangePasswordForm {
  @IsNotEmpty({ message: 'Enter your current password' })
  @IsString({ message: 'Enter your current password' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: 'The password is not correct' })
  currentPassword: string;

  @IsAcceptablePassword()
  newPassword: string;
}

/** Re-authentication before changing how someone signs in. */
export class ConfirmPasswordForm {
  @IsNotEmpty({ message: 'Enter your password' })
  @IsString({ message: 'Enter your password' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: 'The password is not correct' })
  password: string;
}
