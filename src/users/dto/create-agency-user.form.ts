import { ArrayNotEmpty, IsEmail, IsIn, IsNotEmpty, IsUUID, MaxLength } from 'class-validator';
import { EMAIL_FORMAT_MESSAGE } from '../../common/forms/messages';
import { ToArray, ToLowerCase } from '../../common/forms/form-transforms';
import { AGENCY_ROLES, Role } from '../role';

export class CreateAgencyUserForm {
  @IsNotEmpty({ message: 'Enter their full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @IsNotEmpty({ message: 'Enter their email address' })
  @IsEmail({}, { message: EMAIL_FORMAT_MESSAGE })
  @MaxLength(254, { message: 'Email address must be 254 characters or fewer' })
  @ToLowerCase()
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
