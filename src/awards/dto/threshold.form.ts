import { IsIn, IsNotEmpty, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { IsPounds, MaxPounds } from '../../common/forms/number-fields';
import type { ThresholdKind, ThresholdRegime } from '../data/procurement-thresholds';
import { THRESHOLD_KIND_NAMES, THRESHOLD_REGIME_NAMES } from '../thresholds.service';

export class ThresholdForm {
  @IsIn(Object.keys(THRESHOLD_REGIME_NAMES), { message: 'Select the law the threshold belongs to' })
  regime: ThresholdRegime;

  @IsIn(Object.keys(THRESHOLD_KIND_NAMES), { message: 'Select the kind of contract' })
  kind: ThresholdKind;

  @IsPounds('Enter the threshold in pounds, including VAT, like £207,720')
  @MaxPounds('the threshold')
  amount: string;

  @IsDateParts('the date the threshold comes into force')
  inForceFrom: DateParts;

  @IsNotEmpty({ message: 'Enter the legislation that sets the threshold' })
  @MaxLength(500, { message: 'The source must be 500 characters or fewer' })
  source: string;

  static fieldIds = { inForceFrom: 'inForceFrom-day' };
}
