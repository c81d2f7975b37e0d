import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Requirement } from '../competitions/requirement.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import type { ContractStatus, OutcomeTool } from './award-rules';
import type { VatTreatment } from './contract-law';
import { Award } from './award.entity';

/**
 * A contract created from a confirmed award. A spot contract covers one
 * child or family; a block contract covers a volume that referrals are called
 * off against. It becomes active only with an outcome tool chosen (BR-17).
 * Value, dates and supplier are kept for publication (BR-12).
 */
@Entity('contracts')
@Index('uq_contracts_award', ['awardId'], { unique: true })
@Index('ix_contracts_agency', ['agencyId', 'createdAt'])
@Index('ix_contracts_provider', ['providerId', 'createdAt'])
@Check('ck_contracts_ending_kind', `ending_kind IN ('planned', 'unplanned')`)
@Check('ck_contracts_vat_treatment', `vat_treatment IN ('exempt', 'standard')`)
@Check('ck_contracts_kind', `kind IN ('spot', 'block')`)
@Check('ck_contracts_status', `status IN ('pending', 'active', 'completed', 'ended_early', 'exhausted')`)
@Check('ck_contracts_block', `kind = 'spot' OR block_volume > 0`)
@Check('ck_contracts_ending', `status NOT IN ('completed', 'ended_early') OR ending_kind IS NOT NULL`)
@Check('ck_contracts_active_outcomes', `status = 'pending' OR cardinality(outcome_tools) > 0`)
export class Contract {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contracts' })
  id: string;

  @Column('uuid')
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_contracts_award' })
  award?: Award;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_contracts_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_contracts_agency' })
  agency?: Agency;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_contracts_provider' })
  provider?: ProviderOrganisation;

  @Column('text')
  kind: 'spot' | 'block';

  @Column('text', { default: 'pending' })
  status: ContractStatus;

  /** Without VAT, as bid. */
  @Column('integer')
  valuePence: number;

  /** Issue 18: the contract's own legal facts, which decide the notices due. */
  @Column('text', { default: 'exempt' })
  vatTreatment: VatTreatment;

  @Column('integer', { nullable: true })
  valueIncludingVatPence: number | null;

  @Column('boolean', { default: true })
  lightTouch: boolean;

  @Column('boolean', { default: false })
  aboveThreshold: boolean;

  @Column('integer', { nullable: true })
  sessionCount: number | null;

  @Column('integer', { nullable: true })
  blockVolume: number | null;

  @Column('text', { nullable: true })
  blockUnit: string | null;

  @Column('integer', { nullable: true })
  blockPeriodMonths: number | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  practitionerIds: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  outcomeTools: OutcomeTool[];

  @Column('date', { nullable: true })
  startsOn: string | null;

  @Column('date', { nullable: true })
  endsOn: string | null;

  @Column('timestamptz', { nullable: true })
  activatedAt: Date | null;

  /** Progress reports are due every this many weeks from the start. */
  @Column('integer', { default: 6 })
  reportIntervalWeeks: number;

  /** Feedback may be asked for at the midpoint as well as at the end. */
  @Column('boolean', { default: false })
  midpointFeedback: boolean;

  @Column('text', { nullable: true })
  endingKind: 'planned' | 'unplanned' | null;

  @Column('text', { nullable: true })
  endingReason: string | null;

  @Column('text', { nullable: true })
  endingDetail: string | null;

  @Column('date', { nullable: true })
  endedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A referral called off against a block contract: it uses part of the volume without a new competition. */
@Entity('call_offs')
@Index('ix_call_offs_contract', ['contractId', 'createdAt'])
@Check('ck_call_offs_units', `units > 0`)
@Check('ck_call_offs_dates', `ends_on > starts_on`)
export class CallOff {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_call_offs' })
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_call_offs_contract' })
  contract?: Contract;

  /** The agency's case reference for the child referred; identifying details stay with the agency. */
  @Column('text')
  childReference: string;

  @Column('integer')
  units: number;

  /** The first day of this child's work: their details reach the provider from here (null on call-offs made before dates were kept). */
  @Column('date', { nullable: true })
  startsOn: string | null;

  /** The planned last day of this child's work. */
  @Column('date', { nullable: true })
  endsOn: string | null;

  @Column('uuid')
  createdByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_call_offs_created_by' })
  createdBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The identifying details of the child a call-off is for, kept apart like a
 * requirement's case details (DESIGN.md §6) so the retention job can erase
 * them, and shown to the provider only for this call-off while it runs.
 */
@Entity('call_off_case_details')
export class CallOffCaseDetails {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_call_off_case_details' })
  callOffId: string;

  @OneToOne(() => CallOff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_off_id', foreignKeyConstraintName: 'fk_call_off_case_details_call_off' })
  callOff?: CallOff;

  @Column('text')
  childName: string;

  @Column('date')
  dateOfBirth: string;
}
