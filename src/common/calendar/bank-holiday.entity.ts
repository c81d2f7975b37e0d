import { Column, Entity, EntityManager, PrimaryColumn } from 'typeorm';

/** England and Wales bank holidays: data read by the working-day clocks (BR-3, BR-11). */
@Entity('bank_holidays')
export class BankHoliday {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'pk_bank_holidays' })
  date: string;

  @Column('text')
  name: string;
}

/** The bank holidays the working-day clocks skip, as a set of "YYYY-MM-DD" dates. */
export async function loadBankHolidays(manager: EntityManager): Promise<Set<string>> {
  return new Set((await manager.find(BankHoliday)).map((holiday) => holiday.date));
}
