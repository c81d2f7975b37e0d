import { IsIn, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { IsPounds, IsTimeOfDay, IsWholeNumber, MaxPounds } from '../../common/forms/number-fields';

/**
 * Amending a published requirement: every amendable term, shown as it
 * stands, and the reason. The quality questions and weights come as
 * numbered rows and are checked in the service, as on the evaluation page.
 */
export class AmendmentForm {
  @IsNotEmpty({ message: 'Enter the reason for the change' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;

  @IsOptional()
  @MaxLength(5000, { message: 'Addendum must be 5,000 characters or fewer' })
  addendum?: string;

  @IsDateParts('the deadline for questions')
  clarificationDeadline: DateParts;

  @IsNotEmpty({ message: 'Enter the time questions close' })
  @IsTimeOfDay('Enter the time questions close, like 5pm or 17:00')
  clarificationTime: string;

  @IsDateParts('the bid deadline')
  bidDeadline: DateParts;

  @IsNotEmpty({ message: 'Enter the time bids close' })
  @IsTimeOfDay('Enter the time bids close, like 12pm or 12:00')
  bidTime: string;

  @IsWholeNumber(1, 500, 'Enter the number of sessions, from 1 to 500')
  sessionCount: string;

  @IsWholeNumber(15, 480, 'Enter the length of each session in minutes, from 15 to 480')
  sessionMinutes: string;

  @IsDateParts('the date therapy should start by')
  startBy: DateParts;

  @IsWholeNumber(1, 260, 'Enter the expected duration in weeks, from 1 to 260')
  durationWeeks: string;

  @IsNotEmpty({ message: 'Enter the ceiling price' })
  @IsPounds('Enter the ceiling price in pounds, like £1,200 or 1200.50')
  @MaxPounds('the ceiling price')
  ceiling: string;

  @IsOptional()
  @IsIn(['confirmed'], { message: 'Confirm you have checked the possible identifiers' })
  confirmNoIdentifiers?: string;

  static fieldIds = { clarificationDeadline: 'clarificationDeadline-day', bidDeadline: 'bidDeadline-day', startBy: 'startBy-day' };
}
