import { IsNotEmpty, IsString } from 'class-validator';

export class SignInForm {
  @IsNotEmpty({ message: 'Enter your email address' })
  @IsString({ message: 'Enter your email address' })
  email: string;

  @IsNotEmpty({ message: 'Enter your password' })
  @IsString({ message: 'Enter your password' })
  password: string;
}
