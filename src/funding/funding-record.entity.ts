import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Partnership } from '../agencies/partnership.entity';
import { CallOff, Contract } from '../awards/contract.entity';
import type { FundingStatus, LegalOrder } from './funding-application';

/**
 * The ASGSF application for one child and one package: a spot contract, or one
 * call-off of a block. It carries the child's eligibility facts as declared,
 * the package's lines and dates (its financial year comes from the start), the
 * agency top-up, and the fair access check for that child and year across the
 * whole partnership (BR-15). Money is pence (BR-19).
 */
@Entity('funding_records')
@Index('ix_funding_records_partnership_child', ['partnershipId', 'partnershipChildReference', 'financialYear'])
@Index('ix_funding_records_contract', ['contractId'])
@Check('ck_funding_records_status', `status IN ('drafted', 'submitted', 'approved', 'partly_approved', 'declined', 'claimed', 'closed')`)
@Check('ck_funding_records_money', `asgsf_pence >= 0 AND top_up_pence >= 0 AND excess_pence >= 0`)
@Check('ck_funding_records_lines', `therapy_pence >= 0 AND assessment_pence >= 0 AND asgsf_pence = therapy_pence + assessment_pence`)
@Check('ck_funding_records_decision', `approved_pence IS NULL OR approved_pence BETWEEN 0 AND asgsf_pence`)
@Check('ck_funding_records_claim', `claimed_pence IS NULL OR claimed_pence BETWEEN 0 AND approved_pence`)
@Check('ck_funding_records_submitted', `status = 'drafted' OR (asgsf_reference IS NOT NULL AND applied_on IS NOT NULL)`)
@Check('ck_funding_records_legal_order', `legal_order IN ('adopted', 'placed_for_adoption', 'special_guardianship_order', 'child_arrangements_order', 'none')`)
export class FundingRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_funding_records' })
  id: string;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_funding_records_agency' })
  agency?: Agency;

  /** Copied from the agency: the fair access limit counts per child across the partnership. */
  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_funding_records_partnership' })
  partnership?: Partnership;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_funding_records_contract' })
  contract?: Contract;

  @Column('uuid', { nullable: true })
  callOffId: string | null;

  @ManyToOne(() => CallOff, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'call_off_id', foreignKeyConstraintName: 'fk_funding_records_call_off' })
  callOff?: CallOff | null;

  /** The agency's own case reference for the child. */
  @Column('text')
  childReference: string;

  /** The partnership's reference for the child, the same in every agency: a child who moves agency keeps the year's usage. */
  @Column('text')
  partnershipChildReference: string;

  /** The fund's reference, once submitted. */
  @Column('text', { nullable: true })
  asgsfReference: string | null;

  /** The day the application was submitted to the fund. */
  @Column('date', { nullable: true })
  appliedOn: string | null;

  /** Asked of the fund: therapy plus assessment. */
  @Column('integer')
  asgsfPence: number;

  @Column('integer', { default: 0 })
  therapyPence: number;

  @Column('integer', { default: 0 })
  assessmentPence: number;

  @Column('integer', { default: 0 })
  topUpPence: number;

  /** Derived from the package's start date, never chosen. */
  @Column('integer')
  financialYear: number;

  /** The package's delivery dates (null on records made before they were kept). */
  @Column('date', { nullable: true })
  startsOn: string | null;

  @Column('date', { nullable: true })
  endsOn: string | null;

  @Column('text', { default: 'drafted' })
  status: FundingStatus;

  /** ASGSF asked for above the fair access limit: agency-funded, and for the panel to decide. */
  @Column('integer', { default: 0 })
  excessPence: number;

  /** What the fund approved: all that was asked within the limit, part of it, or nothing. */
  @Column('integer', { nullable: true })
  approvedPence: number | null;

  @Column('integer', { nullable: true })
  claimedPence: number | null;

  @Column('date', { nullable: true })
  decidedOn: string | null;

  @Column('date', { nullable: true })
  claimedOn: string | null;

  @Column('date', { nullable: true })
  closedOn: string | null;

  /** The eligibility facts as declared on the application (null on older records). */
  @Column('text', { nullable: true })
  legalOrder: LegalOrder | null;

  @Column('boolean', { nullable: true })
  previouslyLookedAfter: boolean | null;

  @Column('boolean', { nullable: true })
  livesInEngland: boolean | null;

  @Column('boolean', { nullable: true })
  ehcPlan: boolean | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
