import { IsIn, IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { OUTCOME_TOOLS, OutcomeTool } from '../../awards/award-rules';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { OptionalEmailAddressField } from '../../common/forms/email-address-field';
import { IsWholeNumber } from '../../common/forms/number-fields';
import { ENDING_REASONS, EndingKind } from '../delivery-rules';
import type { Engagement, GoalProgress } from '../quality.entities';

export class SessionLogForm {
  @IsDateParts('the date the sessions were delivered')
  deliveredOn: DateParts;

  @IsWholeNumber(1, 20, 'Enter the number of sessions delivered, from 1 to 20')
  sessions: string;

  static fieldIds = { deliveredOn: 'deliveredOn-day' };
}

export const ENGAGEMENT_LABELS: Record<Engagement, string> = {
  good: 'Good: the family took part fully',
  mixed: 'Mixed: some sessions were missed or hard',
  poor: 'Poor: the family rarely took part',
};
export const GOAL_PROGRESS_LABELS: Record<GoalProgress, string> = { met: 'Met', partly_met: 'Partly met', not_met: 'Not met' };

export class DeliveryReportForm {
  @IsIn(Object.keys(ENGAGEMENT_LABELS), { message: 'Select how the family engaged' })
  engagement: Engagement;

  @IsIn(Object.keys(GOAL_PROGRESS_LABELS), { message: 'Select progress against the goals' })
  goalProgress: GoalProgress;

  @IsNotEmpty({ message: 'Enter a summary of the work' })
  @MaxLength(5000, { message: 'Summary must be 5,000 characters or fewer' })
  summary: string;

  @IsNotEmpty({ message: 'Enter the next steps or recommendations' })
  @MaxLength(3000, { message: 'Next steps must be 3,000 characters or fewer' })
  nextSteps: string;

  @IsIn(['yes', 'no'], { message: 'Select yes if there is a safeguarding concern' })
  safeguardingConcern: 'yes' | 'no';
}

export class OutcomeBaselineForm {
  @IsIn(Object.keys(OUTCOME_TOOLS), { message: 'Select the outcome tool' })
  tool: OutcomeTool;

  @ValidateIf((form: OutcomeBaselineForm) => form.tool === 'GBO')
  @IsNotEmpty({ message: 'Enter the goal, in the family’s words' })
  @MaxLength(200, { message: 'Goal must be 200 characters or fewer' })
  goal?: string;

  /** Checked against the chosen tool's range in the service, which knows the tool. */
  @IsNotEmpty({ message: 'Enter the baseline score' })
  @MaxLength(10, { message: 'Enter the baseline score as a whole number' })
  baseline: string;
}

export class EndingForm {
  @IsIn(Object.keys(ENDING_REASONS), { message: 'Select whether the ending was planned or unplanned' })
  kind: EndingKind;

  @ValidateIf((form: EndingForm) => form.kind in ENDING_REASONS)
  @IsIn([...Object.keys(ENDING_REASONS.planned), ...Object.keys(ENDING_REASONS.unplanned)], { message: 'Select the reason for ending' })
  reason: string;

  @IsNotEmpty({ message: 'Describe how the work ended' })
  @MaxLength(3000, { message: 'Description must be 3,000 characters or fewer' })
  detail: string;

  @IsDateParts('the date of the last session')
  endedOn: DateParts;

  static fieldIds = { endedOn: 'endedOn-day' };
}

/** Feedback links: at least one address, each optional on its own. */
export class FeedbackRequestForm {
  @OptionalEmailAddressField()
  adopterEmail?: string;

  @OptionalEmailAddressField()
  youngPersonEmail?: string;

  @OptionalEmailAddressField()
  professionalEmail?: string;
}

export class FeedbackResponseForm {
  @IsIn(['1', '2', '3', '4', '5'], { message: 'Select an answer to the first question' })
  helpful: string;

  @IsIn(['1', '2', '3', '4', '5'], { message: 'Select an answer to the second question' })
  listened: string;

  @IsIn(['1', '2', '3', '4', '5'], { message: 'Select an answer to the third question' })
  better: string;

  @IsOptional()
  @MaxLength(2000, { message: 'Your comments must be 2,000 characters or fewer' })
  comment?: string;
}
