import { Body, Controller, Get, NotFoundException, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { pence, wholeNumber } from '../common/forms/number-fields';
import { toCsv } from '../common/http/csv';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { formatIsoDate, formatPence } from '../common/views/format';
import { DisputeInvoiceForm, InvoiceForm, InvoicePaymentForm } from './dto/invoice-forms';
import type { Invoice } from './invoice.entity';
import { daysLate, PaymentStanding, paymentStanding } from './invoice-rules';
import { InvoicesService, PAYMENT_LISTS, PaymentList, PaymentRow } from './invoices.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

const STANDING_TAGS: Record<PaymentStanding, { text: string; classes: string }> = {
  awaiting_approval: { text: 'Awaiting approval', classes: 'govuk-tag--blue' },
  disputed: { text: 'Disputed', classes: 'govuk-tag--orange' },
  due: { text: 'Approved', classes: 'govuk-tag--turquoise' },
  overdue: { text: 'Payment late', classes: 'govuk-tag--red' },
  paid: { text: 'Paid', classes: 'govuk-tag--green' },
  replaced: { text: 'Replaced', classes: 'govuk-tag--grey' },
};

const daysText = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/** How the payment stands in words: due by, late by, paid on time or late. */
function paymentText(invoice: { status: Invoice['status']; dueOn: string | null; paidOn: string | null }, today: string): string {
  const late = daysLate(invoice, today);
  if (invoice.status === 'paid') return `Paid ${formatIsoDate(invoice.paidOn)}${late ? `, ${daysText(late)} late` : ', on time'}`;
  if (invoice.status === 'disputed') return 'Not due while disputed';
  if (invoice.status === 'replaced') return 'Replaced by a corrected invoice';
  return late ? `Due ${formatIsoDate(invoice.dueOn)}: ${daysText(late)} late` : `Due by ${formatIsoDate(invoice.dueOn)}`;
}

function isPaymentList(value: unknown): value is PaymentList {
  return typeof value === 'string' && value in PAYMENT_LISTS;
}

/**
 * Invoices (purchase to pay): the provider raises them from its contract
 * (/provider/contracts/:id/invoices); the commissioner approves, disputes and
 * records payment (/contracts/:id/invoices/:invoiceId) and follows payments
 * across the agency's contracts at /payments.
 */
@Controller()
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  async contractModel(request: Request) {
    const user = signedInUser(request);
    const view = await this.invoices.forContract(user, routeId(request));
    const { contract } = view;
    const provider = !!user.providerId;
    const base = provider ? `/provider/contracts/${contract.id}` : `/contracts/${contract.id}`;
    const today = londonDate(new Date());
    const byId = new Map(view.invoices.map((invoice) => [invoice.id, invoice]));
    return {
      contract,
      base,
      provider,
      title: contract.requirement!.title,
      canRaise: provider && view.canInvoice,
      summaryRows: [
        { key: { text: 'Contract value' }, value: { text: formatPence(contract.valuePence) } },
        {
          key: { text: 'Invoiced' },
          value: { text: `${formatPence(view.invoicedPence)}, leaving ${formatPence(Math.max(0, contract.valuePence - view.invoicedPence))}` },
        },
        { key: { text: 'Sessions delivered' }, value: { text: String(view.delivered) } },
        { key: { text: 'Sessions invoiced' }, value: { text: `${view.invoicedSessions}, leaving ${Math.max(0, view.delivered - view.invoicedSessions)}` } },
        {
          key: { text: 'Contract dates' },
          value: { text: contract.startsOn ? `${formatIsoDate(contract.startsOn)} to ${formatIsoDate(contract.endedOn ?? contract.endsOn)}` : 'Not started' },
        },
      ],
      invoiceRows: view.invoices.map((invoice) => {
        const standing = paymentStanding(invoice, today);
        const replaces = invoice.replacesInvoiceId ? byId.get(invoice.replacesInvoiceId) : undefined;
        return {
          ...invoice,
          href: provider ? undefined : `${base}/invoices/${invoice.id}`,
          periodText: `${formatIsoDate(invoice.periodStart)} to ${formatIsoDate(invoice.periodEnd)}`,
          dateText: formatIsoDate(invoice.invoiceDate),
          amountText: formatPence(invoice.amountPence),
          tag: STANDING_TAGS[standing],
          paymentText: paymentText(invoice, today),
          replacesText: replaces ? `Corrects ${replaces.invoiceNumber}` : undefined,
        };
      }),
      replaceItems: [
        { value: '', text: 'None: this is a new invoice' },
        ...view.invoices
          .filter((invoice) => invoice.status === 'disputed')
          .map((invoice) => ({ value: invoice.id, text: `${invoice.invoiceNumber} (${formatPence(invoice.amountPence)}, disputed)` })),
      ],
      hasDisputed: view.invoices.some((invoice) => invoice.status === 'disputed'),
    };
  }

  @Get('provider/contracts/:id/invoices')
  @Roles('provider_user')
  @Render('invoices/contract')
  providerInvoices(@Req() request: Request) {
    return this.contractModel(request);
  }

  @Get('contracts/:id/invoices')
  @Roles('commissioner')
  @Render('invoices/contract')
  agencyInvoices(@Req() request: Request) {
    return this.contractModel(request);
  }

  @Post('provider/contracts/:id/invoices')
  @Roles('provider_user')
  @FormPage('invoices/contract', 'contractModel')
  async raise(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: InvoiceForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const invoice = await this.invoices.raise(user, id, {
      invoiceNumber: form.invoiceNumber,
      invoiceDate: isoDate(form.invoiceDate),
      periodStart: isoDate(form.periodStart),
      periodEnd: isoDate(form.periodEnd),
      sessions: wholeNumber(form.sessions),
      amountPence: pence(form.amount)!,
      replacesInvoiceId: form.replacesInvoiceId ?? null,
    });
    setFlash(request, {
      heading: `Invoice ${invoice.invoiceNumber} sent`,
      body: `The commissioner has been told. It is due to be paid by ${formatIsoDate(invoice.dueOn)}.`,
    });
    return redirectAfterSaving(request, response, `/provider/contracts/${id}/invoices`);
  }

  async invoiceModel(request: Request) {
    const user = signedInUser(request);
    const view = await this.invoices.forContract(user, routeId(request));
    const invoice = view.invoices.find((candidate) => candidate.id === routeId(request, 'invoiceId'));
    if (!invoice) throw new NotFoundException();
    const today = londonDate(new Date());
    const base = `/contracts/${view.contract.id}/invoices/${invoice.id}`;
    const replaces = invoice.replacesInvoiceId ? view.invoices.find((candidate) => candidate.id === invoice.replacesInvoiceId) : undefined;
    const replacedBy = view.invoices.find((candidate) => candidate.replacesInvoiceId === invoice.id);
    return {
      contract: view.contract,
      invoice,
      base,
      tag: STANDING_TAGS[paymentStanding(invoice, today)],
      rows: [
        { key: { text: 'Provider' }, value: { text: view.contract.provider!.name } },
        { key: { text: 'Invoice date' }, value: { text: formatIsoDate(invoice.invoiceDate) } },
        { key: { text: 'Period' }, value: { text: `${formatIsoDate(invoice.periodStart)} to ${formatIsoDate(invoice.periodEnd)}` } },
        { key: { text: 'Sessions' }, value: { text: String(invoice.sessions) } },
        { key: { text: 'Amount' }, value: { text: formatPence(invoice.amountPence) } },
        { key: { text: 'Received' }, value: { text: formatIsoDate(invoice.receivedOn) } },
        { key: { text: 'Payment' }, value: { text: paymentText(invoice, today) } },
        ...(invoice.disputeReason ? [{ key: { text: 'Disputed' }, value: { text: `${formatIsoDate(invoice.disputedOn)}: ${invoice.disputeReason}` } }] : []),
        ...(replaces ? [{ key: { text: 'Corrects' }, value: { text: replaces.invoiceNumber } }] : []),
        ...(replacedBy ? [{ key: { text: 'Replaced by' }, value: { text: replacedBy.invoiceNumber } }] : []),
      ],
      contractRows: [
        { key: { text: 'Sessions delivered' }, value: { text: String(view.delivered) } },
        { key: { text: 'Sessions invoiced' }, value: { text: String(view.invoicedSessions) } },
        { key: { text: 'Invoiced of the contract value' }, value: { text: `${formatPence(view.invoicedPence)} of ${formatPence(view.contract.valuePence)}` } },
      ],
      canApprove: invoice.status === 'submitted' || invoice.status === 'disputed',
      canDispute: invoice.status === 'submitted',
      canPay: invoice.status === 'approved',
    };
  }

  @Get('contracts/:id/invoices/:invoiceId')
  @Roles('commissioner')
  @Render('invoices/show')
  invoicePage(@Req() request: Request) {
    return this.invoiceModel(request);
  }

  @Post('contracts/:id/invoices/:invoiceId/approve')
  @Roles('commissioner')
  @FormPage('invoices/show', 'invoiceModel')
  async approve(
    @Param('id', RouteIdPipe) id: string,
    @Param('invoiceId', RouteIdPipe) invoiceId: string,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const invoice = await this.invoices.approve(user, id, invoiceId);
    setFlash(request, { heading: `Invoice ${invoice.invoiceNumber} approved`, body: `Pay it by ${formatIsoDate(invoice.dueOn)}. The provider has been told.` });
    return redirectAfterSaving(request, response, `/contracts/${id}/invoices/${invoiceId}`);
  }

  @Post('contracts/:id/invoices/:invoiceId/dispute')
  @Roles('commissioner')
  @FormPage('invoices/show', 'invoiceModel')
  async dispute(
    @Param('id', RouteIdPipe) id: string,
    @Param('invoiceId', RouteIdPipe) invoiceId: string,
    @Body() form: DisputeInvoiceForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.invoices.dispute(user, id, invoiceId, form.reason);
    setFlash(request, { heading: 'Invoice disputed', body: 'The provider has been told your reason, and can send a corrected invoice.' });
    return redirectAfterSaving(request, response, `/contracts/${id}/invoices/${invoiceId}`);
  }

  @Post('contracts/:id/invoices/:invoiceId/payment')
  @Roles('commissioner')
  @FormPage('invoices/show', 'invoiceModel')
  async recordPayment(
    @Param('id', RouteIdPipe) id: string,
    @Param('invoiceId', RouteIdPipe) invoiceId: string,
    @Body() form: InvoicePaymentForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { daysLate: late } = await this.invoices.recordPayment(user, id, invoiceId, isoDate(form.paidOn));
    setFlash(request, { heading: 'Payment recorded', body: late ? `It was paid ${daysText(late)} late.` : 'It was paid on time.' });
    return redirectAfterSaving(request, response, `/contracts/${id}/invoices/${invoiceId}`);
  }

  @Get('payments')
  @Roles('commissioner')
  @Render('invoices/payments')
  async payments(@CurrentUser() user: SignedInUser, @Query('show') rawShow: unknown, @Query('page') page: unknown) {
    const show: PaymentList = isPaymentList(rawShow) ? rawShow : 'overdue';
    const report = await this.invoices.payments(user, show, parsePageRequest(page));
    return {
      show,
      heading: PAYMENT_LISTS[show],
      page: report.page,
      overdueText: formatPence(report.overduePence),
      counts: report.counts,
      lists: (Object.keys(PAYMENT_LISTS) as PaymentList[]).map((list) => ({
        list,
        text: PAYMENT_LISTS[list],
        count: report.counts[list],
        href: `/payments?show=${list}`,
        current: list === show,
      })),
      rows: report.page.rows.map((row: PaymentRow) => ({
        href: `/contracts/${row.contract_id}/invoices/${row.id}`,
        number: row.invoice_number,
        provider: row.provider,
        title: row.title,
        amountText: formatPence(row.amount_pence),
        receivedText: formatIsoDate(row.received_on),
        paymentText: paymentText({ status: row.status, dueOn: row.due_on, paidOn: row.paid_on }, report.today),
        daysLate: daysLate({ dueOn: row.due_on, paidOn: row.paid_on }, report.today),
      })),
    };
  }

  @Get('payments/invoices.csv')
  @Roles('commissioner')
  async paymentsCsv(@CurrentUser() user: SignedInUser, @Res() response: Response) {
    const rows = await this.invoices.paymentsExport(user);
    const pounds = (value: number) => (value / 100).toFixed(2);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="payments-${londonDate(new Date())}.csv"`);
    response.send(
      toCsv(
        ['Invoice number', 'Provider', 'Contract', 'Invoice date', 'Received', 'Sessions', 'Amount (£)', 'Status', 'Due by', 'Paid on', 'Days late'],
        rows.map((row) => [
          row.invoice_number,
          row.provider,
          row.title,
          row.invoice_date,
          row.received_on,
          row.sessions,
          pounds(row.amount_pence),
          STANDING_TAGS[row.standing].text,
          row.due_on,
          row.paid_on,
          row.daysLate,
        ]),
      ),
    );
  }
}
