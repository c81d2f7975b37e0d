import { ArrayNotEmpty, IsIn, IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';
import { PROCUREMENT_ROUTES, ProcurementRoute } from '../procurement-routes';

const WHOLE_DAYS = /^\d{1,3}$/;

export class FrameworkForm {
  @IsNotEmpty({ message: 'Enter the name of the framework' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name: string;

  @IsOptional()
  @MaxLength(2000, { message: 'Description must be 2,000 characters or fewer' })
  description?: string;

  @IsIn(PROCUREMENT_ROUTES, { message: 'Select the procurement route' })
  route: ProcurementRoute;

  @IsOptional()
  @Matches(WHOLE_DAYS, { message: 'Decision clock must be a whole number of working days' })
  decisionClockDays?: string;

  @IsOptional()
  @Matches(WHOLE_DAYS, { message: 'Extended decision clock must be a whole number of working days' })
  decisionExtendedDays?: string;

  @IsOptional()
  @Matches(WHOLE_DAYS, { message: 'Minimum bid period must be a whole number of days' })
  minimumBidPeriodDays?: string;

  @IsOptional()
  @Matches(WHOLE_DAYS, { message: 'Standstill period must be a whole number of working days' })
  standstillDays?: string;

  @IsDateParts('the date the framework opens')
  opensOn: DateParts;

  @IsDateParts('the date the framework closes')
  closesOn: DateParts;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one agency that may buy through the framework' })
  @IsUUID('all', { each: true, message: 'Select agencies from the list' })
  agencyIds: string[];

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one lot' })
  @IsUUID('all', { each: true, message: 'Select lots from the list' })
  therapyTypeIds: string[];

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one area the framework covers' })
  @IsUUID('all', { each: true, message: 'Select areas from the list' })
  areaIds: string[];

  static fieldIds = { opensOn: 'opensOn-day', closesOn: 'closesOn-day' };
}
