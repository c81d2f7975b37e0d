import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { asArray } from '../common/forms/form-transforms';
import { wholeNumber } from '../common/forms/number-fields';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest, toPage } from '../common/http/pagination';
import { formatDateTime, formatIsoDate, formatPence } from '../common/views/format';
import { OUTCOME_TOOLS, publicationFields } from './award-rules';
import type { Contract } from './contract.entity';
import { ROUTE_LABELS } from '../frameworks/procurement-routes';
import { ContractsService } from './contracts.service';
import { VAT_TREATMENTS } from './contract-law';
import { NoticeTasksService } from './notice-tasks.service';
import { ActivateContractForm, CallOffForm } from './dto/contract-forms';
import { FundingService } from '../funding/funding.service';
import { FundingReturnsService } from '../funding/funding-returns.service';
import { RETURNS_STANDING_LABELS } from '../funding/funding-returns';
import { ageEligibilityNotice, FUNDING_STATUS_LABELS, LEGAL_ORDERS } from '../funding/funding-application';
import { financialYearLabel } from '../funding/funding-rules';
import { londonDate } from '../common/calendar/working-days';
import { DEFAULT_REPORT_INTERVAL_WEEKS, REPORT_INTERVAL_WEEKS } from '../quality/delivery-rules';
import { routeId, signedInUser } from '../common/http/route-inputs';

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  pending: { text: 'Waiting to start', classes: 'govuk-tag--yellow' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  exhausted: { text: 'Volume used up', classes: 'govuk-tag--grey' },
  completed: { text: 'Completed', classes: 'govuk-tag--grey' },
  ended_early: { text: 'Ended early', classes: 'govuk-tag--red' },
};

