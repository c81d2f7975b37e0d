import { EmailAddressField } from '../../common/forms/email-address-field';

export class ForgotPasswordForm {
  @EmailAddressField('Enter your email address')
  email: string;
}
