import { IsIn, IsNotEmpty, MaxLength, ValidateIf } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { IsPounds, MaxPounds } from '../../common/forms/number-fields';
import { LEGAL_ORDERS, LegalOrder } from '../funding-application';

const YES_NO = ['yes', 'no'];

/** A draft ASGSF application for one child and one package, on the contract page. */
export class FundingApplicationForm {
  @IsNotEmpty({ message: 'Enter the child’s case reference' })
  @MaxLength(50, { message: 'Case reference must be 50 characters or fewer' })
  childReference: string;

  @IsNotEmpty({ message: 'Enter the partnership’s reference for the child' })
  @MaxLength(50, { message: 'Partnership reference must be 50 characters or fewer' })
  partnershipChildReference: string;

  @IsIn(Object.keys(LEGAL_ORDERS), { message: 'Select the child’s legal status' })
  legalOrder: LegalOrder;

  @IsIn(YES_NO, { message: 'Select whether the child was looked after before the order' })
  previouslyLookedAfter: 'yes' | 'no';

  @IsIn(YES_NO, { message: 'Select whether the child lives in England' })
  livesInEngland: 'yes' | 'no';

  @IsIn(YES_NO, { message: 'Select whether the child has an education, health and care plan' })
  ehcPlan: 'yes' | 'no';

  @IsDateParts('the date the package starts')
  packageStartsOn: DateParts;

  @IsDateParts('the date the package ends')
  packageEndsOn: DateParts;

  @IsNotEmpty({ message: 'Enter the therapy amount, or 0' })
  @IsPounds('Enter the therapy amount in pounds, like £2,000')
  @MaxPounds('the therapy amount')
  therapy: string;

  @IsNotEmpty({ message: 'Enter the specialist assessment amount, or 0' })
  @IsPounds('Enter the specialist assessment amount in pounds, like £1,000')
  @MaxPounds('the specialist assessment amount')
  assessment: string;

  @IsNotEmpty({ message: 'Enter the agency top-up, or 0' })
  @IsPounds('Enter the agency top-up in pounds, like £500')
  @MaxPounds('the agency top-up')
  topUp: string;

  // The call-off and start forms on the same page have their own childReference and dates.
  static fieldIds = {
    childReference: 'fundingChildReference',
    packageStartsOn: 'packageStartsOn-day',
    packageEndsOn: 'packageEndsOn-day',
    legalOrder: 'legalOrder',
    previouslyLookedAfter: 'previouslyLookedAfter',
    livesInEngland: 'livesInEngland',
    ehcPlan: 'ehcPlan',
  };
}

export class SubmitFundingForm {
  @IsNotEmpty({ message: 'Enter the ASGSF application reference' })
  @MaxLength(50, { message: 'ASGSF reference must be 50 characters or fewer' })
  asgsfReference: string;

  @IsDateParts('the date the application was submitted')
  submittedOn: DateParts;

  static fieldIds = { submittedOn: 'submittedOn-day' };
}

export const FUNDING_OUTCOMES = { approve: 'Approved in full', partly_approve: 'Partly approved', decline: 'Declined' } as const;

export class FundingDecisionForm {
  @IsIn(Object.keys(FUNDING_OUTCOMES), { message: 'Select the fund’s decision' })
  outcome: keyof typeof FUNDING_OUTCOMES;

  @ValidateIf((form: FundingDecisionForm) => form.outcome === 'partly_approve')
  @IsNotEmpty({ message: 'Enter the amount the fund approved' })
  @IsPounds('Enter the amount approved in pounds, like £1,500')
  @MaxPounds('the amount approved')
  approved?: string;
}

export class FundingClaimForm {
  @IsNotEmpty({ message: 'Enter the amount claimed from the fund' })
  @IsPounds('Enter the amount claimed in pounds, like £1,500')
  @MaxPounds('the amount claimed')
  claimed: string;
}
