import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The portal's email sender and feedback address, set by a system admin. One
 * row; a blank value falls back to the configuration (MAIL_FROM).
 */
@Entity('email_settings')
@Check('ck_email_settings_single_row', `id = 1`)
export class EmailSettings {
  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'pk_email_settings', default: 1 })
  id: number;

  /** The From header of every email, like "Adoption Support Commissioning <no-reply@example.gov.uk>". */
  @Column('text', { nullable: true })
  mailFrom: string | null;

  /** Where users send feedback about the service, shown in the phase banner. */
  @Column('text', { nullable: true })
  feedbackEmail: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
