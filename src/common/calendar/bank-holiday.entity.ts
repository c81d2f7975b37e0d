import { Column, Entity, PrimaryColumn } from 'typeorm';

/** England and Wales bank holidays: data read by the working-day clocks (BR-3, BR-11). */
@Entity('bank_holidays')
export class BankHoliday {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'pk_bank_holidays' })
  date: string;

  @Column('text')
  name: string;
}
