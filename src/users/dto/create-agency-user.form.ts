import { ArrayNotEmpty, IsIn, IsNotEmpty, IsUUID, MaxLength } from 'class-validator';
import { EmailAddressField } from '../../common/forms/email-address-field';
import { ToArray } from '../../common/forms/form-transforms';
import { AGENCY_ROLES, Role } from '../role';

export class CreateAgencyUserForm {
  @IsNotEmpty({ message: 'Enter their full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @EmailAddressField('Enter their email address')
  email: string;

  @IsNotEmpty({ message: 'Select their agency' })
  @IsUUID('all', { message: 'Select their agency' })
  agencyId: string;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one role' })
  @IsIn(AGENCY_ROLES, { each: true, message: 'Select a role from the list' })
  roles: Role[];

  static fieldIds = { roles: 'roles' };
}
