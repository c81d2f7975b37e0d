import { Module } from '@nestjs/common';
import { BankHolidayRepository } from '../common/calendar/bank-holiday.repository';
import { BankHolidaysController } from './bank-holidays.controller';
import { BankHolidaysService } from './bank-holidays.service';

/** The bank holiday data the working-day clocks read, kept by the system admin. */
@Module({
  controllers: [BankHolidaysController],
  providers: [BankHolidayRepository, BankHolidaysService],
})
export class CalendarModule {}
