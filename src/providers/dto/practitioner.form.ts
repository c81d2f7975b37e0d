import { ArrayNotEmpty, IsIn, IsNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';
import { REGISTRATION_BODIES, RegistrationBody } from '../practitioner.entity';

export class PractitionerForm {
  @IsNotEmpty({ message: 'Enter the practitioner’s full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  fullName: string;

  @IsNotEmpty({ message: 'Enter their profession, for example clinical psychologist' })
  @MaxLength(200, { message: 'Profession must be 200 characters or fewer' })
  profession: string;

  @IsIn(REGISTRATION_BODIES, { message: 'Select their registration body' })
  registrationBody: RegistrationBody;

  @IsOptional()
  @MaxLength(200, { message: 'Registration body must be 200 characters or fewer' })
  registrationBodyOther?: string;

  @IsNotEmpty({ message: 'Enter their registration number' })
  @MaxLength(50, { message: 'Registration number must be 50 characters or fewer' })
  registrationNumber: string;

  @IsDateParts('the date their registration expires')
  registrationExpiresOn: DateParts;

  @IsDateParts('the date their enhanced DBS certificate was issued')
  dbsIssuedOn: DateParts;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one therapy they are qualified to deliver' })
  @IsUUID('all', { each: true, message: 'Select therapies from the list' })
  therapyTypeIds: string[];

  static fieldIds = { registrationBody: 'registrationBody', registrationExpiresOn: 'registrationExpiresOn-day', dbsIssuedOn: 'dbsIssuedOn-day' };
}
