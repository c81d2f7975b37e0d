import { IsEmail, IsNotEmpty, MaxLength } from 'class-validator';
import { EMAIL_FORMAT_MESSAGE } from '../../common/forms/messages';
import { ToLowerCase } from '../../common/forms/form-transforms';

export class InviteColleagueForm {
  @IsNotEmpty({ message: 'Enter your colleague’s full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @IsNotEmpty({ message: 'Enter your colleague’s email address' })
  @IsEmail({}, { message: EMAIL_FORMAT_MESSAGE })
  @MaxLength(254, { message: 'Email address must be 254 characters or fewer' })
  @ToLowerCase()
  email: string;
}
