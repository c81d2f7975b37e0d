import { Check, Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';
import { calendarFor, Division } from './bank-holidays';
import type { HolidayCalendar } from './working-days';

/** UK bank holidays by division: data read by the working-day clocks (BR-3, BR-11). */
@Entity('bank_holidays')
@Check('ck_bank_holidays_division', `division IN ('england-and-wales', 'scotland', 'northern-ireland')`)
export class BankHoliday {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'pk_bank_holidays' })
  division: Division;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'pk_bank_holidays' })
  date: string;

  @Column('text')
  name: string;
}

/** The calendar a clock reads: the bank holidays of the divisions given (see workingDayDivisions). */
export async function loadBankHolidays(manager: EntityManager, divisions: readonly Division[]): Promise<HolidayCalendar> {
  return calendarFor(await manager.find(BankHoliday, { select: { division: true, date: true } }), divisions);
}
