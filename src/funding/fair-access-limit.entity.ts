import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The ASGSF fair access limit in force from a date (BR-15). It is data, not
 * code: the Department for Education has changed it before and will again.
 * A combined limit covers therapy and assessment together; older schemes set
 * separate limits for each.
 */
@Entity('fair_access_limits')
@Index('uq_fair_access_limits_from', ['appliesFrom'], { unique: true })
@Check('ck_fair_access_limits_amounts', `combined_limit_pence > 0 OR (therapy_limit_pence > 0 AND assessment_limit_pence > 0)`)
export class FairAccessLimit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fair_access_limits' })
  id: string;

  @Column('date')
  appliesFrom: string;

  @Column('integer', { nullable: true })
  combinedLimitPence: number | null;

  @Column('integer', { nullable: true })
  therapyLimitPence: number | null;

  @Column('integer', { nullable: true })
  assessmentLimitPence: number | null;

  /** From April 2025 therapy must be completed within the financial year it is funded in. */
  @Column('boolean', { default: false })
  completeWithinYear: boolean;

  @Column('text', { default: '' })
  description: string;
}
