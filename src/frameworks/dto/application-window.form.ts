import { DateParts, IsDateParts } from '../../common/forms/date-parts';

export class ApplicationWindowForm {
  @IsDateParts('the date the window opens')
  opensOn: DateParts;

  @IsDateParts('the date the window closes')
  closesOn: DateParts;

  static fieldIds = { opensOn: 'opensOn-day', closesOn: 'closesOn-day' };
}
