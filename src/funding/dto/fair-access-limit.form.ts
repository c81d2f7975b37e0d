import { IsIn, IsNotEmpty, MaxLength, ValidateIf } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { IsPounds, MaxPounds } from '../../common/forms/number-fields';

export const LIMIT_STRUCTURES = {
  combined: 'One limit for therapy and assessment together',
  separate: 'Separate limits for therapy and for assessment',
} as const;

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export class FairAccessLimitForm {
  @IsDateParts('the date the limit applies from')
  appliesFrom: DateParts;

  @IsIn(Object.keys(LIMIT_STRUCTURES), { message: 'Select whether therapy and assessment share one limit' })
  structure: keyof typeof LIMIT_STRUCTURES;

  @ValidateIf((form: FairAccessLimitForm) => form.structure === 'combined')
  @IsPounds('Enter the combined limit in pounds, like £2,500')
  @MaxPounds('the combined limit')
  combinedLimit?: string;

  @ValidateIf((form: FairAccessLimitForm) => form.structure === 'separate')
  @IsPounds('Enter the therapy limit in pounds, like £5,000')
  @MaxPounds('the therapy limit')
  therapyLimit?: string;

  /** Separate limits need it; with a combined limit it is an optional cap on assessment inside it. */
  @ValidateIf((form: FairAccessLimitForm) => form.structure === 'separate' || filled(form.assessmentLimit))
  @IsPounds('Enter the assessment limit in pounds, like £2,000')
  @MaxPounds('the assessment limit')
  assessmentLimit?: string;

  @IsIn(['yes', 'no'], { message: 'Select whether therapy must be completed within the financial year' })
  completeWithinYear: 'yes' | 'no';

  @IsNotEmpty({ message: 'Enter where the limit comes from' })
  @MaxLength(500, { message: 'The description must be 500 characters or fewer' })
  description: string;

  static fieldIds = { appliesFrom: 'appliesFrom-day' };
}
