import { ArrayNotEmpty, IsIn } from 'class-validator';
import { ToArray } from '../../common/forms/form-transforms';
import { AGENCY_ROLES, Role } from '../role';

export class UpdateRolesForm {
  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one role' })
  @IsIn(AGENCY_ROLES, { each: true, message: 'Select a role from the list' })
  roles: Role[];
}
