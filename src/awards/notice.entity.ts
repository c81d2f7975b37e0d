import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Requirement } from '../competitions/requirement.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import { Award } from './award.entity';
import { Contract } from './contract.entity';
import type { NoticeType } from './contract-law';

/**
 * A notice the law requires for an award or a contract (PA 2023 ss.50, 53,
 * 87; PCR 2015 regs 50, 112), and the transparency notice before a direct award (s.44): due by a date, and published when the
 * commissioner records it. It keeps what a notice states (value with and
 * without VAT, supplier, dates), so it can be exported as an OCDS release.
 */
@Entity('notices')
@Index('uq_notices_award_type', ['awardId', 'type'], { unique: true })
@Index('ix_notices_agency_due', ['agencyId', 'publishedOn', 'dueOn'])
@Check(
  'ck_notices_type',
  `type IN ('transparency_notice', 'contract_award_notice', 'contract_details_notice', 'below_threshold_contract_details_notice', 'pcr_contract_award_notice', 'contracts_finder_notice')`,
)
@Check('ck_notices_published', `(published_on IS NULL) = (published_at IS NULL)`)
export class Notice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notices' })
  id: string;

  @Column('text')
  type: NoticeType;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_notices_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_notices_award' })
  award?: Award;

  /** Null for a contract award or transparency notice, which come before the contract. */
  @Column('uuid', { nullable: true })
  contractId: string | null;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_notices_contract' })
  contract?: Contract | null;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_notices_agency' })
  agency?: Agency;

  /** The supplier the notice names. */
  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_notices_provider' })
  provider?: ProviderOrganisation;

  @Column('integer')
  valuePence: number;

  @Column('integer')
  valueIncludingVatPence: number;

  /** The last day to publish; null for "before the contract is entered into". */
  @Column('date', { nullable: true })
  dueOn: string | null;

  /** The day it was published on the Central Digital Platform (or Contracts Finder), as the commissioner records it. */
  @Column('date', { nullable: true })
  publishedOn: string | null;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('uuid', { nullable: true })
  publishedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'published_by_user_id', foreignKeyConstraintName: 'fk_notices_published_by' })
  publishedBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
