import { Body, Controller, Get, NotFoundException, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { OUTCOME_TOOLS } from '../awards/award-rules';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { wholeNumber } from '../common/forms/number-fields';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDate, formatIsoDate } from '../common/views/format';
import { DeliveryService } from './delivery.service';
import { ENDING_REASONS, endingReasonLabel } from './delivery-rules';
import {
  DeliveryReportForm,
  ENGAGEMENT_LABELS,
  EndingForm,
  FeedbackRequestForm,
  GOAL_PROGRESS_LABELS,
  OutcomeBaselineForm,
  SessionLogForm,
} from './dto/delivery-forms';
import { FEEDBACK_QUESTIONS, RESPONDENTS } from './feedback-token';
import { FeedbackService } from './feedback.service';
import type { ReportKind } from './quality.entities';
import { routeId, signedInUser } from '../common/http/route-inputs';

const REPORT_TITLES: Record<ReportKind, string> = { progress: 'Progress report', end: 'End report' };

type MeasureView = Awaited<ReturnType<DeliveryService['delivery']>>['measures'][number];

/** The outcome table's rows: tool, measure, baseline, end and change. */
const measureRows = (measures: MeasureView[]) =>
  measures.map((measure) => [
    { text: measure.tool },
    { text: measure.label },
    { text: String(measure.baselineScore), format: 'numeric' },
    { text: measure.endScore === null ? 'Not yet' : String(measure.endScore), format: 'numeric' },
    { text: measure.change?.text ?? '' },
  ]);

function reportKind(raw: string): ReportKind {
  if (raw !== 'progress' && raw !== 'end') throw new NotFoundException();
  return raw;
}

/**
 * Delivery of a contract: the provider's session log, reports, outcome
 * measures and ending (/provider/contracts/:id/…), and the commissioner's
 * view of them with feedback links (/contracts/:id/delivery).
 */
