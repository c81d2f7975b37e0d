import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class TwoFactorCodeForm {
  @IsNotEmpty({ message: 'Enter the 6-digit code from your authenticator app' })
  @IsString({ message: 'Enter the 6-digit code from your authenticator app' })
  @Matches(/^\s*\d[\d\s-]{4,}\d\s*$/, { message: 'The code must be 6 digits, like 123456' })
  @MaxLength(20, { message: 'The code must be 6 digits, like 123456' })
  code: string;
}

export class RecoveryCodeForm {
  @IsNotEmpty({ message: 'Enter one of your recovery codes' })
  @IsString({ message: 'Enter one of your recovery codes' })
  @MaxLength(40, { message: 'A recovery code is 10 letters and numbers, like abcde-23456' })
  code: string;
}
