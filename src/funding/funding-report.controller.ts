import { Controller, Get, NotFoundException, Param, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toCsv } from '../common/http/csv';
import { formatPence } from '../common/views/format';
import { barChart } from '../insights/svg-chart';
import { FUNDING_STATUS_LABELS } from './funding-application';
import { RETURNS_STANDING_LABELS } from './funding-returns';
import { financialYearLabel } from './funding-rules';
import { FundingReturnsService } from './funding-returns.service';

const poundsAxis = (pence: number) => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;
const pounds = (pence: number) => (pence / 100).toFixed(2);
const money = (pence: number) => ({ text: formatPence(pence), format: 'numeric' });
const REPORT_FILES = ['summary', 'applications'] as const;

/**
 * The ASGSF funding report (/funding/report): spend, the fund's approvals,
 * claims, returns and the agency's own money, by agency and financial year,
 * for the commissioner's partnership. A chart, a table and CSVs, as the
 * market report does.
 */
@Controller('funding/report')
@Roles('commissioner')
export class FundingReportController {
  constructor(private readonly returns: FundingReturnsService) {}

  @Get()
  @Render('funding/report')
  async page(@CurrentUser() user: SignedInUser) {
    const { partnership, totals, rows } = await this.returns.forPartnership(user);
    const years = [...new Set(totals.map((row) => row.financialYear))].sort();
    const sum = (year: number, key: 'asgsfApprovedPence' | 'asgsfSpentPence' | 'toReturnPence' | 'agencyFundedPence') =>
      totals.filter((row) => row.financialYear === year).reduce((total, row) => total + row[key], 0);
    const grand = (key: 'toReturnPence' | 'ringFencedPence') => totals.reduce((total, row) => total + row[key], 0);
    return {
      partnership,
      toReturnText: formatPence(grand('toReturnPence')),
      ringFencedText: formatPence(grand('ringFencedPence')),
      chart: barChart({
        id: 'funding-chart',
        title: 'ASGSF approved, spent and to return, and agency-funded spend, by financial year',
        description: years.length
          ? years
              .map(
                (year) =>
                  `${financialYearLabel(year)}: ${formatPence(sum(year, 'asgsfApprovedPence'))} ASGSF approved, ${formatPence(sum(year, 'asgsfSpentPence'))} spent, ${formatPence(sum(year, 'toReturnPence'))} to return, ${formatPence(sum(year, 'agencyFundedPence'))} agency-funded`,
              )
              .join('; ')
          : 'No ASGSF application is recorded in the partnership.',
        categories: years.map((year) => `${year}/${String(year + 1).slice(2)}`),
        series: [
          { name: 'ASGSF approved', values: years.map((year) => sum(year, 'asgsfApprovedPence')) },
          { name: 'ASGSF spent', values: years.map((year) => sum(year, 'asgsfSpentPence')) },
          { name: 'ASGSF to return', values: years.map((year) => sum(year, 'toReturnPence')) },
          { name: 'Agency-funded', values: years.map((year) => sum(year, 'agencyFundedPence')) },
        ],
        valueLabel: poundsAxis,
      }),
      totalRows: totals.map((row) => [
        { text: row.agency },
        { text: financialYearLabel(row.financialYear) },
        money(row.invoicedPence),
        money(row.paidPence),
        money(row.asgsfApprovedPence),
        money(row.claimedPence),
        money(row.claimablePence),
        money(row.toReturnPence),
        money(row.ringFencedPence),
        money(row.agencyFundedPence),
      ]),
      applicationCount: rows.length,
    };
  }

  /** summary.csv: the table above; applications.csv: one line per application. */
  @Get(':file')
  async csv(@Param('file') file: string, @CurrentUser() user: SignedInUser, @Res() response: Response) {
    const report = file.endsWith('.csv') ? (file.slice(0, -4) as (typeof REPORT_FILES)[number]) : null;
    if (!report || !REPORT_FILES.includes(report)) throw new NotFoundException();
    const { totals, rows } = await this.returns.forPartnership(user);
    const csv =
      report === 'summary'
        ? toCsv(
            [
              'Agency',
              'Financial year',
              'Applications',
              'Invoiced (£)',
              'Paid (£)',
              'ASGSF approved (£)',
              'ASGSF spent (£)',
              'Claimed (£)',
              'Claimable (£)',
              'ASGSF to return (£)',
              'Ring-fenced, work in progress (£)',
              'Agency-funded (£)',
            ],
            totals.map((row) => [
              row.agency,
              financialYearLabel(row.financialYear),
              row.applications,
              pounds(row.invoicedPence),
              pounds(row.paidPence),
              pounds(row.asgsfApprovedPence),
              pounds(row.asgsfSpentPence),
              pounds(row.claimedPence),
              pounds(row.claimablePence),
              pounds(row.toReturnPence),
              pounds(row.ringFencedPence),
              pounds(row.agencyFundedPence),
            ]),
          )
        : toCsv(
            [
              'Agency',
              'Financial year',
              'Contract',
              'ASGSF reference',
              'Application status',
              'Work',
              'Invoiced (£)',
              'Approved invoices (£)',
              'Paid (£)',
              'ASGSF approved (£)',
              'ASGSF spent (£)',
              'Claimed (£)',
              'Claimable (£)',
              'ASGSF to return (£)',
              'Ring-fenced (£)',
              'Agency committed (£)',
              'Agency-funded (£)',
            ],
            rows.map((row) => [
              row.agency,
              financialYearLabel(row.financialYear),
              row.title,
              row.asgsfReference,
              FUNDING_STATUS_LABELS[row.status],
              RETURNS_STANDING_LABELS[row.standing],
              pounds(row.invoicedPence),
              pounds(row.approvedInvoicesPence),
              pounds(row.paidPence),
              pounds(row.asgsfApprovedPence),
              pounds(row.asgsfSpentPence),
              pounds(row.claimedPence),
              pounds(row.claimablePence),
              pounds(row.toReturnPence),
              pounds(row.ringFencedPence),
              pounds(row.agencyCommittedPence),
              pounds(row.agencyFundedPence),
            ]),
          );
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="asgsf-funding-${report}.csv"`);
    response.send(csv);
  }
}
