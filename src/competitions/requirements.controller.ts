import { Body, Controller, Get, NotFoundException, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import { VAT_TREATMENTS } from '../awards/contract-law';
import { NoticeTasksService } from '../awards/notice-tasks.service';
import type { Request, Response } from 'express';
import { BidsService } from '../bids/bids.service';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonTime } from '../common/calendar/london-time';
import { londonDate } from '../common/calendar/working-days';
import { toDateParts } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { asArray } from '../common/forms/form-transforms';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { formatDateTime, formatIsoDate, formatPence } from '../common/views/format';
import {
  AnswerClarificationForm,
  BasicsForm,
  CancelRequirementForm,
  CaseDetailsForm,
  DatesForm,
  FundingForm,
  NeedsForm,
  PublishForm,
  ServiceForm,
} from './dto/requirement-forms';
import { IDENTIFIER_LABELS } from './identifier-scanner';
import {
  AGE_BANDS,
  CRITERION_ROWS,
  DEFAULT_SCALE_DESCRIPTORS,
  DELIVERY_MODE_LABELS,
  PRACTITIONER_GENDERS,
  PRESENTING_NEEDS,
  PURCHASE_TYPE_LABELS,
} from './needs-profile';
import { REQUIREMENT_STATUS_TAGS, RequirementStatus } from './requirement-lifecycle';
import { REQUIREMENT_SECTIONS, RequirementSection, SECTION_TITLES } from './requirement-sections';
import { requirementCards } from './requirement-view';
import type { Requirement } from './requirement.entity';
import { RequirementsService } from './requirements.service';
import { AmendmentsService } from './amendments.service';
import { RequirementDocumentsService } from './requirement-documents.service';
import { gateTasks } from './publish-gates.controller';
import { optionalRouteId, routeId, signedInUser } from '../common/http/route-inputs';

const penceToPounds = (value: number | null) => (value === null ? undefined : (value / 100).toFixed(2));

/** The commissioner's mini-competitions: drafting, publishing, questions, cancelling and, after the deadline, the bids. */
@Controller('requirements')
@Roles('commissioner')
export class RequirementsController {
  constructor(
    private readonly requirements: RequirementsService,
    private readonly bids: BidsService,
    private readonly noticeTasks: NoticeTasksService,
    private readonly amendments: AmendmentsService,
    private readonly requirementDocuments: RequirementDocumentsService,
  ) {}

  @Get()
  @Render('competitions/index')
  async index(@CurrentUser() user: SignedInUser, @Query() query: Record<string, string>) {
    const filters = { status: query.status, lot: query.lot, area: query.area, sort: query.sort };
    const [page, choices] = await Promise.all([this.requirements.list(user, filters, parsePageRequest(query.page)), this.requirements.filterChoices(user)]);
    const option = (value: string, text: string) => ({ value, text });
    return {
      page: { ...page, rows: page.rows.map((row) => ({ ...row, tag: REQUIREMENT_STATUS_TAGS[row.status] })) },
      filters,
      statusItems: [
        option('', 'Any status'),
        ...(Object.entries(REQUIREMENT_STATUS_TAGS) as Array<[RequirementStatus, { text: string }]>).map(([value, tag]) => option(value, tag.text)),
      ],
      lotItems: [option('', 'Any lot'), ...choices.lots.map((lot) => option(lot.id, lot.name))],
      areaItems: [option('', 'Any district'), ...choices.areas.map((area) => option(area.id, area.name))],
      sortItems: [option('newest', 'Newest first'), option('deadline', 'Bid deadline, soonest first'), option('title', 'Title, A to Z')],
    };
  }

  @Get('new')
  @Render('competitions/section')
  newPage(@Req() request: Request) {
    return this.sectionModel(request);
  }

  @Post('new')
  @FormPage('competitions/section', 'sectionModel')
  async create(@Body() form: BasicsForm, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const requirement = await this.requirements.create(user, form);
    setFlash(request, { heading: 'Draft requirement created', body: 'Complete each section, then check and publish it.' });
    return redirectAfterSaving(request, response, `/requirements/${requirement.id}`);
  }

