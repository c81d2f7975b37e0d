import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Bid } from '../bids/bid.entity';
import { Requirement } from '../competitions/requirement.entity';
import { PanelMeeting } from '../panel/panel.entities';
import { User } from '../users/user.entity';
import type { AwardStatus } from './award-rules';

export type AwardMethod = 'competition' | 'user_choice';

/**
 * The panel's decision on a requirement, made at a quorate meeting: an award
 * to one bid, or no award with a reason. One live decision per requirement,
 * enforced by a partial unique index so concurrent attempts leave exactly one.
 */
@Entity('awards')
@Index('uq_awards_requirement_live', ['requirementId'], { unique: true, where: `status <> 'withdrawn'` })
// A competition's decision is the panel's, at a meeting, and names the winning bid; a user-choice direct award (issue 22) names neither.
@Check(
  'ck_awards_outcome',
  `outcome IN ('awarded', 'no_award') AND CASE WHEN method = 'user_choice' THEN outcome = 'awarded' AND bid_id IS NULL AND meeting_id IS NULL ELSE (outcome = 'no_award') = (bid_id IS NULL) AND meeting_id IS NOT NULL END`,
)
@Check('ck_awards_method', `method IN ('competition', 'user_choice')`)
@Check('ck_awards_standstill_kind', `standstill_kind IN ('none', 'mandatory', 'voluntary')`)
@Check('ck_awards_status', `status IN ('awaiting_notice', 'standstill', 'confirmed', 'withdrawn')`)
export class Award {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_awards' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_awards_requirement' })
  requirement?: Requirement;

  /** Null only for a user-choice direct award, which no panel meeting decides. */
  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @ManyToOne(() => PanelMeeting, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_awards_meeting' })
  meeting?: PanelMeeting;

  /** Issue 22: `user_choice` is a direct award to the family's chosen provider without a competition (PA 2023 s.41). */
  @Column('text', { default: 'competition' })
  method: AwardMethod;

  @Column('text')
  outcome: 'awarded' | 'no_award';

  @Column('uuid', { nullable: true })
  bidId: string | null;

  @ManyToOne(() => Bid, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'fk_awards_bid' })
  bid?: Bid | null;

  @Column('text')
  rationale: string;

  @Column('text')
  status: AwardStatus;

  /** BR-11: the last day of the standstill (the contract is entered into the day after); null when there is none, or before the notice it starts with. */
  @Column('date', { nullable: true })
  standstillEndsOn: string | null;

  /** BR-11: the standstill this contract needs, decided from its legal facts (`standstillFor`). */
  @Column('text', { default: 'none' })
  standstillKind: 'none' | 'mandatory' | 'voluntary';

  @Column('integer', { default: 0 })
  standstillWorkingDays: number;

  /** Issue 18: the legal facts, kept as decided: the value with VAT, light touch, and the threshold it was compared with. */
  @Column('integer', { nullable: true })
  valueIncludingVatPence: number | null;

  @Column('boolean', { nullable: true })
  lightTouch: boolean | null;

  @Column('boolean', { nullable: true })
  aboveThreshold: boolean | null;

  @Column('integer', { nullable: true })
  thresholdPence: number | null;

  /** BR-12: the value and supplier kept for the contract award notice. */
  @Column('integer', { nullable: true })
  valuePence: number | null;

  @Column('uuid')
  decidedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_user_id', foreignKeyConstraintName: 'fk_awards_decided_by' })
  decidedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;

  @Column('text', { nullable: true })
  withdrawnReason: string | null;
}
