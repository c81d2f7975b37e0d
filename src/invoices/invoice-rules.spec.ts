import { IllegalTransitionError } from '../common/lifecycle';
import { daysLate, invoiceLifecycle, invoiceProblems, paymentDateProblem, paymentDueOn, paymentStanding, transitionInvoice } from './invoice-rules';

const contract = { startsOn: '2026-09-01', endsOn: '2026-12-31', valuePence: 100_000 };
const nothingYet = { delivered: 6, invoicedSessions: 0, invoicedPence: 0 };
const invoice = { invoiceDate: '2026-10-31', periodStart: '2026-09-01', periodEnd: '2026-10-31', sessions: 4, amountPence: 40_000 };
const today = '2026-11-05';
const fields = (problems: ReturnType<typeof invoiceProblems>) => problems.map((problem) => problem.field);

describe('invoice rules', () => {
  it('accepts an invoice within the contract for sessions delivered', () => {
    expect(invoiceProblems(contract, nothingYet, invoice, today)).toEqual([]);
    expect(invoiceProblems(contract, { delivered: 6, invoicedSessions: 2, invoicedPence: 60_000 }, invoice, today)).toEqual([]);
  });

  it('never invoices more sessions, with the other invoices, than were delivered', () => {
    expect(invoiceProblems(contract, nothingYet, { ...invoice, sessions: 7 }, today)).toEqual([
      { field: 'sessions', text: 'Only 6 of the 6 sessions delivered are not yet invoiced' },
    ]);
    expect(invoiceProblems(contract, { delivered: 6, invoicedSessions: 5, invoicedPence: 0 }, { ...invoice, sessions: 2 }, today)).toEqual([
      { field: 'sessions', text: 'Only 1 of the 6 sessions delivered is not yet invoiced' },
    ]);
    expect(fields(invoiceProblems(contract, { delivered: 6, invoicedSessions: 2, invoicedPence: 0 }, { ...invoice, sessions: 4 }, today))).toEqual([]);
  });

  it('never invoices more, with the other invoices, than the contract’s value', () => {
    expect(invoiceProblems(contract, { delivered: 6, invoicedSessions: 0, invoicedPence: 70_000 }, { ...invoice, amountPence: 30_001 }, today)).toEqual([
      { field: 'amount', text: 'The amount must be £300.00 or less: with the contract’s other invoices it would be more than its value of £1,000.00' },
    ]);
    expect(invoiceProblems(contract, { delivered: 6, invoicedSessions: 0, invoicedPence: 70_000 }, { ...invoice, amountPence: 30_000 }, today)).toEqual([]);
  });

  it('refuses an amount of nothing or less', () => {
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, amountPence: 0 }, today))).toEqual(['amount']);
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, amountPence: -100 }, today))).toEqual(['amount']);
  });

  it('keeps the period within the contract’s dates and the invoice date between the period’s start and today', () => {
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, periodStart: '2026-08-31' }, today))).toEqual(['periodStart']);
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, periodEnd: '2027-01-01', invoiceDate: today }, today))).toEqual(['periodEnd']);
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, periodStart: '2026-10-01', periodEnd: '2026-09-30' }, today))).toEqual(['periodEnd']);
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, invoiceDate: '2026-08-31' }, today))).toEqual(['invoiceDate']);
    expect(fields(invoiceProblems(contract, nothingYet, { ...invoice, invoiceDate: '2026-11-06' }, today))).toEqual(['invoiceDate']);
    expect(fields(invoiceProblems({ ...contract, startsOn: null, endsOn: null }, nothingYet, invoice, today))).toEqual(['invoiceDate']);
  });

  it('is due by the 30th day beginning with the day it is received (PA 2023 s.68(2))', () => {
    expect(paymentDueOn('2026-11-01')).toBe('2026-11-30');
    expect(paymentDueOn('2027-02-15')).toBe('2027-03-16');
  });

  it('counts the days late, until paid', () => {
    expect(daysLate({ dueOn: '2026-11-30', paidOn: null }, '2026-11-30')).toBe(0);
    expect(daysLate({ dueOn: '2026-11-30', paidOn: null }, '2026-12-03')).toBe(3);
    expect(daysLate({ dueOn: '2026-11-30', paidOn: '2026-12-01' }, '2027-01-10')).toBe(1);
    expect(daysLate({ dueOn: '2026-11-30', paidOn: '2026-11-20' }, '2027-01-10')).toBe(0);
    expect(daysLate({ dueOn: null, paidOn: null }, '2027-01-10')).toBeNull();
  });

  it('moves through submitted, approved or disputed, and paid, and nowhere else', () => {
    const received = { status: 'submitted' as const, receivedOn: '2026-11-01', dueOn: '2026-11-30' };
    expect(transitionInvoice(received, { kind: 'approve', on: '2026-11-10' })).toEqual({ status: 'approved', approvedOn: '2026-11-10', dueOn: '2026-11-30' });
    const disputed = transitionInvoice(received, { kind: 'dispute', on: '2026-11-05', reason: 'Two sessions were cancelled' });
    expect(disputed).toEqual({ status: 'disputed', disputedOn: '2026-11-05', disputeReason: 'Two sessions were cancelled', dueOn: null });
    // Accepted after all: the 30 days run from the day it became undisputed.
    expect(transitionInvoice({ ...received, status: 'disputed', dueOn: null }, { kind: 'approve', on: '2026-12-01' })).toEqual({
      status: 'approved',
      approvedOn: '2026-12-01',
      dueOn: '2026-12-30',
    });
    expect(transitionInvoice({ ...received, status: 'disputed', dueOn: null }, { kind: 'replace' })).toEqual({ status: 'replaced', dueOn: null });
    expect(transitionInvoice({ ...received, status: 'approved' }, { kind: 'pay', paidOn: '2026-11-20' })).toEqual({
      status: 'paid',
      paidOn: '2026-11-20',
      dueOn: '2026-11-30',
    });

    expect(() => transitionInvoice(received, { kind: 'pay', paidOn: '2026-11-20' })).toThrow(IllegalTransitionError);
    expect(() => transitionInvoice({ ...received, status: 'approved' }, { kind: 'dispute', on: '2026-11-05', reason: 'x' })).toThrow(
      'An invoice that is approved cannot become disputed',
    );
    expect(() => transitionInvoice({ ...received, status: 'paid' }, { kind: 'approve', on: '2026-11-05' })).toThrow(IllegalTransitionError);
    expect(() => transitionInvoice(received, { kind: 'replace' })).toThrow(IllegalTransitionError);
    expect(invoiceLifecycle.nextStates('replaced')).toEqual([]);
  });

  it('refuses a payment date before the invoice was received or in the future', () => {
    expect(paymentDateProblem('2026-11-01', '2026-10-31', today)).toMatch(/on or after/);
    expect(paymentDateProblem('2026-11-01', '2026-11-06', today)).toMatch(/today or in the past/);
    expect(paymentDateProblem('2026-11-01', '2026-11-01', today)).toBeNull();
  });

  it('places each invoice on the payments report', () => {
    expect(paymentStanding({ status: 'submitted', dueOn: '2026-11-30' }, '2026-11-30')).toBe('awaiting_approval');
    expect(paymentStanding({ status: 'submitted', dueOn: '2026-11-30' }, '2026-12-01')).toBe('overdue');
    expect(paymentStanding({ status: 'approved', dueOn: '2026-11-30' }, '2026-11-15')).toBe('due');
    expect(paymentStanding({ status: 'approved', dueOn: '2026-11-30' }, '2026-12-01')).toBe('overdue');
    expect(paymentStanding({ status: 'disputed', dueOn: null }, '2026-12-01')).toBe('disputed');
    expect(paymentStanding({ status: 'paid', dueOn: '2026-11-30' }, '2026-12-01')).toBe('paid');
  });
});
