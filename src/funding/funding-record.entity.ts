import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { CallOff, Contract } from '../awards/contract.entity';

export const FUNDING_STATUSES = ['applied', 'approved', 'refused'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/**
 * The ASGSF application behind a spot contract or a block call-off, with the
 * agency top-up and the fair access limit check for that child and year
 * (BR-15). Money is pence (BR-19).
 */
@Entity('funding_records')
@Index('ix_funding_records_child', ['agencyId', 'childReference', 'financialYear'])
@Index('ix_funding_records_contract', ['contractId'])
@Check('ck_funding_records_status', `status IN ('applied', 'approved', 'refused')`)
@Check('ck_funding_records_money', `asgsf_pence >= 0 AND top_up_pence >= 0 AND excess_pence >= 0`)
export class FundingRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_funding_records' })
  id: string;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_funding_records_agency' })
  agency?: Agency;

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

  @Column('text')
  childReference: string;

  @Column('text')
  asgsfReference: string;

  @Column('date')
  appliedOn: string;

  @Column('integer')
  asgsfPence: number;

  @Column('integer', { default: 0 })
  topUpPence: number;

  @Column('integer')
  financialYear: number;

  @Column('text', { default: 'applied' })
  status: FundingStatus;

  /** ASGSF asked for above the fair access limit: agency-funded, and on the panel's agenda while applied. */
  @Column('integer', { default: 0 })
  excessPence: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
