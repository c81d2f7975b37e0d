import { ArrayNotEmpty, IsNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { EmailAddressField } from '../../common/forms/email-address-field';
import { ToArray } from '../../common/forms/form-transforms';

const max = (label: string, length = 200) => MaxLength(length, { message: `${label} must be ${length} characters or fewer` });

export class OrganisationDetailsForm {
  @IsNotEmpty({ message: 'Enter the legal name of your organisation' })
  @max('Legal name')
  name: string;

  @IsOptional()
  @max('Trading name')
  tradingName?: string;

  @IsOptional()
  @max('Companies House number', 20)
  companiesHouseNumber?: string;

  @IsOptional()
  @max('Charity number', 20)
  charityNumber?: string;

  @IsOptional()
  @max('Ofsted URN', 20)
  ofstedUrn?: string;

  @IsOptional()
  @max('Registered agency name')
  registeredAgencyName?: string;

  @IsNotEmpty({ message: 'Enter your ICO registration number' })
  @max('ICO registration number', 20)
  icoRegistrationNumber: string;

  @IsNotEmpty({ message: 'Enter the first line of the address' })
  @max('Address line 1')
  addressLine1: string;

  @IsOptional()
  @max('Address line 2')
  addressLine2?: string;

  @IsNotEmpty({ message: 'Enter the town or city' })
  @max('Town or city', 100)
  town: string;

  @IsNotEmpty({ message: 'Enter the postcode' })
  @max('Postcode', 10)
  postcode: string;

  @IsNotEmpty({ message: 'Enter the name of your contact' })
  @max('Contact name')
  contactName: string;

  @EmailAddressField('Enter the contact email address')
  contactEmail: string;

  @IsNotEmpty({ message: 'Enter the contact telephone number' })
  @max('Telephone number', 30)
  contactPhone: string;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one area you cover' })
  @IsUUID('all', { each: true, message: 'Select areas from the list' })
  areaIds: string[];
}
