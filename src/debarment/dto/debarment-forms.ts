import { IsIn, IsNotEmpty, IsOptional, Matches, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { DEBARMENT_GROUND_KINDS, DebarmentGroundKind } from '../debarment-rules';

export class DebarmentEntryForm {
  @IsNotEmpty({ message: 'Enter the supplier’s name' })
  @MaxLength(300, { message: 'Name must be 300 characters or fewer' })
  supplierName: string;

  @IsOptional()
  @Matches(/^\s*([A-Za-z]{2}\s*\d{6}|\d{1,8})\s*$/, { message: 'Enter a Companies House number like 01234567 or SC123456' })
  companiesHouseNumber?: string;

  @IsIn(DEBARMENT_GROUND_KINDS, { message: 'Select whether the exclusion ground is mandatory or discretionary' })
  groundKind: DebarmentGroundKind;

  @IsNotEmpty({ message: 'Enter the exclusion ground' })
  @MaxLength(500, { message: 'Ground must be 500 characters or fewer' })
  ground: string;

  @IsDateParts('the date the supplier was added to the list')
  addedOn: DateParts;

  @IsDateParts('the end date')
  endsOn: DateParts;

  @IsNotEmpty({ message: 'Enter the source or reference of the entry' })
  @MaxLength(500, { message: 'Reference must be 500 characters or fewer' })
  reference: string;

  static fieldIds = { groundKind: 'groundKind', addedOn: 'addedOn-day', endsOn: 'endsOn-day' };
}

export class EndDebarmentEntryForm {
  @IsNotEmpty({ message: 'Enter why the entry ends' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;
}
