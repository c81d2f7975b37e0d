import { ArrayNotEmpty, IsIn, IsNotEmpty, MaxLength } from 'class-validator';
import { Division, DIVISIONS } from '../../common/calendar/bank-holidays';
import { DateParts, IsDateParts } from '../../common/forms/date-parts';
import { ToArray } from '../../common/forms/form-transforms';

export class OneOffHolidayForm {
  @IsDateParts('the date of the bank holiday')
  date: DateParts;

  @IsNotEmpty({ message: 'Enter the name of the bank holiday' })
  @MaxLength(100, { message: 'Name must be 100 characters or fewer' })
  name: string;

  @ToArray()
  @ArrayNotEmpty({ message: 'Select where it is a bank holiday' })
  @IsIn(DIVISIONS, { each: true, message: 'Select parts of the UK from the list' })
  divisions: Division[];

  static fieldIds = { date: 'date-day' };
}
