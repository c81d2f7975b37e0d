import { addDays } from '../common/calendar/dates';
import { defineLifecycle } from '../common/lifecycle';

/**
 * Invoices (purchase to pay): the checks on a provider's invoice against its
 * contract, the invoice lifecycle, and the payment terms of Procurement Act
 * 2023 s.68. Pure, so each rule is tested on its own.
 */

export const INVOICE_STATUSES = ['submitted', 'approved', 'disputed', 'replaced', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * submitted → approved | disputed; disputed → approved (the commissioner
 * accepts it after all) | replaced (the provider sends a corrected invoice);
 * approved → paid.
 */
export const invoiceLifecycle = defineLifecycle<InvoiceStatus>('An invoice', {
  submitted: ['approved', 'disputed'],
  disputed: ['approved', 'replaced'],
  approved: ['paid'],
  replaced: [],
  paid: [],
});

/** The statuses whose invoices count towards what has been invoiced: a disputed or replaced one does not. */
export const COUNTED_STATUSES: readonly InvoiceStatus[] = ['submitted', 'approved', 'paid'];

/**
 * PA 2023 s.68(2): a sum due must be paid "before the end of the period of
 * 30 days beginning with" the day the invoice is received. The day of
 * receipt is the first of the 30, so the last day to pay is 29 days later.
 */
export const PAYMENT_DAYS = 30;
export const paymentDueOn = (receivedOn: string): string => addDays(receivedOn, PAYMENT_DAYS - 1);

/** Days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** How many days late a payment is (or was, once paid): 0 when on time or not yet due; null without a due date. */
export function daysLate(invoice: { dueOn: string | null; paidOn: string | null }, today: string): number | null {
  if (!invoice.dueOn) return null;
  return Math.max(0, daysBetween(invoice.dueOn, invoice.paidOn ?? today));
}

export interface ContractFacts {
  startsOn: string | null;
  /** The planned end, or the day the work ended if it ended early. */
  endsOn: string | null;
  valuePence: number;
}

export interface InvoiceInput {
  invoiceDate: string;
  periodStart: string;
  periodEnd: string;
  sessions: number;
  amountPence: number;
}

export interface InvoiceTotals {
  /** Sessions delivered on the contract, from the session log. */
  delivered: number;
  /** Sessions on the contract's other invoices that still count (submitted, approved or paid). */
  invoicedSessions: number;
  /** Pence on those invoices. */
  invoicedPence: number;
}

export interface InvoiceProblem {
  field: 'invoiceDate' | 'periodStart' | 'periodEnd' | 'sessions' | 'amount';
  text: string;
}

const money = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * What is wrong with an invoice, by field: an amount of nothing or less; a
 * period outside the contract's dates or ending before it starts; an invoice
 * dated before the period begins or in the future; more sessions, counted
 * with the contract's other invoices, than the provider has delivered; or
 * more money than the contract's value.
 */
export function invoiceProblems(contract: ContractFacts, totals: InvoiceTotals, invoice: InvoiceInput, today: string): InvoiceProblem[] {
  const problems: InvoiceProblem[] = [];
  if (!contract.startsOn || !contract.endsOn) return [{ field: 'invoiceDate', text: 'The contract has not started, so it cannot be invoiced yet' }];
  const inContract = (date: string) => date >= contract.startsOn! && date <= contract.endsOn!;
  if (!inContract(invoice.periodStart)) problems.push({ field: 'periodStart', text: 'The start of the period must be within the contract’s dates' });
  if (!inContract(invoice.periodEnd)) problems.push({ field: 'periodEnd', text: 'The end of the period must be within the contract’s dates' });
  else if (invoice.periodEnd < invoice.periodStart) problems.push({ field: 'periodEnd', text: 'The end of the period must be the same as or after its start' });
  if (invoice.invoiceDate < contract.startsOn || invoice.invoiceDate < invoice.periodStart)
    problems.push({ field: 'invoiceDate', text: 'The invoice date must be on or after the start of the period it covers' });
  else if (invoice.invoiceDate > today) problems.push({ field: 'invoiceDate', text: 'The invoice date must be today or in the past' });
  if (invoice.sessions < 1) problems.push({ field: 'sessions', text: 'Enter the number of sessions, 1 or more' });
  else if (totals.invoicedSessions + invoice.sessions > totals.delivered) {
    const left = Math.max(0, totals.delivered - totals.invoicedSessions);
    problems.push({ field: 'sessions', text: `Only ${left} of the ${totals.delivered} sessions delivered ${left === 1 ? 'is' : 'are'} not yet invoiced` });
  }
  if (invoice.amountPence <= 0) problems.push({ field: 'amount', text: 'The amount must be more than £0' });
  else if (totals.invoicedPence + invoice.amountPence > contract.valuePence) {
    problems.push({
      field: 'amount',
      text: `The amount must be ${money(Math.max(0, contract.valuePence - totals.invoicedPence))} or less: with the contract’s other invoices it would be more than its value of ${money(contract.valuePence)}`,
    });
  }
  return problems;
}

export interface InvoiceState {
  status: InvoiceStatus;
  receivedOn: string;
  dueOn: string | null;
}

export type InvoiceAction =
  { kind: 'approve'; on: string } | { kind: 'dispute'; on: string; reason: string } | { kind: 'replace' } | { kind: 'pay'; paidOn: string };

export interface InvoiceChange {
  status: InvoiceStatus;
  dueOn: string | null;
  approvedOn?: string;
  disputedOn?: string;
  disputeReason?: string;
  paidOn?: string;
}

/**
 * The one transition of an invoice's status. Approving an undisputed invoice
 * keeps the due date set when it was received (s.68(2)); disputing it stops
 * the clock (s.68(2) does not apply to a disputed invoice); approving it
 * after a dispute starts the 30 days again from that day, when it becomes
 * undisputed. Payment records the date, which cannot be before the invoice
 * was received. Throws IllegalTransitionError for a move the lifecycle refuses.
 */
export function transitionInvoice(invoice: InvoiceState, action: InvoiceAction): InvoiceChange {
  switch (action.kind) {
    case 'approve':
      invoiceLifecycle.assertMove(invoice.status, 'approved');
      return {
        status: 'approved',
        approvedOn: action.on,
        dueOn: invoice.status === 'disputed' ? paymentDueOn(action.on) : (invoice.dueOn ?? paymentDueOn(invoice.receivedOn)),
      };
    case 'dispute':
      invoiceLifecycle.assertMove(invoice.status, 'disputed');
      return { status: 'disputed', disputedOn: action.on, disputeReason: action.reason, dueOn: null };
    case 'replace':
      invoiceLifecycle.assertMove(invoice.status, 'replaced');
      return { status: 'replaced', dueOn: null };
    case 'pay':
      invoiceLifecycle.assertMove(invoice.status, 'paid');
      return { status: 'paid', paidOn: action.paidOn, dueOn: invoice.dueOn };
  }
}

/** What is wrong with a payment date: before the invoice was received, or in the future. */
export function paymentDateProblem(receivedOn: string, paidOn: string, today: string): string | null {
  if (paidOn < receivedOn) return 'The payment date must be on or after the day the invoice was received';
  if (paidOn > today) return 'The payment date must be today or in the past';
  return null;
}

/** Where an invoice stands for the payments report. */
export type PaymentStanding = 'awaiting_approval' | 'disputed' | 'due' | 'overdue' | 'paid' | 'replaced';

export function paymentStanding(invoice: { status: InvoiceStatus; dueOn: string | null }, today: string): PaymentStanding {
  if (invoice.status === 'paid') return 'paid';
  if (invoice.status === 'disputed') return 'disputed';
  if (invoice.status === 'replaced') return 'replaced';
  if (invoice.dueOn && today > invoice.dueOn) return 'overdue';
  return invoice.status === 'submitted' ? 'awaiting_approval' : 'due';
}