@Controller()
export class DeliveryController {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly feedback: FeedbackService,
  ) {}

  async deliveryModel(request: Request) {
    const user = signedInUser(request);
    const id = routeId(request);
    const [view, feedback] = await Promise.all([this.delivery.delivery(user, id), this.feedback.forContract(user, id)]);
    const { contract } = view;
    const base = user.providerId ? `/provider/contracts/${id}` : `/contracts/${id}`;
    const feedbackStage = this.feedback.stageFor(contract);
    return {
      ...view,
      base,
      provider: !!user.providerId,
      title: contract.requirement!.title,
      sessionRows: view.sessions.map((log) => [{ text: formatIsoDate(log.deliveredOn) }, { text: String(log.sessions), format: 'numeric' }]),
      endReportDueText: view.endReportDueOn ? formatIsoDate(view.endReportDueOn) : null,
      deliveredText: view.contracted === null ? `${view.delivered} sessions delivered` : `${view.delivered} of ${view.contracted} sessions delivered`,
      scheduleRows: view.schedule.map((report) => ({
        dueOn: formatIsoDate(report.dueOn),
        submitted: report.submittedOn ? formatIsoDate(report.submittedOn) : 'Not yet',
        tag:
          report.onTime === true
            ? { text: 'On time', classes: 'govuk-tag--green' }
            : report.onTime === false
              ? { text: 'Late', classes: 'govuk-tag--yellow' }
              : report.overdue
                ? { text: 'Overdue', classes: 'govuk-tag--red' }
                : { text: 'Not due yet', classes: 'govuk-tag--grey' },
      })),
      reports: [...view.progressReports, ...(view.endReport ? [view.endReport] : [])].map((report) => ({
        title: `${REPORT_TITLES[report.kind]}, ${formatDate(report.submittedAt)}`,
        rows: [
          { key: { text: 'Engagement' }, value: { text: ENGAGEMENT_LABELS[report.engagement] } },
          { key: { text: 'Progress against goals' }, value: { text: GOAL_PROGRESS_LABELS[report.goalProgress] } },
          { key: { text: 'Summary' }, value: { text: report.summary } },
          { key: { text: 'Next steps' }, value: { text: report.nextSteps } },
          { key: { text: 'Safeguarding concern' }, value: { text: report.safeguardingConcern ? 'Yes' : 'No' } },
        ],
      })),
      measureRows: measureRows(view.measures),
      endingRows: contract.endingKind
        ? [
            { key: { text: 'Ending' }, value: { text: contract.endingKind === 'planned' ? 'Planned' : 'Unplanned' } },
            { key: { text: 'Reason' }, value: { text: endingReasonLabel(contract.endingReason!) } },
            { key: { text: 'Last session' }, value: { text: formatIsoDate(contract.endedOn) } },
            { key: { text: 'How it ended' }, value: { text: contract.endingDetail! } },
          ]
        : [],
      canSendFeedback: !user.providerId && feedbackStage !== null,
      feedbackStageText: feedbackStage === 'midpoint' ? 'the midpoint of the work' : 'the end of the work',
      feedbackRequestRows: feedback.requests.map((request) => [
        { text: RESPONDENTS[request.respondent] },
        { text: request.stage === 'end' ? 'End' : 'Midpoint' },
        { text: formatDate(request.createdAt) },
        { text: request.usedAt ? `Answered ${formatDate(request.usedAt)}` : request.expiresAt < new Date() ? 'Expired' : 'Waiting' },
      ]),
      feedbackResponses: feedback.responses.map((response) => {
        const questions = FEEDBACK_QUESTIONS[response.respondent];
        return {
          title: `${RESPONDENTS[response.respondent]}, ${formatDate(response.createdAt)}`,
          rows: [
            { key: { text: questions.helpful }, value: { text: `${response.helpful} out of 5` } },
            { key: { text: questions.listened }, value: { text: `${response.listened} out of 5` } },
            { key: { text: questions.better }, value: { text: `${response.better} out of 5` } },
            { key: { text: 'Comments' }, value: { text: response.comment ?? 'None' } },
          ],
        };
      }),
      feedbackAnswered: feedback.answered,
    };
  }

  @Get('provider/contracts/:id/delivery')
  @Roles('provider_user')
  @Render('quality/delivery')
  providerDelivery(@Req() request: Request) {
    return this.deliveryModel(request);
  }

  @Get('contracts/:id/delivery')
  @Roles('commissioner')
  @Render('quality/delivery')
  agencyDelivery(@Req() request: Request) {
    return this.deliveryModel(request);
  }

  @Post('provider/contracts/:id/sessions')
  @Roles('provider_user')
  @FormPage('quality/delivery', 'deliveryModel')
  async logSessions(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: SessionLogForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { delivered, contracted } = await this.delivery.logSessions(user, id, {
      deliveredOn: isoDate(form.deliveredOn),
      sessions: wholeNumber(form.sessions),
    });
    setFlash(request, {
      heading: 'Sessions logged',
      body: contracted === null ? `${delivered} sessions delivered so far.` : `${delivered} of ${contracted} sessions delivered so far.`,
    });
    return redirectAfterSaving(request, response, `/provider/contracts/${id}/delivery`);
  }

  async reportModel(request: Request) {
    const kind = reportKind(String(request.params.kind));
    const view = await this.delivery.delivery(signedInUser(request), routeId(request));
    if (!view.delivering || view.endReport) throw new NotFoundException();
    const next = view.schedule.find((report) => report.submittedOn === null);
    return {
      contract: view.contract,
      kind,
      heading: REPORT_TITLES[kind],
      dueText: kind === 'end' ? formatIsoDate(view.endReportDueOn) : next ? formatIsoDate(next.dueOn) : null,
      engagementItems: Object.entries(ENGAGEMENT_LABELS).map(([value, text]) => ({ value, text })),
      goalItems: Object.entries(GOAL_PROGRESS_LABELS).map(([value, text]) => ({ value, text })),
      safeguardingItems: [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No' },
      ],
    };
  }

  @Get('provider/contracts/:id/reports/:kind')
  @Roles('provider_user')
  @Render('quality/report')
  reportPage(@Req() request: Request) {
    return this.reportModel(request);
  }

  @Post('provider/contracts/:id/reports/:kind')
  @Roles('provider_user')
  @FormPage('quality/report', 'reportModel')
  async submitReport(
    @Param('id', RouteIdPipe) id: string,
    @Param('kind') rawKind: string,
    @Body() form: DeliveryReportForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const kind = reportKind(rawKind);
    await this.delivery.submitReport(user, id, kind, {
      engagement: form.engagement,
      goalProgress: form.goalProgress,
      summary: form.summary,
      nextSteps: form.nextSteps,
      safeguardingConcern: form.safeguardingConcern === 'yes',
    });
    setFlash(request, { heading: `${REPORT_TITLES[kind]} submitted`, body: 'The commissioner has been told.' });
    return redirectAfterSaving(request, response, `/provider/contracts/${id}/delivery`);
  }

  async outcomesModel(request: Request) {
    const view = await this.delivery.delivery(signedInUser(request), routeId(request));
    if (!view.delivering) throw new NotFoundException();
    return {
      contract: view.contract,
      toolItems: view.contract.outcomeTools.map((tool) => ({ value: tool, text: OUTCOME_TOOLS[tool] })),
      openMeasures: view.measures
        .filter((measure) => measure.endScore === null)
        .map((measure) => ({
          ...measure,
          field: `end-${measure.id}`,
          name: measure.label === 'Total' ? `${measure.tool} total` : `${measure.tool} goal: ${measure.label}`,
        })),
      measureRows: measureRows(view.measures),
    };
  }

  @Get('provider/contracts/:id/outcomes')
  @Roles('provider_user')
  @Render('quality/outcomes')
  outcomesPage(@Req() request: Request) {
    return this.outcomesModel(request);
  }

  @Post('provider/contracts/:id/outcomes')
  @Roles('provider_user')
  @FormPage('quality/outcomes', 'outcomesModel')
  async addBaseline(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: OutcomeBaselineForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.delivery.addBaseline(user, id, form);
    setFlash(request, { heading: `Baseline ${form.tool} score recorded` });
    return redirectAfterSaving(request, response, `/provider/contracts/${id}/outcomes`);
  }

  @Post('provider/contracts/:id/outcomes/end')
  @Roles('provider_user')
  @FormPage('quality/outcomes', 'outcomesModel')
  async recordEndScores(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const count = await this.delivery.recordEndScores(user, id, body);
    setFlash(request, { heading: count === 1 ? 'End score recorded' : `${count} end scores recorded` });
    return redirectAfterSaving(request, response, `/provider/contracts/${id}/outcomes`);
  }

  async endingModel(request: Request) {
    const view = await this.delivery.delivery(signedInUser(request), routeId(request));
    if (!view.delivering) throw new NotFoundException();
    const reasonItems = (kind: keyof typeof ENDING_REASONS) => Object.entries(ENDING_REASONS[kind]).map(([value, text]) => ({ value, text }));
    return {
      contract: view.contract,
      kindItems: [
        { value: 'planned', text: 'Planned', hint: { text: 'The work ended as agreed with the family and the commissioner' } },
        { value: 'unplanned', text: 'Unplanned', hint: { text: 'The work stopped before it was due to end' } },
      ],
      reasonItems: [{ divider: 'Planned endings' }, ...reasonItems('planned'), { divider: 'Unplanned endings' }, ...reasonItems('unplanned')],
      endReportMissing: !view.endReport,
      measuresWithoutEnd: view.measures.filter((measure) => measure.endScore === null).length,
    };
  }

  @Get('provider/contracts/:id/ending')
  @Roles('provider_user')
  @Render('quality/ending')
  endingPage(@Req() request: Request) {
    return this.endingModel(request);
  }

  @Post('provider/contracts/:id/ending')
  @Roles('provider_user')
  @FormPage('quality/ending', 'endingModel')
  async end(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: EndingForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const status = await this.delivery.end(user, id, { kind: form.kind, reason: form.reason, detail: form.detail, endedOn: isoDate(form.endedOn) });
    setFlash(request, {
      heading: status === 'completed' ? 'Contract completed' : 'Contract ended early',
      body: 'The commissioner has been told, and can now ask the family for feedback.',
    });
    return redirectAfterSaving(request, response, `/provider/contracts/${id}/delivery`);
  }

  @Post('contracts/:id/feedback-requests')
  @Roles('commissioner')
  @FormPage('quality/delivery', 'deliveryModel')
  async requestFeedback(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: FeedbackRequestForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const sent = await this.feedback.request(user, id, form);
    setFlash(request, { heading: sent === 1 ? 'Feedback link sent' : `${sent} feedback links sent`, body: 'Each link works once and lasts 28 days.' });
    return redirectAfterSaving(request, response, `/contracts/${id}/delivery`);
  }
}
