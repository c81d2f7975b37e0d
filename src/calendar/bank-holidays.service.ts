import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BankHolidayRepository } from '../common/calendar/bank-holiday.repository';
import { DIVISIONS, lastKnownYear } from '../common/calendar/bank-holidays';
import { isoDate } from '../common/forms/date-parts';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { OneOffHolidayForm } from './dto/one-off-holiday.form';
import { oneOffHolidayProblems } from './one-off-holiday-rules';

@Injectable()
export class BankHolidaysService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly bankHolidays: BankHolidayRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every holiday of `year`, and the last year each division has data for. */
  async year(year: number) {
    const holidays = await this.bankHolidays.listAll();
    return {
      holidays: holidays.filter((holiday) => holiday.date.startsWith(`${year}-`)),
      years: [...new Set(holidays.map((holiday) => Number(holiday.date.slice(0, 4))))].sort(),
      knownThrough: DIVISIONS.map((division) => ({ division, year: lastKnownYear(holidays, division) })),
    };
  }

  /** Adds a one-off holiday to each division chosen, in one transaction. */
  async addOneOff(form: OneOffHolidayForm): Promise<{ date: string; name: string }> {
    return this.dataSource.transaction(async (manager) => {
      // One admin at a time, so two additions cannot both pass the checks.
      await this.bankHolidays.lockForAdding(manager);
      const holiday = { date: isoDate(form.date), name: form.name.trim(), divisions: [...new Set(form.divisions)] };
      const known = await this.bankHolidays.listDates(manager);
      const problems = oneOffHolidayProblems(holiday, known, this.clock.today());
      if (problems.date) throw new FormInvalidError([{ field: 'date', text: problems.date, href: '#date-day' }]);
      await this.bankHolidays.addForDivisions(manager, holiday);
      await this.audit.record(manager, { action: 'bank_holiday.added', entityType: 'bank_holiday', entityId: null, after: holiday });
      return holiday;
    });
  }
}
