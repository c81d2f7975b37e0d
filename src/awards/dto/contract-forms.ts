import { ArrayNotEmpty, IsIn, IsNotEmpty, IsOptional, Matches, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';
import { IsPounds, IsWholeNumber, MaxPounds } from '../../common/forms/number-fields';
import { OUTCOME_TOOLS, OutcomeTool } from '../award-rules';
import { REPORT_INTERVAL_WEEKS } from '../../quality/delivery-rules';

export class ActivateContractForm {
  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one outcome tool' })
  @IsIn(Object.keys(OUTCOME_TOOLS), { each: true, message: 'Select outcome tools from the list' })
  outcomeTools: OutcomeTool[];

  @IsDateParts('the start date')
  startsOn: DateParts;

  @IsDateParts('the end date')
  endsOn: DateParts;

  @IsIn(REPORT_INTERVAL_WEEKS.map(String), { message: 'Select how often the provider reports progress' })
  reportIntervalWeeks: string;

  @IsOptional()
  @IsIn(['yes'], { message: 'Select whether to ask for feedback at the midpoint' })
  midpointFeedback?: 'yes';

  static fieldIds = { startsOn: 'startsOn-day', endsOn: 'endsOn-day' };
}

export class CallOffForm {
  @IsNotEmpty({ message: 'Enter the child’s case reference' })
  @MaxLength(50, { message: 'Case reference must be 50 characters or fewer' })
  childReference: string;

  @IsNotEmpty({ message: 'Enter the child’s name' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  childName: string;

  @IsDateParts('the child’s date of birth')
  dateOfBirth: DateParts;

  @IsDateParts('the date the call-off starts')
  startsOn: DateParts;

  @IsDateParts('the date the call-off ends')
  endsOn: DateParts;

  @IsWholeNumber(1, 100000, 'Enter the number to call off, 1 or more')
  units: string;

  // The funding form on the same page has its own childReference field and dates, and the start form its own dates.
  static fieldIds = {
    childReference: 'callOffChildReference',
    childName: 'callOffChildName',
    dateOfBirth: 'callOffDateOfBirth-day',
    startsOn: 'callOffStartsOn-day',
    endsOn: 'callOffEndsOn-day',
    units: 'callOffUnits',
  };
}

/** Recording that a notice has been published, and the day it was. */
export class NoticePublishedForm {
  @IsDateParts('the date the notice was published')
  publishedOn: DateParts;

  static fieldIds = { publishedOn: 'publishedOn-day' };
}

/** Issue 22: a direct award to the provider the family chose. */
export class UserChoiceAwardForm {
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'Select the provider the family has chosen' })
  providerId: string;

  @IsNotEmpty({ message: 'Enter the family’s preference' })
  @MaxLength(2000, { message: 'Preference must be 2,000 characters or fewer' })
  preference: string;

  @IsNotEmpty({ message: 'Enter how the family’s choice serves the child' })
  @MaxLength(4000, { message: 'Reasons must be 4,000 characters or fewer' })
  reasons: string;

  @IsPounds('Enter the agreed contract value in pounds, like 1,200 or 1200.50')
  @MaxPounds('the agreed contract value')
  value: string;

  @IsIn(['confirmed'], { message: 'Confirm that the direct award justification for user choice contracts applies' })
  legalGround: 'confirmed';
}
