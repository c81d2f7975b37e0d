import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';

export class PartnershipNameForm {
  @IsNotEmpty({ message: 'Enter the name of the partnership' })
  @MaxLength(200, { message: 'The name must be 200 characters or fewer' })
  name: string;
}

export class AgencyNameForm {
  @IsNotEmpty({ message: 'Enter the name of the agency' })
  @MaxLength(200, { message: 'The name must be 200 characters or fewer' })
  name: string;
}

export class AgencyForm extends AgencyNameForm {
  /** The "add another" rows; checked in the service so each message points at its row. */
  @IsOptional()
  districts?: unknown;
}

export class DistrictsForm {
  @IsOptional()
  districts?: unknown;
}
