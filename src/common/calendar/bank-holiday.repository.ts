import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BankHoliday } from './bank-holiday.entity';
import { calendarFor, Division } from './bank-holidays';
import type { HolidayCalendar } from './working-days';

/** The bank_holidays table: the only place with its SQL. */
@Injectable()
export class BankHolidayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every holiday of every division, by date then division. */
  listAll(manager: EntityManager = this.dataSource.manager): Promise<BankHoliday[]> {
    return manager.find(BankHoliday, { order: { date: 'ASC', division: 'ASC' } });
  }

  /** Every holiday's division and date. */
  listDates(manager: EntityManager = this.dataSource.manager): Promise<Array<Pick<BankHoliday, 'division' | 'date'>>> {
    return listHolidayDates(manager);
  }

  /** Lets one admin at a time add holidays, so two additions cannot both pass the checks. */
  async lockForAdding(manager: EntityManager): Promise<void> {
    await manager.query(`LOCK TABLE bank_holidays IN SHARE ROW EXCLUSIVE MODE`);
  }

  async addForDivisions(manager: EntityManager, holiday: { date: string; name: string; divisions: Division[] }): Promise<void> {
    await manager.insert(
      BankHoliday,
      holiday.divisions.map((division) => ({ division, date: holiday.date, name: holiday.name })),
    );
  }
}

function listHolidayDates(manager: EntityManager): Promise<Array<Pick<BankHoliday, 'division' | 'date'>>> {
  return manager.find(BankHoliday, { select: { division: true, date: true } });
}

/** The calendar a clock reads: the bank holidays of the divisions given (see workingDayDivisions). */
export async function loadBankHolidays(manager: EntityManager, divisions: readonly Division[]): Promise<HolidayCalendar> {
  return calendarFor(await listHolidayDates(manager), divisions);
}
