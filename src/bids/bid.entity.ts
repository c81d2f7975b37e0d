import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Requirement } from '../competitions/requirement.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import type { BidStatus } from './bid-lifecycle';

/**
 * A provider's tender for a requirement: the working copy. Each submission is
 * frozen as a BidVersion; the latest before the deadline counts. Sealed until
 * the deadline (BR-6): only its own provider reads it before then.
 */
@Entity('bids')
@Index('uq_bids_requirement_provider', ['requirementId', 'providerId'], { unique: true })
@Index('ix_bids_provider', ['providerId', 'updatedAt'])
@Check('ck_bids_status', `status IN ('draft', 'submitted', 'withdrawn', 'successful', 'unsuccessful')`)
@Check('ck_bids_money', `rate_pence > 0 AND total_pence > 0`)
export class Bid {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bids' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_bids_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_bids_provider' })
  provider?: ProviderOrganisation;

  @Column('text', { default: 'draft' })
  status: BidStatus;

  @Column('integer', { nullable: true })
  ratePence: number | null;

  @Column('integer', { nullable: true })
  totalPence: number | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  practitionerIds: string[];

  @Column('date', { nullable: true })
  earliestStartOn: string | null;

  /** One answer per published quality question, in order. */
  @Column('jsonb', { default: () => "'[]'" })
  answers: string[];

  /** The number of the latest submitted version; 0 before the first submission. */
  @Column('integer', { default: 0 })
  currentVersion: number;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  /** Over the ceiling price: may be submitted, but is non-compliant. */
  @Column('boolean', { default: false })
  overCeiling: boolean;

  /** Set at the deadline: why the provider or a named practitioner is no longer valid (BR-7). */
  @Column('jsonb', { default: () => "'[]'" })
  validityProblems: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A bid exactly as submitted. Never changed; the database refuses one that commits after the deadline. */
@Entity('bid_versions')
@Index('uq_bid_versions_bid_version', ['bidId', 'version'], { unique: true })
@Check('ck_bid_versions_money', `rate_pence > 0 AND total_pence > 0`)
export class BidVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_bid_versions' })
  id: string;

  @Column('uuid')
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'fk_bid_versions_bid' })
  bid?: Bid;

  @Column('integer')
  version: number;

  @Column('integer')
  ratePence: number;

  @Column('integer')
  totalPence: number;

  @Column('uuid', { array: true })
  practitionerIds: string[];

  @Column('date')
  earliestStartOn: string;

  @Column('jsonb')
  answers: string[];

  @Column('boolean')
  overCeiling: boolean;

  @Column('uuid')
  submittedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_user_id', foreignKeyConstraintName: 'fk_bid_versions_submitted_by' })
  submittedBy?: User;

  /** The database's own clock at insert, not the app server's. */
  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  submittedAt: Date;
}
