import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import { ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { pence } from '../common/forms/number-fields';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatIsoDate, formatPence } from '../common/views/format';
import { ContractsController } from '../awards/contracts.controller';
import { FundingApplicationForm, FundingClaimForm, FundingDecisionForm, FUNDING_OUTCOMES, SubmitFundingForm } from './dto/funding-forms';
import { actionsFrom, FUNDING_STATUS_LABELS, LEGAL_ORDERS } from './funding-application';
import { financialYearLabel } from './funding-rules';
import { FundingService } from './funding.service';
import { FundingReturnsService } from './funding-returns.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

const yes = (value: boolean | null) => (value === null ? 'Not recorded' : value ? 'Yes' : 'No');

/** A contract's ASGSF applications: drafted on the contract page, then taken through the fund's decision to closed on their own page. */
@Controller('contracts/:id/funding')
export class FundingController {
  constructor(
    private readonly funding: FundingService,
    private readonly moduleRef: ModuleRef,
    private readonly returns: FundingReturnsService,
  ) {}

  /** A refused draft re-renders the contract page it was posted from. */
  contractPage(request: Request) {
    return this.moduleRef.get(ContractsController, { strict: false }).showModel(request);
  }

  @Post()
  @Roles('commissioner')
  @FormPage('contracts/show', 'contractPage')
  async draft(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: FundingApplicationForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { id: recordId, warnings } = await this.funding.draft(user, id, {
      childReference: form.childReference,
      partnershipChildReference: form.partnershipChildReference,
      legalOrder: form.legalOrder,
      previouslyLookedAfter: form.previouslyLookedAfter === 'yes',
      livesInEngland: form.livesInEngland === 'yes',
      ehcPlan: form.ehcPlan === 'yes',
      startsOn: isoDate(form.packageStartsOn),
      endsOn: isoDate(form.packageEndsOn),
      therapyPence: pence(form.therapy)!,
      assessmentPence: pence(form.assessment)!,
      topUpPence: pence(form.topUp)!,
    });
    setFlash(request, { heading: 'ASGSF application drafted', body: warnings.join(' ') || 'It is within the fair access limit.' });
    return redirectAfterSaving(request, response, `/contracts/${id}/funding/${recordId}`);
  }

  @Get(':recordId')
  @Roles('commissioner')
  @Render('funding/show')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const user = signedInUser(request);
    const { contract, record, eligibility, othersExpectedPence } = await this.funding.detail(user, routeId(request), routeId(request, 'recordId'));
    const actions = actionsFrom(record.status);
    // What the claim can be: the approved funding met by approved invoices (funding-returns.ts).
    const claimable = actions.includes('claim') ? (await this.returns.forContract(contract.id)).find((row) => row.id === record.id) : undefined;
    const posted = request.method === 'POST' ? request.path.split('/').pop() : undefined;
    const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
    return {
      contract,
      record,
      statusText: FUNDING_STATUS_LABELS[record.status],
      rows: [
        row('Contract', contract.requirement!.title),
        row('Child’s case reference', record.childReference),
        row('Partnership reference for the child', record.partnershipChildReference),
        row('Package', record.startsOn ? `${formatIsoDate(record.startsOn)} to ${formatIsoDate(record.endsOn)}` : 'Not recorded'),
        row('Financial year', financialYearLabel(record.financialYear)),
        row('Therapy', formatPence(record.therapyPence)),
        row('Specialist assessment', formatPence(record.assessmentPence)),
        row('Asked of the fund', formatPence(record.asgsfPence)),
        row('Above the fair access limit (agency-funded)', formatPence(record.excessPence)),
        row('Agency top-up', formatPence(record.topUpPence)),
        row('Already expected for this child this year, across the partnership', formatPence(othersExpectedPence)),
        row('ASGSF reference', record.asgsfReference ?? 'Not submitted'),
        row('Submitted', record.appliedOn ? formatIsoDate(record.appliedOn) : 'Not submitted'),
        row('Approved', record.approvedPence === null ? 'Not decided' : formatPence(record.approvedPence)),
        row('Claimed', record.claimedPence === null ? 'Not claimed' : formatPence(record.claimedPence)),
      ],
      factRows: [
        row('Legal status', record.legalOrder ? LEGAL_ORDERS[record.legalOrder] : 'Not recorded'),
        row('Looked after before the order', yes(record.previouslyLookedAfter)),
        row('Lives in England', yes(record.livesInEngland)),
        row('Education, health and care plan', yes(record.ehcPlan)),
      ],
      eligibility,
      canSubmit: actions.includes('submit'),
      canDecide: actions.includes('approve'),
      canClaim: actions.includes('claim'),
      canClose: actions.includes('close'),
      outcomeItems: Object.entries(FUNDING_OUTCOMES).map(([value, text]) => ({ value, text })),
      values: posted ? request.body : {},
      approvedText: record.approvedPence === null ? null : formatPence(record.approvedPence),
      claimHint: claimable
        ? `No more than ${formatPence(claimable.claimablePence)}: the ${formatPence(record.approvedPence)} approved, met by the ${formatPence(claimable.approvedInvoicesPence)} of approved invoices`
        : null,
    };
  }

  @Post(':recordId/submit')
  @Roles('commissioner')
  @FormPage('funding/show', 'showModel')
  async submit(
    @Param('id', RouteIdPipe) id: string,
    @Param('recordId', RouteIdPipe) recordId: string,
    @Body() form: SubmitFundingForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { warnings } = await this.funding.act(user, id, recordId, {
      action: 'submit',
      asgsfReference: form.asgsfReference,
      submittedOn: isoDate(form.submittedOn),
    });
    setFlash(request, { heading: 'Application submitted to the fund', body: warnings.join(' ') || undefined });
    return redirectAfterSaving(request, response, `/contracts/${id}/funding/${recordId}`);
  }

  @Post(':recordId/decision')
  @Roles('commissioner')
  @FormPage('funding/show', 'showModel')
  async decision(
    @Param('id', RouteIdPipe) id: string,
    @Param('recordId', RouteIdPipe) recordId: string,
    @Body() form: FundingDecisionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.funding.act(
      user,
      id,
      recordId,
      form.outcome === 'partly_approve' ? { action: 'partly_approve', approvedPence: pence(form.approved)! } : { action: form.outcome },
    );
    setFlash(request, { heading: 'The fund’s decision is recorded' });
    return redirectAfterSaving(request, response, `/contracts/${id}/funding/${recordId}`);
  }

  @Post(':recordId/claim')
  @Roles('commissioner')
  @FormPage('funding/show', 'showModel')
  async claim(
    @Param('id', RouteIdPipe) id: string,
    @Param('recordId', RouteIdPipe) recordId: string,
    @Body() form: FundingClaimForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.funding.act(user, id, recordId, { action: 'claim', claimedPence: pence(form.claimed)! });
    setFlash(request, { heading: 'Claim recorded' });
    return redirectAfterSaving(request, response, `/contracts/${id}/funding/${recordId}`);
  }

  @Post(':recordId/close')
  @Roles('commissioner')
  @FormPage('funding/show', 'showModel')
  async close(
    @Param('id', RouteIdPipe) id: string,
    @Param('recordId', RouteIdPipe) recordId: string,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.funding.act(user, id, recordId, { action: 'close' });
    setFlash(request, { heading: 'Application closed' });
    return redirectAfterSaving(request, response, `/contracts/${id}/funding/${recordId}`);
  }
}