  @Get(':id')
  @Render('competitions/show')
  show(@Req() request: Request) {
    return this.showModel(request);
  }

  async showModel(request: Request) {
    const id = routeId(request);
    const view = await this.requirements.overview(signedInUser(request), id);
    const { requirement, problems } = view;
    const base = `/requirements/${id}`;
    const draft = requirement.status === 'draft';
    const ready = Object.values(problems).flat().length === 0;
    const gates = view.gates?.gates ?? [];
    const blocked = gates.some((gate) => gate.blocking);
    return {
      ...view,
      draft,
      tag: REQUIREMENT_STATUS_TAGS[view.status],
      open: view.status === 'published',
      cancellable: view.status === 'published' || view.status === 'closed',
      unsealed: !draft && view.status !== 'published',
      deadlineText: formatDateTime(requirement.bidDeadline),
      tasks: [
        ...REQUIREMENT_SECTIONS.map((section) => ({
          title: { text: SECTION_TITLES[section] },
          href: `${base}/${section}`,
          status: problems[section].length ? { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } } : { text: 'Completed' },
          hint: problems[section].length ? { text: problems[section].join('. ') } : undefined,
        })),
        // Issues 19 and 22: approval and panel decisions, each with its next step.
        ...gateTasks(gates),
        {
          title: { text: 'Check and publish' },
          href: ready ? `${base}/check` : undefined,
          status: ready ? { tag: { text: blocked ? 'Waiting' : 'Not yet started', classes: 'govuk-tag--blue' } } : { text: 'Cannot start yet' },
          hint: ready && blocked ? { text: 'You can check it now; it can be published when every step above is done' } : undefined,
        },
      ],
      // Only a complete draft can be sent for approval or to the panel.
      gateActions: ready ? gates.filter((gate) => gate.action).map((gate) => gate.action) : [],
      cards: draft ? [] : requirementCards(requirement, { includeFunding: true }),
      caseRows: view.caseDetails ? this.caseRows(view.caseDetails) : [],
      clarifications: view.clarifications.map((clarification) => ({ ...clarification, askedText: formatDateTime(clarification.askedAt) })),
      // Issue 18: the notices this requirement's award and contract need, as tasks with due dates.
      noticeTasks: draft ? [] : await this.noticeTasks.tasks(signedInUser(request), { requirementId: id }),
      // Issue 22: amend while bids are open, and the change history.
      history: draft ? [] : await this.amendments.history(id),
      documents: await this.requirementDocuments.list(id, base),
      canAddDocument: draft || view.status === 'published',
    };
  }

  private caseRows(caseDetails: { childReference: string; childName: string; dateOfBirth: string }) {
    return [
      { key: { text: 'Case reference' }, value: { text: caseDetails.childReference } },
      { key: { text: 'Name' }, value: { text: caseDetails.childName } },
      { key: { text: 'Date of birth' }, value: { text: formatIsoDate(caseDetails.dateOfBirth) } },
    ];
  }

  /** Every section's form, new or saved, or re-rendered with errors. */
  async sectionModel(request: Request) {
    const user = signedInUser(request);
    const id = optionalRouteId(request);
    // GET pages name the section in the route; each POST has its own route, ending in the section.
    const section = (request.params.section ?? (id ? request.path.split('/').pop() : 'basics')) as RequirementSection;
    if (!REQUIREMENT_SECTIONS.includes(section)) throw new NotFoundException();
    const view = id ? await this.requirements.overview(user, id) : undefined;
    const requirement = view?.requirement;
    const posted = request.method === 'POST' ? (request.body as Record<string, unknown>) : undefined;
    const choices = section === 'basics' ? await this.requirements.choices(user, requirement?.areaId) : undefined;
    return {
      requirement,
      section,
      [`is_${section}`]: true,
      title: id ? SECTION_TITLES[section] : 'Create a requirement',
      action: id ? `/requirements/${id}/${section}` : '/requirements/new',
      back: id ? `/requirements/${id}` : '/requirements',
      formValues: posted ?? (requirement ? this.savedValues(requirement, view!.caseDetails) : { deliveryMode: 'either', purchaseType: 'spot' }),
      lotItems: choices && [
        { value: '', text: 'Choose a lot' },
        ...choices.lots.map((lot) => ({ value: `${lot.framework_id}:${lot.therapy_type_id}`, text: `${lot.therapy_name} (${lot.framework_name})` })),
      ],
      noLots: choices && choices.lots.length === 0,
      areaItems: choices && [{ value: '', text: 'Choose a district' }, ...choices.areas.map((area) => ({ value: area.id, text: area.name }))],
      purchaseTypeItems: Object.entries(PURCHASE_TYPE_LABELS).map(([value, text]) => ({ value, text })),
      deliveryModeItems: Object.entries(DELIVERY_MODE_LABELS).map(([value, text]) => ({ value, text })),
      ageBandItems: AGE_BANDS.map((band) => ({ value: band, text: band })),
      needItems: PRESENTING_NEEDS.map((need) => ({ value: need, text: need })),
      selectedNeeds: asArray(posted ? posted.presentingNeeds : requirement?.presentingNeeds),
      genderItems: Object.entries(PRACTITIONER_GENDERS).map(([value, text]) => ({ value, text })),
      blockUnitItems: [
        { value: 'sessions', text: 'Sessions' },
        { value: 'hours', text: 'Hours' },
      ],
      vatTreatmentItems: Object.entries(VAT_TREATMENTS).map(([value, text]) => ({
        value,
        text,
        hint:
          value === 'exempt'
            ? { text: 'Therapy and assessment by registered health professionals, or a charity’s welfare services, are usually exempt' }
            : undefined,
      })),
      isBlock: requirement?.purchaseType === 'block',
      criterionRows: Array.from({ length: CRITERION_ROWS }, (_, index) => ({
        number: index + 1,
        questionField: `question${index + 1}`,
        limitField: `wordLimit${index + 1}`,
        weightField: `weight${index + 1}`,
      })),
    };
  }

  private savedValues(requirement: Requirement, caseDetails: { childReference: string; childName: string; dateOfBirth: string } | null) {
    const time = (instant: Date | null) => (instant ? londonTime(instant) : undefined);
    const date = (instant: Date | null) => (instant ? toDateParts(londonDate(instant)) : undefined);
    return {
      ...requirement,
      lot: `${requirement.frameworkId}:${requirement.therapyTypeId}`,
      ...(caseDetails
        ? { childReference: caseDetails.childReference, childName: caseDetails.childName, dateOfBirth: toDateParts(caseDetails.dateOfBirth) }
        : {}),
      sessionCount: requirement.sessionCount ?? undefined,
      sessionMinutes: requirement.sessionMinutes ?? undefined,
      blockVolume: requirement.blockVolume ?? undefined,
      blockPeriodMonths: requirement.blockPeriodMonths ?? undefined,
      startBy: toDateParts(requirement.startBy),
      durationWeeks: requirement.durationWeeks ?? undefined,
      ceiling: penceToPounds(requirement.ceilingPence),
      vatTreatment: requirement.vatTreatment,
      asgsf: penceToPounds(requirement.asgsfPence),
      topUp: penceToPounds(requirement.topUpPence),
      needsAssessedOn: toDateParts(requirement.needsAssessedOn),
      ...Object.fromEntries(
        requirement.criteria.flatMap((criterion, index) => [
          [`question${index + 1}`, criterion.question],
          [`wordLimit${index + 1}`, String(criterion.wordLimit)],
          [`weight${index + 1}`, String(criterion.weight)],
        ]),
      ),
      priceWeight: requirement.priceWeight ?? undefined,
      minimumQuality: requirement.minimumQualityPercent ?? undefined,
      scaleMax: String(requirement.scaleMax),
      scaleDescriptors: (requirement.scaleDescriptors.length ? requirement.scaleDescriptors : DEFAULT_SCALE_DESCRIPTORS).join('\n'),
      clarificationDeadline: date(requirement.clarificationDeadline),
      clarificationTime: time(requirement.clarificationDeadline),
      bidDeadline: date(requirement.bidDeadline),
      bidTime: time(requirement.bidDeadline),
    };
  }

  private async saved(request: Request, response: Response, id: string, section: RequirementSection) {
    setFlash(request, { heading: `${SECTION_TITLES[section]} saved` });
    return redirectAfterSaving(request, response, `/requirements/${id}`);
  }

  @Post(':id/basics')
  @FormPage('competitions/section', 'sectionModel')
  async saveBasics(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: BasicsForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveBasics(user, id, form);
    return this.saved(request, response, id, 'basics');
  }

  @Post(':id/needs')
  @FormPage('competitions/section', 'sectionModel')
  async saveNeeds(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: NeedsForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveNeeds(user, id, form);
    return this.saved(request, response, id, 'needs');
  }

  @Post(':id/case')
  @FormPage('competitions/section', 'sectionModel')
  async saveCase(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: CaseDetailsForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveCaseDetails(user, id, form);
    return this.saved(request, response, id, 'case');
  }

  @Post(':id/service')
  @FormPage('competitions/section', 'sectionModel')
  async saveService(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ServiceForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveService(user, id, form);
    return this.saved(request, response, id, 'service');
  }

  @Post(':id/funding')
  @FormPage('competitions/section', 'sectionModel')
  async saveFunding(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: FundingForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveFunding(user, id, form);
    return this.saved(request, response, id, 'funding');
  }

  @Post(':id/evaluation')
  @FormPage('competitions/section', 'sectionModel')
  async saveEvaluation(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveEvaluation(user, id, body);
    return this.saved(request, response, id, 'evaluation');
  }

  @Post(':id/dates')
  @FormPage('competitions/section', 'sectionModel')
  async saveDates(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: DatesForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.saveDates(user, id, form);
    return this.saved(request, response, id, 'dates');
  }

  @Get(':id/check')
  @Render('competitions/check')
  checkPage(@Req() request: Request) {
    return this.checkModel(request);
  }

  async checkModel(request: Request) {
    const id = routeId(request);
    const review = await this.requirements.review(signedInUser(request), id);
    const gates = review.gates?.gates ?? [];
    return {
      ...review,
      gateItems: gateTasks(gates),
      blocked: gates.some((gate) => gate.blocking),
      gateActions: gates.filter((gate) => gate.action).map((gate) => gate.action),
      cards: requirementCards(review.requirement, { changeBase: `/requirements/${id}`, includeFunding: true }),
      caseRows: review.caseDetails ? this.caseRows(review.caseDetails) : [],
      identifierItems: review.identifierHits.map((hit) => ({
        text: `“${hit.match}” in ${SECTION_FIELD_NAMES[hit.field] ?? hit.field}: ${IDENTIFIER_LABELS[hit.kind]}`,
      })),
      fundingWarnings: review.funding.warnings,
      fundingText:
        review.requirement.purchaseType === 'block'
          ? 'A block purchase is checked against the fair access limit child by child, on each call-off, when its funding is applied for.'
          : review.funding.result
            ? `The fair access limit for this year is ${formatPence(review.funding.result.limitPence)}.`
            : undefined,
    };
  }

  @Post(':id/publish')
  @FormPage('competitions/check', 'checkModel')
  async publish(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: PublishForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { invited, emails } = await this.requirements.publish(user, id, form.overrideIdentifiers === 'confirmed');
    setFlash(request, {
      heading: 'Requirement published',
      body: `${invited} ${invited === 1 ? 'provider was' : 'providers were'} invited to bid, and ${emails} ${emails === 1 ? 'email was' : 'emails were'} sent.`,
    });
    return redirectAfterSaving(request, response, `/requirements/${id}`);
  }

  @Get(':id/cancel')
  @Render('competitions/cancel')
  cancelPage(@Req() request: Request) {
    return this.cancelModel(request);
  }

  async cancelModel(request: Request) {
    return this.requirements.overview(signedInUser(request), routeId(request));
  }

  @Post(':id/cancel')
  @FormPage('competitions/cancel', 'cancelModel')
  async cancel(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: CancelRequirementForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.cancel(user, id, form.reason);
    setFlash(request, { heading: 'Requirement cancelled', body: 'Everyone invited to bid has been told.' });
    return redirectAfterSaving(request, response, `/requirements/${id}`);
  }

  @Get(':id/clarifications/:clarificationId')
  @Render('competitions/clarification')
  clarificationPage(@Req() request: Request) {
    return this.clarificationModel(request);
  }

  async clarificationModel(request: Request) {
    const { requirement, clarification } = await this.requirements.clarification(signedInUser(request), routeId(request), routeId(request, 'clarificationId'));
    return {
      requirement,
      clarification: { ...clarification, askedText: formatDateTime(clarification.askedAt) },
      visibilityItems: [
        { value: 'public', text: 'Publish to every invited provider', hint: { text: 'The provider who asked is not named' } },
        {
          value: 'private',
          text: 'Answer privately to the provider who asked',
          hint: { text: 'Only when the answer is about their bid alone. Give a reason.' },
        },
      ],
    };
  }

  @Post(':id/clarifications/:clarificationId')
  @FormPage('competitions/clarification', 'clarificationModel')
  async answer(
    @Param('id', RouteIdPipe) id: string,
    @Param('clarificationId', RouteIdPipe) clarificationId: string,
    @Body() form: AnswerClarificationForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.requirements.answerClarification(user, id, clarificationId, {
      answer: form.answer,
      visibility: form.visibility as 'public' | 'private',
      privateReason: form.privateReason,
      identifiersChecked: form.confirmNoIdentifiers === 'confirmed',
    });
    setFlash(request, { heading: form.visibility === 'public' ? 'Answer published to every invited provider' : 'Answer sent privately' });
    return redirectAfterSaving(request, response, `/requirements/${id}#questions`);
  }

  @Get(':id/bids')
  @Render('competitions/bids')
  async bidsPage(@Param('id', RouteIdPipe) id: string, @CurrentUser() user: SignedInUser) {
    const view = await this.bids.forCommissioner(user, id);
    // Issue 22: a bid submitted before a material amendment, and not confirmed since, says so.
    const predates = await this.amendments.openedBidFlags(id, view.bids);
    return {
      ...view,
      deadlineText: formatDateTime(view.requirement.bidDeadline),
      bids: view.bids.map((bid) => ({
        ...bid,
        amendmentText: predates.has(bid.providerId)
          ? `Submitted before amendment ${predates.get(bid.providerId)}, and not confirmed or submitted again since`
          : undefined,
        flagText: bid.validityProblems.length ? `Flagged at the deadline: ${bid.validityProblems.join('. ')}` : undefined,
        rows: [
          { key: { text: 'Total price' }, value: { text: formatPence(bid.totalPence) } },
          { key: { text: 'Rate' }, value: { text: formatPence(bid.ratePence) } },
          { key: { text: 'Practitioners' }, value: { text: bid.practitioners.join(', ') } },
          { key: { text: 'Earliest start' }, value: { text: formatIsoDate(bid.earliestStartOn) } },
          { key: { text: 'Submitted' }, value: { text: `${formatDateTime(bid.submittedAt)} (version ${bid.version})` } },
          ...view.requirement.criteria.map((criterion, index) => ({ key: { text: criterion.question }, value: { text: bid.answers[index] ?? '' } })),
        ],
      })),
    };
  }

  /** Declared last: Express matches routes in order, so the named pages above win. */
  @Get(':id/:section')
  @Render('competitions/section')
  sectionPage(@Req() request: Request) {
    return this.sectionModel(request);
  }
}

const SECTION_FIELD_NAMES: Record<string, string> = {
  title: 'the title',
  needsDescription: 'the description of needs',
  previousInterventions: 'previous interventions',
  language: 'language',
  accessibility: 'accessibility',
};
