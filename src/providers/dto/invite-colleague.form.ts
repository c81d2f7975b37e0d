import { IsNotEmpty, MaxLength } from 'class-validator';
import { EmailAddressField } from '../../common/forms/email-address-field';

export class InviteColleagueForm {
  @IsNotEmpty({ message: 'Enter your colleague’s full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @EmailAddressField('Enter your colleague’s email address')
  email: string;
}
