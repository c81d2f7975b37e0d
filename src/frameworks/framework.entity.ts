import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Partnership } from '../agencies/partnership.entity';
import type { ProcurementRoute } from './procurement-routes';

export const FRAMEWORK_STATUSES = ['draft', 'open', 'closed'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

/**
 * A commissioning arrangement providers join, lot by lot. Once open its
 * conditions of membership are frozen (BR-2); a change means a new version.
 */
@Entity('frameworks')
@Index('ix_frameworks_partnership', ['partnershipId'])
@Index('uq_frameworks_previous_version', ['previousVersionId'], { unique: true, where: 'previous_version_id IS NOT NULL' })
@Check('ck_frameworks_status', `status IN ('draft', 'open', 'closed')`)
@Check('ck_frameworks_route', `route IN ('legacy_dps', 'dynamic_market', 'open_framework', 'below_threshold_list')`)
@Check('ck_frameworks_dates', `closes_on > opens_on`)
@Check(
  'ck_frameworks_clock',
  `decision_clock_days > 0 AND decision_extended_days >= decision_clock_days AND minimum_bid_period_days > 0 AND standstill_days >= 0`,
)
export class Framework {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_frameworks' })
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_frameworks_partnership' })
  partnership?: Partnership;

  @Column('text')
  route: ProcurementRoute;

  @Column('integer')
  decisionClockDays: number;

  @Column('integer')
  decisionExtendedDays: number;

  @Column('integer')
  minimumBidPeriodDays: number;

  @Column('integer')
  standstillDays: number;

  @Column('date')
  opensOn: string;

  @Column('date')
  closesOn: string;

  @Column('text', { default: 'draft' })
  status: FrameworkStatus;

  @Column('integer', { default: 1 })
  version: number;

  /** The version this one replaces, when conditions changed after opening. */
  @Column('uuid', { nullable: true })
  previousVersionId: string | null;

  @ManyToOne(() => Framework, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_version_id', foreignKeyConstraintName: 'fk_frameworks_previous_version' })
  previousVersion?: Framework | null;

  @Column('timestamptz', { nullable: true })
  openedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
