import { IsIn, IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';

/** An amendment to one declaration: what it is now, when that arose, and why it changed. */
export class AmendDeclarationForm {
  @IsIn(['none', 'conflict'], { message: 'Select whether you now have a conflict of interest' })
  decision: 'none' | 'conflict';

  @ValidateIf((form: AmendDeclarationForm) => form.decision === 'conflict')
  @IsNotEmpty({ message: 'Describe your conflict of interest' })
  @MaxLength(1000, { message: 'Description must be 1,000 characters or fewer' })
  nature?: string;

  @IsDateParts('the date the interest arose or changed')
  changedOn: DateParts;

  @IsNotEmpty({ message: 'Enter the reason for amending your declaration' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;

  @IsOptional()
  @MaxLength(2000, { message: 'Other steps taken must be 2,000 characters or fewer' })
  mitigation?: string;

  static fieldIds = { changedOn: 'changedOn-day' };
}
