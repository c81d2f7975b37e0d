import { ArrayNotEmpty, IsIn, IsNotEmpty, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';
import { IsPounds, MaxPounds, IsTimeOfDay, IsWholeNumber } from '../../common/forms/number-fields';
import { AGE_BANDS, PRACTITIONER_GENDERS, PRESENTING_NEEDS } from '../needs-profile';
import { BLOCK_UNITS, DELIVERY_MODES, PURCHASE_TYPES } from '../requirement.entity';
import { VAT_TREATMENTS } from '../../awards/contract-law';

export class BasicsForm {
  @IsNotEmpty({ message: 'Enter a title for the requirement' })
  @MaxLength(150, { message: 'Title must be 150 characters or fewer' })
  title: string;

  /** "frameworkId:therapyTypeId" */
  @Matches(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/i, { message: 'Select the lot' })
  lot: string;

  @IsIn(PURCHASE_TYPES, { message: 'Select spot or block purchase' })
  purchaseType: string;

  @IsUUID('all', { message: 'Select the district' })
  areaId: string;

  @IsIn(DELIVERY_MODES, { message: 'Select how the therapy is delivered' })
  deliveryMode: string;
}

export class NeedsForm {
  @IsIn(AGE_BANDS, { message: 'Select the child’s age band' })
  ageBand: string;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one presenting need' })
  @IsIn(PRESENTING_NEEDS, { each: true, message: 'Select presenting needs from the list' })
  presentingNeeds: string[];

  @IsOptional()
  @MaxLength(3000, { message: 'Description of needs must be 3,000 characters or fewer' })
  needsDescription?: string;

  @IsOptional()
  @MaxLength(2000, { message: 'Previous interventions must be 2,000 characters or fewer' })
  previousInterventions?: string;

  @IsIn(Object.keys(PRACTITIONER_GENDERS), { message: 'Select a preference for the practitioner’s gender' })
  practitionerGender: string;

  @IsOptional()
  @MaxLength(200, { message: 'Language must be 200 characters or fewer' })
  language?: string;

  @IsOptional()
  @MaxLength(1000, { message: 'Accessibility needs must be 1,000 characters or fewer' })
  accessibility?: string;
}

export class CaseDetailsForm {
  @IsNotEmpty({ message: 'Enter the child’s case reference' })
  @MaxLength(50, { message: 'Case reference must be 50 characters or fewer' })
  childReference: string;

  @IsNotEmpty({ message: 'Enter the child’s full name' })
  @MaxLength(200, { message: 'Full name must be 200 characters or fewer' })
  childName: string;

  @IsDateParts('the child’s date of birth')
  dateOfBirth: DateParts;

  static fieldIds = { dateOfBirth: 'dateOfBirth-day' };
}

export class ServiceForm {
  @IsWholeNumber(1, 500, 'Enter the number of sessions, from 1 to 500')
  sessionCount: string;

  @IsWholeNumber(15, 480, 'Enter the length of each session in minutes, from 15 to 480')
  sessionMinutes: string;

  @IsOptional()
  @IsWholeNumber(1, 100000, 'Enter the block volume as a whole number, from 1 to 100,000')
  blockVolume?: string;

  @IsOptional()
  @IsIn(BLOCK_UNITS, { message: 'Select sessions or hours' })
  blockUnit?: string;

  @IsOptional()
  @IsWholeNumber(1, 60, 'Enter the block period in months, from 1 to 60')
  blockPeriodMonths?: string;

  @IsDateParts('the date therapy should start by')
  startBy: DateParts;

  @IsWholeNumber(1, 260, 'Enter the expected duration in weeks, from 1 to 260')
  durationWeeks: string;

  @IsNotEmpty({ message: 'Enter the ceiling price' })
  @IsPounds('Enter the ceiling price in pounds, like £1,200 or 1200.50')
  @MaxPounds('the ceiling price')
  ceiling: string;

  /** Issue 18: how VAT applies, so the value can be compared with the thresholds including VAT. Exempt unless chosen. */
  @IsOptional()
  @IsIn(Object.keys(VAT_TREATMENTS), { message: 'Select whether the service is exempt from VAT or standard rated' })
  vatTreatment?: string;

  static fieldIds = { startBy: 'startBy-day' };
}

export class FundingForm {
  @IsNotEmpty({ message: 'Enter the expected ASGSF amount, or 0' })
  @IsPounds('Enter the ASGSF amount in pounds, like £2,500')
  @MaxPounds('the ASGSF amount')
  asgsf: string;

  @IsNotEmpty({ message: 'Enter the agency top-up, or 0' })
  @IsPounds('Enter the agency top-up in pounds, like £500')
  @MaxPounds('the agency top-up')
  topUp: string;

  @IsDateParts('the date of the needs assessment')
  needsAssessedOn: DateParts;

  static fieldIds = { needsAssessedOn: 'needsAssessedOn-day' };
}

export class DatesForm {
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

  static fieldIds = { clarificationDeadline: 'clarificationDeadline-day', bidDeadline: 'bidDeadline-day' };
}

export class PublishForm {
  @IsOptional()
  @IsIn(['confirmed'], { message: 'Confirm you have checked the possible identifiers' })
  overrideIdentifiers?: string;
}

export class CancelRequirementForm {
  @IsNotEmpty({ message: 'Enter the reason for cancelling' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;
}

export class AnswerClarificationForm {
  @IsNotEmpty({ message: 'Enter your answer' })
  @MaxLength(5000, { message: 'Answer must be 5,000 characters or fewer' })
  answer: string;

  @IsIn(['public', 'private'], { message: 'Select who sees the answer' })
  visibility: string;

  @IsOptional()
  @MaxLength(1000, { message: 'Reason must be 1,000 characters or fewer' })
  privateReason?: string;

  @IsOptional()
  @IsIn(['confirmed'], { message: 'Confirm you have checked the answer' })
  confirmNoIdentifiers?: string;
}
