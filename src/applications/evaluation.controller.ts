import { Body, Controller, Get, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { parsePageRequest } from '../common/http/pagination';
import { formatDateTime, formatIsoDate } from '../common/views/format';
import { DOCUMENT_TYPE_LABELS } from '../documents/document-rules';
import type { ComplianceDocumentType } from '../documents/compliance-document.entity';
import type { JudgedOutcome } from './application-rules';
import { ClarificationQuestionForm, ExtendClockForm } from './dto/application-forms';
import { EvaluationService } from './evaluation.service';
import { routeId, signedInUser } from '../common/http/route-inputs';

const JUDGED_OUTCOME_TEXT: Record<JudgedOutcome, string> = {
  admitted: 'The judgements say: admit (every condition passed)',
  rejected: 'The judgements say: reject (a condition failed)',
  unjudged: 'Judge every condition for this lot before deciding',
};

const STATUS_TEXT = {
  submitted: 'New',
  under_evaluation: 'Being evaluated',
  clarification_requested: 'Waiting for the provider',
  decided: 'Decided',
  draft: 'Draft',
};

@Controller('evaluation')
@Roles('framework_manager')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get()
  @Render('evaluation/queue')
  async queue(@CurrentUser() user: SignedInUser, @Query('page') page: unknown) {
    const queue = await this.evaluation.queue(user, parsePageRequest(page));
    return {
      page: queue,
      rows: queue.rows.map(({ application, clock }) => ({
        id: application.id,
        provider: application.provider!.name,
        framework: application.framework!.name,
        statusText: STATUS_TEXT[application.status],
        submittedText: formatDateTime(application.submittedAt),
        clockText: `Day ${clock.elapsed} of ${clock.allowed}${clock.extended ? ' (extended)' : ''}`,
        dueText: formatIsoDate(clock.dueOn),
        overdue: clock.overdue,
      })),
    };
  }

  @Get(':id')
  @Render('evaluation/show')
  show(@Req() request: Request) {
    return this.detailModel(request);
  }

  async detailModel(request: Request) {
    const detail = await this.evaluation.detail(signedInUser(request), routeId(request));
    const { application, conditions, judgements, clarifications, decisions, clock, outcomes, exclusionFlags } = detail;
    const snapshot = application.snapshot!;
    const judged = new Map(judgements.map((judgement) => [judgement.conditionId, judgement]));
    const submitted = request.method === 'POST' ? (request.body as Record<string, unknown>) : {};
    const documentNames = new Map(snapshot.documents.map((document) => [document.id as string, document.fileName as string]));
    return {
      ...detail,
      snapshot,
      open: application.status !== 'decided',
      awaitingProvider: application.status === 'clarification_requested',
      statusText: STATUS_TEXT[application.status],
      clockText: clock
        ? `Day ${clock.elapsed} of ${clock.allowed} working days${clock.extended ? ' (extended)' : ''}. Decision due by ${formatIsoDate(clock.dueOn)}.`
        : '',
      overdue: clock?.overdue,
      canExtend: !application.clockExtensionReason && application.status !== 'decided',
      documents: snapshot.documents.map((document) => ({
        ...document,
        typeText: (document.title as string) ?? DOCUMENT_TYPE_LABELS[document.type as ComplianceDocumentType],
        expiresText: formatIsoDate(document.expiresOn as string | null),
      })),
      answerRows: snapshot.answers.map((answer) => {
        const condition = conditions.find((candidate) => candidate.id === answer.conditionId)!;
        const judgement = judged.get(answer.conditionId);
        return {
          ...answer,
          answerText: answer.documentId
            ? documentNames.get(answer.documentId)
            : condition.answerType === 'date'
              ? formatIsoDate(answer.answer)
              : condition.answerType === 'yes_no'
                ? answer.answer === 'yes'
                  ? 'Yes'
                  : 'No'
                : answer.answer,
          scored: condition.judgement === 'scored',
          maximumScore: condition.maximumScore,
          minimumScore: condition.minimumScore,
          expected: condition.passingAnswer
            ? `Passes if “${condition.passingAnswer === 'yes' ? 'Yes' : 'No'}”`
            : condition.judgement === 'scored'
              ? `Scored out of ${condition.maximumScore}; ${condition.minimumScore} passes`
              : 'Judge pass or fail',
          resultValue: submitted[`result-${answer.conditionId}`] ?? judgement?.result,
          scoreValue: submitted[`score-${answer.conditionId}`] ?? judgement?.score ?? undefined,
          noteValue: submitted[`note-${answer.conditionId}`] ?? judgement?.note,
        };
      }),
      exclusionRows: (snapshot.exclusions ?? []).map((answer) => ({
        key: { text: answer.question },
        value: {
          text:
            answer.answer === 'yes'
              ? `Yes (${answer.kind === 'mandatory' ? 'mandatory ground' : answer.kind === 'discretionary' ? 'discretionary ground' : 'associated person'}): ${answer.details}`
              : 'No',
        },
      })),
      debarmentFlags: exclusionFlags.filter((flag) => flag.source === 'debarment'),
      assessmentText: application.exclusionAssessment === 'excluded' ? 'excluded' : 'not excluded',
      assessmentValue: submitted.exclusionAssessment ?? application.exclusionAssessment ?? undefined,
      assessmentReasonValue: submitted.exclusionAssessmentReason ?? application.exclusionAssessmentReason ?? undefined,
      clarificationRows: clarifications.map((clarification) => ({
        ...clarification,
        askedText: formatDateTime(clarification.askedAt),
        respondedText: formatDateTime(clarification.respondedAt),
      })),
      lotRows: snapshot.lots.map((lot) => {
        const decision = decisions.find((candidate) => candidate.therapyTypeId === lot.id);
        return {
          ...lot,
          decision,
          judgedText: JUDGED_OUTCOME_TEXT[outcomes.get(lot.id) ?? 'unjudged'],
          decisionValue: submitted[`decision-${lot.id}`] ?? decision?.decision,
          reasonValue: submitted[`reason-${lot.id}`] ?? decision?.reason,
          overrideValue: submitted[`override-${lot.id}`] ?? decision?.overrideReason,
        };
      }),
    };
  }

  @Post(':id/judgements')
  @FormPage('evaluation/show', 'detailModel')
  async judge(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.evaluation.judge(user, id, body);
    setFlash(request, { heading: 'Judgements saved' });
    return redirectAfterSaving(request, response, `/evaluation/${id}`);
  }

  @Post(':id/clarification')
  @FormPage('evaluation/show', 'detailModel')
  async clarify(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ClarificationQuestionForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.evaluation.requestClarification(user, id, form.question);
    setFlash(request, { heading: 'Question sent', body: 'We have emailed the provider. The application waits for their answer.' });
    return redirectAfterSaving(request, response, `/evaluation/${id}`);
  }

  @Post(':id/extend')
  @FormPage('evaluation/show', 'detailModel')
  async extend(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ExtendClockForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.evaluation.extendClock(user, id, form.reason);
    setFlash(request, { heading: 'Decision clock extended' });
    return redirectAfterSaving(request, response, `/evaluation/${id}`);
  }

  @Post(':id/exclusions')
  @FormPage('evaluation/show', 'detailModel')
  async assessExclusions(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.evaluation.assessExclusions(user, id, body);
    setFlash(request, { heading: 'Exclusion assessment recorded' });
    return redirectAfterSaving(request, response, `/evaluation/${id}`);
  }

  @Post(':id/decision')
  @FormPage('evaluation/show', 'detailModel')
  async decide(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.evaluation.decide(user, id, body);
    setFlash(request, { heading: 'Decision recorded', body: 'We have emailed the provider. Admitted lots are now active memberships.' });
    return redirectAfterSaving(request, response, `/evaluation/${id}`);
  }
}
