import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Contract } from '../awards/contract.entity';
import { assertOwnsAgencyRecord, assertOwnsProviderRecord, assertOwnsRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { findOneJoined } from '../common/database/find-one-joined';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { PageRequest, toPage } from '../common/http/pagination';
import { formatIsoDate, formatPence } from '../common/views/format';
import type { EmailTemplate } from '../notifications/email-templates';
import { NotificationsService } from '../notifications/notifications.service';
import { DeliveryService } from '../quality/delivery.service';
import { UserRepository } from '../users/user.repository';
import { User } from '../users/user.entity';
import { Invoice } from './invoice.entity';
import {
  COUNTED_STATUSES,
  daysLate,
  invoiceProblems,
  InvoiceAction,
  paymentDateProblem,
  paymentDueOn,
  PaymentStanding,
  paymentStanding,
  transitionInvoice,
} from './invoice-rules';

export interface InvoiceInput {
  invoiceNumber: string;
  invoiceDate: string;
  periodStart: string;
  periodEnd: string;
  sessions: number;
  amountPence: number;
  replacesInvoiceId: string | null;
}

/** Per contract, in pence: invoiced (submitted, approved or paid), approved (approved or paid) and paid. */
export interface ContractInvoiceTotals {
  invoicedPence: number;
  approvedPence: number;
  paidPence: number;
}

/** The payments report's lists, by where an invoice stands. */
export const PAYMENT_LISTS: Record<Exclude<PaymentStanding, 'replaced'>, string> = {
  awaiting_approval: 'Awaiting approval',
  disputed: 'Disputed',
  due: 'Approved and due',
  overdue: 'Overdue',
  paid: 'Paid',
};
export type PaymentList = keyof typeof PAYMENT_LISTS;

/** The SQL for each list, with `$2` as today (London): the same rule as paymentStanding. */
const LIST_WHERE: Record<PaymentList, string> = {
  awaiting_approval: `i.status = 'submitted' AND i.due_on >= $2`,
  disputed: `i.status = 'disputed'`,
  due: `i.status = 'approved' AND i.due_on >= $2`,
  overdue: `i.status IN ('submitted', 'approved') AND i.due_on < $2`,
  paid: `i.status = 'paid'`,
};

/** A row of the payments report. */
export interface PaymentRow {
  id: string;
  contract_id: string;
  invoice_number: string;
  provider: string;
  title: string;
  status: Invoice['status'];
  invoice_date: string;
  received_on: string;
  due_on: string | null;
  paid_on: string | null;
  sessions: number;
  amount_pence: number;
}

const normaliseNumber = (raw: string) => raw.trim().replace(/\s+/g, '').toUpperCase();

/**
 * Invoices on contracts, purchase to pay: the provider raises them against
 * delivered sessions; the commissioner approves, disputes and records
 * payment; the payments report and the lateness job follow PA 2023 s.68.
 * Every change is audited with the invoice, in its transaction.
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: DeliveryService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly userRecords: UserRepository,
  ) {}

  /** A contract's invoices, for its provider or its agency's commissioners, with what is left to invoice. */
  async forContract(user: SignedInUser, contractId: string) {
    const manager = this.dataSource.manager;
    const found = await findOneJoined(manager, Contract, { where: { id: contractId }, relations: { requirement: true, provider: true, agency: true } });
    const contract = assertOwnsRecord(user, found);
    const [invoices, delivered] = await Promise.all([
      manager.find(Invoice, { where: { contractId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.delivery.deliveredSessions(manager, contractId),
    ]);
    const counted = invoices.filter((invoice) => COUNTED_STATUSES.includes(invoice.status));
    return {
      contract,
      invoices,
      delivered,
      invoicedSessions: counted.reduce((sum, invoice) => sum + invoice.sessions, 0),
      invoicedPence: counted.reduce((sum, invoice) => sum + invoice.amountPence, 0),
      canInvoice: contract.status !== 'pending',
    };
  }

  private async lockContract(manager: EntityManager, id: string): Promise<Contract | null> {
    return manager.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The contract's other counted invoices, as totals for the rules. */
  private async countedTotals(manager: EntityManager, contractId: string, exceptInvoiceId: string | null) {
    const [row] = await manager.query(
      `SELECT coalesce(sum(sessions), 0)::int AS sessions, coalesce(sum(amount_pence), 0)::bigint AS pence
         FROM invoices WHERE contract_id = $1 AND status = ANY($2) AND ($3::uuid IS NULL OR id <> $3)`,
      [contractId, COUNTED_STATUSES, exceptInvoiceId],
    );
    return { invoicedSessions: row.sessions as number, invoicedPence: Number(row.pence) };
  }

  private contractFacts(contract: Contract) {
    return { startsOn: contract.startsOn, endsOn: contract.endedOn ?? contract.endsOn, valuePence: contract.valuePence };
  }

  /**
   * The provider raises an invoice: refused (400, nothing saved) with a
   * duplicate number, more sessions than delivered, more than the contract's
   * value or dates outside it. A corrected invoice replaces a disputed one.
   * The contract row is locked, so two invoices at once cannot both take the
   * last sessions or money.
   */
  async raise(user: SignedInUser, contractId: string, input: InvoiceInput): Promise<Invoice> {
    return this.dataSource.transaction(async (manager) => {
      const contract = assertOwnsProviderRecord(user, await this.lockContract(manager, contractId));
      const today = this.clock.today();
      const key = normaliseNumber(input.invoiceNumber);
      if (await manager.existsBy(Invoice, { providerId: contract.providerId, invoiceNumberKey: key })) {
        throw FormInvalidError.forField('invoiceNumber', 'You have already used this invoice number: enter a new one');
      }
      let replaces: Invoice | null = null;
      if (input.replacesInvoiceId) {
        replaces = await manager.findOne(Invoice, { where: { id: input.replacesInvoiceId, contractId }, lock: { mode: 'pessimistic_write' } });
        if (!replaces || replaces.status !== 'disputed')
          throw FormInvalidError.forField('replacesInvoiceId', 'Select a disputed invoice on this contract, or none');
      }
      const totals = { delivered: await this.delivery.deliveredSessions(manager, contractId), ...(await this.countedTotals(manager, contractId, null)) };
      const problems = invoiceProblems(this.contractFacts(contract), totals, input, today);
      if (problems.length)
        throw new FormInvalidError(
          problems.map(({ field, text }) => ({ field, text, href: field === 'sessions' || field === 'amount' ? `#${field}` : `#${field}-day` })),
        );
      const invoice = await manager.save(Invoice, {
        contractId,
        agencyId: contract.agencyId,
        providerId: contract.providerId,
        invoiceNumber: input.invoiceNumber.trim(),
        invoiceNumberKey: key,
        invoiceDate: input.invoiceDate,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        sessions: input.sessions,
        amountPence: input.amountPence,
        status: 'submitted' as const,
        receivedOn: today,
        dueOn: paymentDueOn(today),
        replacesInvoiceId: replaces?.id ?? null,
        submittedByUserId: user.id,
      });
      await this.audit.record(manager, {
        action: 'invoice.submitted',
        entityType: 'invoice',
        entityId: invoice.id,
        after: {
          contractId,
          invoiceNumber: invoice.invoiceNumber,
          invoiceDate: invoice.invoiceDate,
          periodStart: invoice.periodStart,
          periodEnd: invoice.periodEnd,
          sessions: invoice.sessions,
          amountPence: invoice.amountPence,
          receivedOn: today,
          dueOn: invoice.dueOn,
          replacesInvoiceId: invoice.replacesInvoiceId,
        },
      });
      if (replaces) await this.move(manager, replaces, { kind: 'replace' }, { replacedByInvoiceId: invoice.id });
      await this.notifications.fanOut(manager, {
        template: 'invoice-received',
        recipients: await this.userRecords.listAgencyCommissioners(manager, contract.agencyId),
        data: () => ({ contractId, invoiceNumber: invoice.invoiceNumber, amountText: formatPence(invoice.amountPence), dueText: formatIsoDate(invoice.dueOn) }),
        eventKey: `invoice-received:${invoice.id}`,
      });
      return invoice;
    });
  }

  /** Applies one transition to a locked invoice and audits it. */
  private async move(manager: EntityManager, invoice: Invoice, action: InvoiceAction, extra: Record<string, unknown> = {}) {
    const change = transitionInvoice(invoice, action);
    await manager.update(Invoice, invoice.id, change);
    await this.audit.record(manager, {
      action: `invoice.${change.status}`,
      entityType: 'invoice',
      entityId: invoice.id,
      before: { status: invoice.status, dueOn: invoice.dueOn },
      after: { contractId: invoice.contractId, ...change, ...extra },
    });
    return change;
  }

  /** An invoice on one of the commissioner's agency's contracts, locked with its contract. */
  private async lockForCommissioner(manager: EntityManager, user: SignedInUser, contractId: string, invoiceId: string) {
    const contract = assertOwnsAgencyRecord(user, await this.lockContract(manager, contractId));
    const invoice = await manager.findOne(Invoice, { where: { id: invoiceId, contractId }, lock: { mode: 'pessimistic_write' } });
    if (!invoice) throw new NotFoundException();
    return { contract, invoice };
  }

  private async tellProvider(manager: EntityManager, invoice: Invoice, template: EmailTemplate, data: Record<string, unknown>) {
    const recipients = await manager
      .createQueryBuilder(User, 'user')
      .where(`user.status = 'active' AND user.providerId = :providerId`, { providerId: invoice.providerId })
      .getMany();
    await this.notifications.fanOut(manager, {
      template,
      recipients,
      data: () => ({ ...data, contractId: invoice.contractId, invoiceNumber: invoice.invoiceNumber, amountText: formatPence(invoice.amountPence) }),
      eventKey: `${template}:${invoice.id}`,
    });
  }

  /**
   * Approves an invoice. One approved after a dispute counts again, so it is
   * checked again against the sessions delivered and the contract's value
   * (a corrected invoice may have taken its place).
   */
  async approve(user: SignedInUser, contractId: string, invoiceId: string): Promise<Invoice> {
    return this.dataSource.transaction(async (manager) => {
      const { contract, invoice } = await this.lockForCommissioner(manager, user, contractId, invoiceId);
      const today = this.clock.today();
      if (invoice.status === 'disputed') {
        const totals = {
          delivered: await this.delivery.deliveredSessions(manager, contractId),
          ...(await this.countedTotals(manager, contractId, invoice.id)),
        };
        const problems = invoiceProblems(this.contractFacts(contract), totals, invoice, today).filter(
          (problem) => problem.field === 'sessions' || problem.field === 'amount',
        );
        if (problems.length)
          throw new FormInvalidError(
            problems.map(({ text }) => ({ field: 'approve', href: '#approve', text: `Invoice ${invoice.invoiceNumber} cannot be approved now. ${text}` })),
          );
      }
      const change = await this.move(manager, invoice, { kind: 'approve', on: today });
      // Due afresh after a dispute, so it can be late (and told) again.
      if (invoice.status === 'disputed') await manager.update(Invoice, invoice.id, { lateNotifiedAt: null });
      await this.tellProvider(manager, invoice, 'invoice-approved', { dueText: formatIsoDate(change.dueOn) });
      return { ...invoice, ...change };
    });
  }

  async dispute(user: SignedInUser, contractId: string, invoiceId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { invoice } = await this.lockForCommissioner(manager, user, contractId, invoiceId);
      await this.move(manager, invoice, { kind: 'dispute', on: this.clock.today(), reason });
      await this.tellProvider(manager, invoice, 'invoice-disputed', { reason });
    });
  }

  async recordPayment(user: SignedInUser, contractId: string, invoiceId: string, paidOn: string): Promise<{ daysLate: number | null }> {
    return this.dataSource.transaction(async (manager) => {
      const { invoice } = await this.lockForCommissioner(manager, user, contractId, invoiceId);
      const problem = paymentDateProblem(invoice.receivedOn, paidOn, this.clock.today());
      if (problem) throw FormInvalidError.forField(`paidOn-${invoice.id}`, problem, { href: `#paidOn-${invoice.id}-day` });
      const change = await this.move(manager, invoice, { kind: 'pay', paidOn });
      const late = daysLate({ dueOn: change.dueOn, paidOn }, paidOn);
      await this.tellProvider(manager, invoice, 'invoice-paid', { paidText: formatIsoDate(paidOn), daysLate: late });
      return { daysLate: late };
    });
  }

  /** The commissioner's agency's invoices in one list of the payments report, a page at a time, with each list's count. */
  async payments(user: SignedInUser, list: PaymentList, pageRequest: PageRequest) {
    if (!user.agencyId) throw new NotFoundException();
    const today = this.clock.today();
    const select = `SELECT i.id, i.contract_id, i.invoice_number, p.name AS provider, r.title, i.status, i.invoice_date::text, i.received_on::text, i.due_on::text, i.paid_on::text, i.sessions, i.amount_pence
                      FROM invoices i JOIN contracts c ON c.id = i.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = i.provider_id`;
    const order = list === 'paid' ? 'i.paid_on DESC, i.id' : list === 'disputed' ? 'i.disputed_on, i.id' : 'i.due_on, i.id';
    // Some lists do not compare with today: `$2::date IS NOT NULL` gives $2 its type in every query.
    const [rows, counts] = await Promise.all([
      this.dataSource.query(`${select} WHERE i.agency_id = $1 AND $2::date IS NOT NULL AND ${LIST_WHERE[list]} ORDER BY ${order} LIMIT $3 OFFSET $4`, [
        user.agencyId,
        today,
        pageRequest.pageSize,
        pageRequest.offset,
      ]) as Promise<PaymentRow[]>,
      this.dataSource.query(
        `SELECT ${Object.entries(LIST_WHERE)
          .map(([name, where]) => `count(*) FILTER (WHERE ${where})::int AS ${name}`)
          .join(', ')}, coalesce(sum(i.amount_pence) FILTER (WHERE ${LIST_WHERE.overdue}), 0)::bigint AS overdue_pence
           FROM invoices i WHERE i.agency_id = $1 AND $2::date IS NOT NULL`,
        [user.agencyId, today],
      ) as Promise<Array<Record<PaymentList | 'overdue_pence', number>>>,
    ]);
    const [count] = counts;
    return { today, page: toPage(rows, count[list], pageRequest, '/payments', { show: list }), counts: count, overduePence: Number(count.overdue_pence) };
  }

  /** Every invoice of the commissioner's agency but replaced ones, for the CSV, with where each stands and days late. */
  async paymentsExport(user: SignedInUser) {
    if (!user.agencyId) throw new NotFoundException();
    const today = this.clock.today();
    const rows: PaymentRow[] = await this.dataSource.query(
      `SELECT i.id, i.contract_id, i.invoice_number, p.name AS provider, r.title, i.status, i.invoice_date::text, i.received_on::text, i.due_on::text, i.paid_on::text, i.sessions, i.amount_pence
         FROM invoices i JOIN contracts c ON c.id = i.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = i.provider_id
        WHERE i.agency_id = $1 AND i.status <> 'replaced' ORDER BY i.received_on, i.id`,
      [user.agencyId],
    );
    return rows.map((row) => ({
      ...row,
      standing: paymentStanding({ status: row.status, dueOn: row.due_on }, today),
      daysLate: daysLate({ dueOn: row.due_on, paidOn: row.paid_on }, today),
    }));
  }

  /**
   * Tells the provider once about each undisputed invoice still unpaid after
   * its due date (PA 2023 s.68(2)), and audits it. The late flag and the
   * event key keep it to one email per invoice, however often this runs.
   */
  async flagLatePayments(): Promise<number> {
    const today = this.clock.today();
    const late: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM invoices WHERE status IN ('submitted', 'approved') AND late_notified_at IS NULL AND due_on < $1 ORDER BY due_on, id LIMIT 1000`,
      [today],
    );
    let flagged = 0;
    for (const { id } of late) {
      const told = await this.dataSource.transaction(async (manager) => {
        const invoice = await manager
          .createQueryBuilder(Invoice, 'invoice')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('invoice.id = :id', { id })
          .getOne();
        if (!invoice || invoice.lateNotifiedAt || !['submitted', 'approved'].includes(invoice.status) || !invoice.dueOn || invoice.dueOn >= today) return false;
        await manager.update(Invoice, id, { lateNotifiedAt: this.clock.now() });
        const days = daysLate(invoice, today);
        await this.audit.record(manager, {
          action: 'invoice.payment_late',
          entityType: 'invoice',
          entityId: id,
          actor: null,
          after: { contractId: invoice.contractId, dueOn: invoice.dueOn, daysLate: days },
        });
        await this.tellProvider(manager, invoice, 'invoice-payment-late', { dueText: formatIsoDate(invoice.dueOn), daysLate: days });
        return true;
      });
      if (told) flagged++;
    }
    return flagged;
  }

  /**
   * Per contract, the pence invoiced (submitted, approved or paid; not
   * disputed or replaced), approved (approved or paid) and paid: for ASGSF
   * claims and returns. Contracts without invoices are in the map with zeros.
   * No ownership check: callers pass contracts they have already checked.
   */
  async totalsForContracts(contractIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, ContractInvoiceTotals>> {
    const totals = new Map<string, ContractInvoiceTotals>(contractIds.map((id) => [id, { invoicedPence: 0, approvedPence: 0, paidPence: 0 }]));
    if (!contractIds.length) return totals;
    const rows: Array<{ contract_id: string; invoiced: string; approved: string; paid: string }> = await manager.query(
      `SELECT contract_id,
              coalesce(sum(amount_pence) FILTER (WHERE status IN ('submitted', 'approved', 'paid')), 0)::bigint AS invoiced,
              coalesce(sum(amount_pence) FILTER (WHERE status IN ('approved', 'paid')), 0)::bigint AS approved,
              coalesce(sum(amount_pence) FILTER (WHERE status = 'paid'), 0)::bigint AS paid
         FROM invoices WHERE contract_id = ANY($1::uuid[]) GROUP BY contract_id`,
      [[...contractIds]],
    );
    for (const row of rows)
      totals.set(row.contract_id, { invoicedPence: Number(row.invoiced), approvedPence: Number(row.approved), paidPence: Number(row.paid) });
    return totals;
  }
}
