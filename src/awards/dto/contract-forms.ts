import { ArrayNotEmpty, IsIn, IsNotEmpty, MaxLength } from 'class-validator';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';
import { IsWholeNumber } from '../../common/forms/number-fields';
import { OUTCOME_TOOLS, OutcomeTool } from '../award-rules';

export class ActivateContractForm {
  @ToArray()
  @ArrayNotEmpty({ message: 'Select at least one outcome tool' })
  @IsIn(Object.keys(OUTCOME_TOOLS), { each: true, message: 'Select outcome tools from the list' })
  outcomeTools: OutcomeTool[];

  @IsDateParts('the start date')
  startsOn: DateParts;

  @IsDateParts('the end date')
  endsOn: DateParts;

  static fieldIds = { startsOn: 'startsOn-day', endsOn: 'endsOn-day' };
}

export class CallOffForm {
  @IsNotEmpty({ message: 'Enter the child’s case reference' })
  @MaxLength(50, { message: 'Case reference must be 50 characters or fewer' })
  childReference: string;

  @IsWholeNumber(1, 100000, 'Enter the number to call off, 1 or more')
  units: string;
}
