import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Contract } from '../awards/contract.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import type { InvoiceStatus } from './invoice-rules';

/**
 * A provider's invoice against a contract for sessions it delivered, in
 * integer pence (BR-19). The commissioner approves or disputes it and records
 * its payment; its due date follows PA 2023 s.68(2). The agency and provider
 * are the contract's, kept here so the payments report reads one index.
 */
@Entity('invoices')
@Index('uq_invoices_provider_number', ['providerId', 'invoiceNumberKey'], { unique: true })
@Index('ix_invoices_contract', ['contractId', 'createdAt'])
@Index('ix_invoices_agency_status', ['agencyId', 'status', 'dueOn'])
@Index('ix_invoices_late', ['dueOn'], { where: `status IN ('submitted', 'approved') AND late_notified_at IS NULL` })
@Check('ck_invoices_status', `status IN ('submitted', 'approved', 'disputed', 'replaced', 'paid')`)
@Check('ck_invoices_amount', `amount_pence > 0`)
@Check('ck_invoices_sessions', `sessions > 0`)
@Check('ck_invoices_period', `period_end >= period_start`)
@Check('ck_invoices_disputed', `status <> 'disputed' OR dispute_reason IS NOT NULL`)
@Check('ck_invoices_paid', `status <> 'paid' OR paid_on IS NOT NULL`)
export class Invoice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invoices' })
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id', foreignKeyConstraintName: 'fk_invoices_contract' })
  contract?: Contract;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_invoices_agency' })
  agency?: Agency;

  @Column('uuid')
  providerId: string;

  @ManyToOne(() => ProviderOrganisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_invoices_provider' })
  provider?: ProviderOrganisation;

  /** As the provider wrote it. */
  @Column('text')
  invoiceNumber: string;

  /** The number compared for uniqueness: trimmed, upper case, spaces removed. */
  @Column('text')
  invoiceNumberKey: string;

  @Column('date')
  invoiceDate: string;

  @Column('date')
  periodStart: string;

  @Column('date')
  periodEnd: string;

  @Column('integer')
  sessions: number;

  @Column('integer')
  amountPence: number;

  @Column('text', { default: 'submitted' })
  status: InvoiceStatus;

  /** The day (London) the invoice reached the agency through the portal: s.68(2)'s 30 days begin here. */
  @Column('date')
  receivedOn: string;

  /** The last day to pay; none while disputed. */
  @Column('date', { nullable: true })
  dueOn: string | null;

  @Column('date', { nullable: true })
  approvedOn: string | null;

  @Column('date', { nullable: true })
  disputedOn: string | null;

  @Column('text', { nullable: true })
  disputeReason: string | null;

  @Column('date', { nullable: true })
  paidOn: string | null;

  /** The disputed invoice this one corrects. */
  @Column('uuid', { nullable: true })
  replacesInvoiceId: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaces_invoice_id', foreignKeyConstraintName: 'fk_invoices_replaces' })
  replaces?: Invoice;

  /** When the provider was told the payment is late: once per invoice. */
  @Column('timestamptz', { nullable: true })
  lateNotifiedAt: Date | null;

  @Column('uuid')
  submittedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_user_id', foreignKeyConstraintName: 'fk_invoices_submitted_by' })
  submittedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
