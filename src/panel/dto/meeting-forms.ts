import { ArrayNotEmpty, IsIn, IsNotEmpty, IsUUID, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';

export class MeetingForm {
  @IsDateParts('the date of the meeting')
  meetingDate: DateParts;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select the members who attended' })
  @IsUUID('all', { each: true, message: 'Select attendees from the list' })
  attendeeMemberIds: string[];

  static fieldIds = { meetingDate: 'meetingDate-day' };
}

export class MinutesForm {
  @IsNotEmpty({ message: 'Enter the minutes' })
  @MaxLength(20000, { message: 'Minutes must be 20,000 characters or fewer' })
  minutes: string;
}

export class LearningForm {
  @IsNotEmpty({ message: 'Enter the theme' })
  @MaxLength(200, { message: 'Theme must be 200 characters or fewer' })
  theme: string;

  @IsNotEmpty({ message: 'Enter what was learned' })
  @MaxLength(2000, { message: 'What was learned must be 2,000 characters or fewer' })
  learned: string;

  @IsNotEmpty({ message: 'Enter the action' })
  @MaxLength(2000, { message: 'Action must be 2,000 characters or fewer' })
  action: string;

  @IsNotEmpty({ message: 'Enter who owns the action' })
  @MaxLength(200, { message: 'Owner must be 200 characters or fewer' })
  owner: string;
}

export class DecisionForm {
  @IsUUID('all', { message: 'Select the meeting where the panel decided' })
  meetingId: string;

  @IsIn(['awarded', 'no_award'], { message: 'Select award or no award' })
  outcome: 'awarded' | 'no_award';

  @IsNotEmpty({ message: 'Enter the rationale for the decision' })
  @MaxLength(5000, { message: 'Rationale must be 5,000 characters or fewer' })
  rationale: string;
}

export class PriceReviewForm {
  @IsIn(['accepted', 'rejected'], { message: 'Select whether the panel accepts the price' })
  decision: 'accepted' | 'rejected';

  @IsNotEmpty({ message: 'Enter the reasons, including what the provider said about its price' })
  @MaxLength(2000, { message: 'Reasons must be 2,000 characters or fewer' })
  reason: string;
}

export class WithdrawAwardForm {
  @IsNotEmpty({ message: 'Enter the reason for withdrawing the award' })
  @MaxLength(2000, { message: 'Reason must be 2,000 characters or fewer' })
  reason: string;
}

export class PanelRequestDecisionForm {
  @IsIn(['approved', 'declined', 'deferred'], { message: 'Select the panel’s decision' })
  outcome: string;

  @IsNotEmpty({ message: 'Enter the rationale for the decision' })
  @MaxLength(2000, { message: 'Rationale must be 2,000 characters or fewer' })
  rationale: string;
}
