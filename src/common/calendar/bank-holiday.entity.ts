import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { Division } from './bank-holidays';

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
