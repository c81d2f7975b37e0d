import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { asArray } from '../common/forms/form-transforms';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { formatDateTime, formatIsoDate, formatPence } from '../common/views/format';
import { AmendmentsService } from '../competitions/amendments.service';
import { RequirementDocumentsService } from '../competitions/requirement-documents.service';
import { REQUIREMENT_STATUS_TAGS } from '../competitions/requirement-lifecycle';
import { requirementCards } from '../competitions/requirement-view';
import { answerField, BidsService, OPPORTUNITY_VIEWS, OpportunityView } from './bids.service';
import { AskQuestionForm, SubmitBidForm } from './dto/bid-forms';
import { routeId, signedInUser } from '../common/http/route-inputs';

const BID_TAGS: Record<string, { text: string; classes: string }> = {
  draft: { text: 'Draft bid', classes: 'govuk-tag--grey' },
  submitted: { text: 'Bid submitted', classes: 'govuk-tag--green' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--orange' },
  successful: { text: 'Successful', classes: 'govuk-tag--green' },
  unsuccessful: { text: 'Unsuccessful', classes: 'govuk-tag--red' },
};

/** A provider's invitations to bid, the Q&A, and its own bid. */
@Controller('provider/opportunities')
@Roles('provider_user')
export class OpportunitiesController {
  constructor(
    private readonly bids: BidsService,
    private readonly amendments: AmendmentsService,
    private readonly requirementDocuments: RequirementDocumentsService,
  ) {}

  @Get()
  @Render('opportunities/index')
  async index(@CurrentUser() user: SignedInUser, @Query('view') rawView: string, @Query('page') page: string, @Query('sort') rawSort: string) {
    const view: OpportunityView = typeof rawView === 'string' && Object.hasOwn(OPPORTUNITY_VIEWS, rawView) ? (rawView as OpportunityView) : 'open';
    const sort = rawSort === 'title' ? 'title' : 'deadline';
    const { page: results, counts } = await this.bids.opportunities(user, view, parsePageRequest(page), sort);
    return {
      view,
      sortedByTitle: sort === 'title',
      viewLabel: OPPORTUNITY_VIEWS[view].label,
      tabs: (Object.keys(OPPORTUNITY_VIEWS) as OpportunityView[]).map((key) => ({
        key,
        label: OPPORTUNITY_VIEWS[key].label,
        count: counts[key],
        current: key === view,
      })),
      page: { ...results, rows: results.rows.map((row) => ({ ...row, tag: row.bid_status ? BID_TAGS[row.bid_status] : REQUIREMENT_STATUS_TAGS[row.status] })) },
    };
  }

  @Get(':id')
  @Render('opportunities/show')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const view = await this.bids.opportunity(signedInUser(request), routeId(request));
    const { requirement, bid, status } = view;
    const open = status === 'published';
    // Issue 22: the change history, and whether this provider's submitted bid predates a material amendment.
    const changes = await this.amendments.forProvider(signedInUser(request), requirement.id);
    return {
      ...view,
      history: changes.history,
      documents: await this.requirementDocuments.list(requirement.id, `/provider/opportunities/${requirement.id}`),
      predates: open ? changes.predates : null,
      open,
      tag: REQUIREMENT_STATUS_TAGS[status],
      bidTag: bid ? BID_TAGS[bid.status] : undefined,
      cards: requirementCards(requirement),
      deadlineText: formatDateTime(requirement.bidDeadline),
      questionsCloseText: formatDateTime(requirement.clarificationDeadline),
      canBid: open && bid?.status !== 'withdrawn',
      canWithdraw: open && (bid?.status === 'submitted' || bid?.status === 'draft'),
      submittedText: bid?.submittedAt ? formatDateTime(bid.submittedAt) : undefined,
      clarifications: view.clarifications.map((clarification) => ({ ...clarification, askedText: formatDateTime(clarification.askedAt) })),
      cancelled: status === 'cancelled',
      decided: (status === 'awarded' || status === 'no_award') && (bid?.currentVersion ?? 0) > 0,
    };
  }

  @Post(':id/questions')
  @FormPage('opportunities/show', 'showModel')
  async ask(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: AskQuestionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.bids.askQuestion(user, id, form.question);
    setFlash(request, { heading: 'Question sent', body: 'The commissioner will answer it here, and you will get an email.' });
    return redirectAfterSaving(request, response, `/provider/opportunities/${id}#questions`);
  }

  @Get(':id/bid')
  @Render('opportunities/bid')
  bidPage(@Req() request: Request) {
    return this.bidModel(request);
  }

  async bidModel(request: Request) {
    const view = await this.bids.opportunity(signedInUser(request), routeId(request));
    const values = request.method === 'POST' ? (request.body as Record<string, unknown>) : view.bid ? this.bids.asForm(view.bid) : {};
    return {
      ...view,
      formValues: values,
      ceilingText: formatPence(view.requirement.ceilingPence),
      deadlineText: formatDateTime(view.requirement.bidDeadline),
      selectedPractitioners: asArray(values.practitionerIds),
      practitionerItems: view.qualified.map((practitioner) => ({
        value: practitioner.id,
        text: `${practitioner.fullName}, ${practitioner.profession}`,
        hint: {
          text: `${practitioner.registrationBody} ${practitioner.registrationNumber}. Registration expires ${formatIsoDate(practitioner.registrationExpiresOn)}.`,
        },
      })),
      questions: view.requirement.criteria.map((criterion, index) => ({ ...criterion, number: index + 1, field: answerField(index) })),
    };
  }

  @Post(':id/bid')
  @FormPage('opportunities/bid', 'bidModel')
  async saveBid(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const complete = body.intent !== 'draft';
    await this.bids.save(user, id, body, complete);
    if (!complete) {
      setFlash(request, { heading: 'Draft bid saved', body: 'It is not submitted. Nobody else can see it.' });
      return redirectAfterSaving(request, response, `/provider/opportunities/${id}`);
    }
    return redirectAfterSaving(request, response, `/provider/opportunities/${id}/bid/check`);
  }

  @Get(':id/bid/check')
  @Render('opportunities/check')
  checkPage(@Req() request: Request) {
    return this.checkModel(request);
  }

  async checkModel(request: Request) {
    const view = await this.bids.opportunity(signedInUser(request), routeId(request));
    const bid = view.bid;
    const names = new Map(view.practitioners.map((practitioner) => [practitioner.id, practitioner.fullName]));
    return {
      ...view,
      overCeiling: bid?.overCeiling,
      ceilingText: formatPence(view.requirement.ceilingPence),
      resubmission: (bid?.currentVersion ?? 0) > 0,
      rows: bid
        ? [
            { key: { text: 'Rate' }, value: { text: bid.ratePence === null ? 'Not provided' : formatPence(bid.ratePence) } },
            { key: { text: 'Total price' }, value: { text: bid.totalPence === null ? 'Not provided' : formatPence(bid.totalPence) } },
            { key: { text: 'Practitioners' }, value: { text: bid.practitionerIds.map((id) => names.get(id)).join(', ') || 'Not provided' } },
            { key: { text: 'Earliest start' }, value: { text: formatIsoDate(bid.earliestStartOn) || 'Not provided' } },
            ...view.requirement.criteria.map((criterion, index) => ({
              key: { text: criterion.question },
              value: { text: bid.answers[index] || 'Not answered' },
            })),
          ]
        : [],
    };
  }

  @Post(':id/bid/submit')
  @FormPage('opportunities/check', 'checkModel')
  async submit(
    @Param('id', RouteIdPipe) id: string,
    @Body() _form: SubmitBidForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { version, overCeiling } = await this.bids.submit(user, id);
    setFlash(request, {
      heading: version === 1 ? 'Bid submitted' : `Bid re-submitted (version ${version})`,
      body: `${overCeiling ? 'Your total is above the ceiling price, so the bid is marked non-compliant. ' : ''}You can change and re-submit it until the deadline. We have emailed you a receipt.`,
    });
    return redirectAfterSaving(request, response, `/provider/opportunities/${id}`);
  }

  @Get(':id/bid/withdraw')
  @Render('opportunities/withdraw')
  withdrawPage(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser) {
    return this.bids.opportunity(user, id);
  }

  @Post(':id/bid/withdraw')
  async withdraw(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    await this.bids.withdraw(user, id);
    setFlash(request, { heading: 'Bid withdrawn' });
    return redirectAfterSaving(request, response, `/provider/opportunities/${id}`);
  }
}
