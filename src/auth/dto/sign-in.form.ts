import { IsNotEmpty } from 'class-validator';

export class SignInForm {
  @IsNotEmpty({ message: 'Enter your email address' })
  email: string;

  @IsNotEmpty({ message: 'Enter your password' })
  password: string;
}