/** Contracts for commissioners (/contracts) and providers (/provider/contracts). */
@Controller()
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly noticeTasks: NoticeTasksService,
    private readonly funding: FundingService,
    private readonly fundingReturns: FundingReturnsService,
  ) {}

  private async listModel(user: SignedInUser, base: string, rawPage: unknown) {
    const pageRequest = parsePageRequest(rawPage);
    const { rows, total } = await this.contracts.list(user, pageRequest);
    return {
      base,
      page: toPage(rows, total, pageRequest, base),
      rows: rows.map((row) => ({
        ...row,
        tag: STATUS_TAGS[row.status],
        valueText: formatPence(row.value_pence),
        balance: row.block_volume ? `${row.block_volume - row.used} of ${row.block_volume} ${row.block_unit} left` : 'Spot purchase',
      })),
    };
  }

  @Get('contracts')
  @Roles('commissioner')
  @Render('contracts/index')
  agencyList(@CurrentUser() user: SignedInUser, @Query('page') page: unknown) {
    return this.listModel(user, '/contracts', page);
  }

  @Get('provider/contracts')
  @Roles('provider_user')
  @Render('contracts/index')
  providerList(@CurrentUser() user: SignedInUser, @Query('page') page: unknown) {
    return this.listModel(user, '/provider/contracts', page);
  }

  @Get('contracts/:id')
  @Roles('commissioner')
  @Render('contracts/show')
  agencyContract(@Req() request: Request) {
    return this.showModel(request);
  }

  @Get('provider/contracts/:id')
  @Roles('provider_user')
  @Render('contracts/show')
  providerContract(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const user = signedInUser(request);
    const view = await this.contracts.detail(user, routeId(request));
    const { contract } = view;
    const block = contract.kind === 'block';
    const funding = await this.funding.forContract(user, contract.id);
    // Funding is not the provider's business (forContract gives them none either).
    const returns = user.providerId ? [] : await this.fundingReturns.forContract(contract.id);
    const posted = request.method === 'POST' ? request.path.split('/').pop() : undefined;
    return {
      ...view,
      commissioner: !user.providerId,
      block,
      pending: contract.status === 'pending',
      canCallOff: block && contract.status === 'active' && !user.providerId,
      tag: STATUS_TAGS[contract.status],
      rows: [
        { key: { text: 'Requirement' }, value: { text: contract.requirement!.title } },
        { key: { text: 'Provider' }, value: { text: contract.provider!.name } },
        { key: { text: 'Buyer' }, value: { text: contract.agency!.name } },
        { key: { text: 'Value' }, value: { text: formatPence(contract.valuePence) } },
        block
          ? {
              key: { text: 'Volume' },
              value: { text: `${contract.blockVolume} ${contract.blockUnit} over ${contract.blockPeriodMonths} months; ${view.remaining} left` },
            }
          : { key: { text: 'Sessions' }, value: { text: String(contract.sessionCount) } },
        { key: { text: 'Practitioners' }, value: { text: view.practitioners.join(', ') } },
        {
          key: { text: 'Dates' },
          value: { text: contract.startsOn ? `${formatIsoDate(contract.startsOn)} to ${formatIsoDate(contract.endsOn)}` : 'Not started' },
        },
        { key: { text: 'Outcome tools' }, value: { text: contract.outcomeTools.map((tool) => OUTCOME_TOOLS[tool]).join(', ') || 'None chosen yet' } },
      ],
      caseRows: view.caseDetails
        ? [
            { key: { text: 'Case reference' }, value: { text: view.caseDetails.childReference } },
            { key: { text: 'Name' }, value: { text: view.caseDetails.childName } },
            { key: { text: 'Date of birth' }, value: { text: formatIsoDate(view.caseDetails.dateOfBirth) } },
          ]
        : [],
      callOffRows: view.callOffs.map((callOff) => ({
        reference: callOff.childReference,
        units: callOff.units,
        at: formatDateTime(callOff.createdAt),
        periodText: callOff.startsOn ? `${formatIsoDate(callOff.startsOn)} to ${formatIsoDate(callOff.endsOn)}` : 'Not recorded',
        childText: callOff.caseDetails
          ? `${callOff.caseDetails.childName}, born ${formatIsoDate(callOff.caseDetails.dateOfBirth)}`
          : callOff.detailsWithdrawn
            ? 'Withdrawn when the call-off ended'
            : callOff.startsOn
              ? `Shared from ${formatIsoDate(callOff.startsOn)}`
              : 'Not shared',
      })),
      publicationRows: user.providerId ? [] : this.publicationRows(view.contract),
      noticeTasks: user.providerId ? [] : await this.noticeTasks.tasks(user, { contractId: contract.id }),
      fundingRows: funding.map((record) => ({
        ...record,
        statusText: FUNDING_STATUS_LABELS[record.status],
        periodText: record.startsOn ? `${formatIsoDate(record.startsOn)} to ${formatIsoDate(record.endsOn)}` : 'Not recorded',
        amountText: formatPence(record.asgsfPence),
        excessText: record.excessPence ? formatPence(record.excessPence) : undefined,
        yearText: financialYearLabel(record.financialYear),
      })),
      returnRows: returns.map((row) => ({
        id: row.id,
        childReference: funding.find((record) => record.id === row.id)?.childReference,
        standingText: RETURNS_STANDING_LABELS[row.standing],
        approvedText: formatPence(row.asgsfApprovedPence),
        invoicedText: formatPence(row.invoicedPence),
        claimableText: formatPence(row.claimablePence),
        claimedText: formatPence(row.claimedPence),
        toReturnText: formatPence(row.toReturnPence),
        ringFencedText: formatPence(row.ringFencedPence),
        agencyFundedText: formatPence(row.agencyFundedPence),
      })),
      fundingNotice: user.providerId ? null : this.fundingNotice(contract, view.caseDetails?.dateOfBirth ?? null),
      legalOrderItems: Object.entries(LEGAL_ORDERS).map(([value, text]) => ({ value, text })),
      yesNoItems: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
      fundingValues:
        posted === 'funding'
          ? request.body
          : {
              childReference: view.caseDetails?.childReference,
              partnershipChildReference: view.caseDetails?.childReference,
              therapy: '0',
              assessment: '0',
              topUp: '0',
            },
      // The page has three forms, two with a childReference field: each shows only its own submission's values and errors.
      callOffPosted: posted === 'call-offs',
      fundingPosted: posted === 'funding',
      toolItems: Object.entries(OUTCOME_TOOLS).map(([value, text]) => ({ value, text })),
      selectedTools: asArray(request.method === 'POST' ? request.body?.outcomeTools : contract.outcomeTools),
      intervalItems: REPORT_INTERVAL_WEEKS.map((weeks) => ({ value: String(weeks), text: `Every ${weeks} weeks` })),
      intervalValue: request.method === 'POST' ? request.body?.reportIntervalWeeks : String(DEFAULT_REPORT_INTERVAL_WEEKS),
      delivery: contract.status !== 'pending',
    };
  }

  /**
   * Said before the funding form: whether the lot can be ASGSF-funded at all,
   * and, for a spot contract, whether the child's age on the start date leaves
   * them eligible (up to 21, or 25 with an education, health and care plan).
   */
  private fundingNotice(contract: Contract, dateOfBirth: string | null): string | null {
    if (contract.requirement!.therapyType && !contract.requirement!.therapyType.asgsfEligible)
      return `${contract.requirement!.therapyType.name} is not a therapy the ASGSF funds: this contract cannot have an ASGSF application.`;
    return dateOfBirth ? ageEligibilityNotice(dateOfBirth, contract.startsOn ?? londonDate(new Date())) : null;
  }

  private publicationRows(contract: Contract) {
    const fields = publicationFields({
      title: contract.requirement!.title,
      buyer: contract.agency!.name,
      supplier: contract.provider!.name,
      valuePence: contract.valuePence,
      awardedOn: londonDate(contract.award!.decidedAt),
      startsOn: contract.startsOn,
      endsOn: contract.endsOn,
      procedure: ROUTE_LABELS[contract.requirement!.framework!.route].name,
    });
    const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
    return [
      row('Procedure', fields.procedure),
      row('Award date', formatIsoDate(fields.awardedOn)),
      row('Value', `${formatPence(fields.valuePence)} (${fields.currency})`),
      row('CPV code', fields.cpv),
      row('Value including VAT', `${formatPence(contract.valueIncludingVatPence ?? contract.valuePence)} (${VAT_TREATMENTS[contract.vatTreatment]})`),
      row('Light touch contract', contract.lightTouch ? 'Yes: health, social and related services (Procurement Act 2023, section 9)' : 'No'),
      row('Threshold', contract.aboveThreshold ? 'Above the threshold: a public contract' : 'Below the threshold'),
    ];
  }

  @Post('contracts/:id/activate')
  @Roles('commissioner')
  @FormPage('contracts/show', 'showModel')
  async activate(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ActivateContractForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.contracts.activate(user, id, {
      outcomeTools: form.outcomeTools,
      startsOn: isoDate(form.startsOn),
      endsOn: isoDate(form.endsOn),
      reportIntervalWeeks: Number(form.reportIntervalWeeks),
      midpointFeedback: form.midpointFeedback === 'yes',
    });
    setFlash(request, { heading: 'Contract started', body: 'The provider has been told, and can now see the child’s details for this contract.' });
    return redirectAfterSaving(request, response, `/contracts/${id}`);
  }

  @Post('contracts/:id/call-offs')
  @Roles('commissioner')
  @FormPage('contracts/show', 'showModel')
  async callOff(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: CallOffForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { remaining, lowBalance } = await this.contracts.callOff(user, id, {
      childReference: form.childReference,
      childName: form.childName,
      dateOfBirth: isoDate(form.dateOfBirth),
      startsOn: isoDate(form.startsOn),
      endsOn: isoDate(form.endsOn),
      units: wholeNumber(form.units),
    });
    setFlash(request, { heading: 'Referral called off', body: `${remaining} left in the block.${lowBalance ? ' The block is running low.' : ''}` });
    return redirectAfterSaving(request, response, `/contracts/${id}`);
  }
}
