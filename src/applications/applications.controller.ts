import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import { RouteIdPipe } from '../common/http/route-id.pipe';
import type { Request, Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { toDateParts } from '../common/forms/date-parts';
import { FormPage } from '../common/forms/form-page.decorator';
import { redirectAfterSaving, setFlash } from '../common/http/flash';
import { formatDate, formatIsoDate } from '../common/views/format';
import { DOCUMENT_TYPE_LABELS } from '../documents/document-rules';
import { answerField, ApplicationsService } from './applications.service';
import { ChooseDocumentsForm, ChooseLotsForm, ChoosePractitionersForm, ClarificationResponseForm, SubmitApplicationForm } from './dto/application-forms';
import { EvaluationService } from './evaluation.service';
import { EXCLUSION_QUESTIONS, exclusionDetailsField, exclusionField } from './exclusion-grounds';
import { routeId, signedInUser } from '../common/http/route-inputs';

const STATUS_TAGS = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--blue' },
  under_evaluation: { text: 'Being evaluated', classes: 'govuk-tag--blue' },
  clarification_requested: { text: 'Question for you', classes: 'govuk-tag--yellow' },
  decided: { text: 'Decided', classes: 'govuk-tag--green' },
};
const taskStatus = (problems: string[], started: boolean) =>
  problems.length === 0
    ? { text: 'Completed' }
    : started
      ? { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } }
      : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } };

@Controller('provider')
@Roles('provider_user')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly evaluation: EvaluationService,
  ) {}

  @Get('frameworks')
  @Render('applications/frameworks')
  async frameworks(@CurrentUser() user: SignedInUser) {
    const { open, applications } = await this.applications.frameworksToApply(user);
    return {
      open: open.map((framework) => ({ ...framework, closesText: formatIsoDate(framework.applicationsCloseOn) })),
      applications: applications.map((application) => ({ ...application, tag: STATUS_TAGS[application.status] })),
    };
  }

  @Post('frameworks/:id/apply')
  async apply(@Param('id', RouteIdPipe) frameworkId: string, @CurrentUser() user: SignedInUser, @Req() request: Request, @Res() response: Response) {
    const application = await this.applications.start(user, frameworkId);
    return redirectAfterSaving(request, response, `/provider/applications/${application.id}`);
  }

  @Get('applications/:id')
  @Render('applications/overview')
  overview(@Req() request: Request) {
    return this.overviewModel(request);
  }

  async overviewModel(request: Request) {
    const id = routeId(request);
    const user = signedInUser(request);
    const view = await this.applications.overview(user, id);
    const clarifications = await this.applications.clarifications(user, id);
    const decisions = await this.applications.decisions(user, id);
    const { application, problems } = view;
    const base = `/provider/applications/${id}`;
    const draft = application.status === 'draft';
    const ready = Object.values(problems).flat().length === 0;
    return {
      ...view,
      clarifications: clarifications.map((clarification) => ({ ...clarification, askedText: formatDate(clarification.askedAt) })),
      awaitingAnswer: application.status === 'clarification_requested',
      decisions: decisions.map((decision) => ({
        ...decision,
        lotName: view.lots.find((lot) => lot.id === decision.therapyTypeId)?.name,
        admitted: decision.decision === 'admitted',
      })),
      tag: STATUS_TAGS[application.status],
      draft,
      dueText: formatIsoDate(application.decisionDueOn),
      tasks: [
        {
          title: { text: 'Organisation details' },
          href: '/provider/organisation',
          status: taskStatus(problems.organisation, false),
          hint: problems.organisation[0] ? { text: problems.organisation[0] } : undefined,
        },
        { title: { text: 'Lots applied for' }, href: `${base}/lots`, status: taskStatus(problems.lots, false) },
        {
          title: { text: 'Practitioners' },
          href: `${base}/practitioners`,
          status: taskStatus(problems.practitioners, application.practitionerIds.length > 0),
          hint: problems.practitioners[0] ? { text: problems.practitioners.join('. ') } : undefined,
        },
        {
          title: { text: 'Documents' },
          href: `${base}/documents`,
          status: taskStatus(problems.documents, application.documentIds.length > 0),
          hint: problems.documents[0] ? { text: problems.documents.join('. ') } : undefined,
        },
        {
          title: { text: 'Answers to the conditions of membership' },
          href: application.lotTherapyTypeIds.length ? `${base}/answers` : undefined,
          status: application.lotTherapyTypeIds.length ? taskStatus(problems.answers, view.answers.length > 0) : { text: 'Cannot start yet' },
          hint: application.lotTherapyTypeIds.length ? undefined : { text: 'Choose your lots first' },
        },
        {
          title: { text: 'Exclusion grounds' },
          href: `${base}/exclusions`,
          status: taskStatus(problems.exclusions, !!application.exclusionAnswers),
          hint: problems.exclusions.length && application.exclusionAnswers ? { text: problems.exclusions.join('. ') } : undefined,
        },
        {
          title: { text: 'Check your answers and submit' },
          href: ready ? `${base}/check` : undefined,
          status: ready ? { tag: { text: 'Not yet started', classes: 'govuk-tag--blue' } } : { text: 'Cannot start yet' },
        },
      ],
    };
  }

  @Post('applications/:id/clarification')
  @FormPage('applications/overview', 'overviewModel')
  async respond(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ClarificationResponseForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.evaluation.respondToClarification(user, id, form.response);
    setFlash(request, { heading: 'Answer sent', body: 'The framework manager will carry on evaluating your application.' });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }

  @Get('applications/:id/lots')
  @Render('applications/lots')
  lotsPage(@Req() request: Request) {
    return this.lotsModel(request);
  }

  async lotsModel(request: Request) {
    const { application, framework, lots } = await this.applications.overview(signedInUser(request), routeId(request));
    const chosen = request.method === 'POST' ? ([] as string[]).concat(request.body?.therapyTypeIds ?? []) : application.lotTherapyTypeIds;
    return { application, framework, lotItems: lots.map((lot) => ({ value: lot.id, text: lot.name })), chosen };
  }

  @Post('applications/:id/lots')
  @FormPage('applications/lots', 'lotsModel')
  async saveLots(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ChooseLotsForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.applications.saveLots(user, id, form.therapyTypeIds);
    setFlash(request, { heading: 'Lots saved' });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }

  @Get('applications/:id/practitioners')
  @Render('applications/practitioners')
  practitionersPage(@Req() request: Request) {
    return this.practitionersModel(request);
  }

  async practitionersModel(request: Request) {
    const { application, framework, practitioners, lots } = await this.applications.overview(signedInUser(request), routeId(request));
    const names = new Map(lots.map((lot) => [lot.id, lot.name]));
    const chosen = request.method === 'POST' ? ([] as string[]).concat(request.body?.practitionerIds ?? []) : application.practitionerIds;
    return {
      application,
      framework,
      chosen,
      practitionerItems: practitioners.map((practitioner) => ({
        value: practitioner.id,
        text: `${practitioner.fullName}, ${practitioner.profession}`,
        hint: {
          text: `Qualified for ${
            practitioner.therapyTypeIds
              .map((id) => names.get(id))
              .filter(Boolean)
              .join(', ') || 'none of this framework’s lots'
          }. Registration expires ${formatIsoDate(practitioner.registrationExpiresOn)}.`,
        },
      })),
    };
  }

  @Post('applications/:id/practitioners')
  @FormPage('applications/practitioners', 'practitionersModel')
  async savePractitioners(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ChoosePractitionersForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.applications.savePractitioners(user, id, form.practitionerIds);
    setFlash(request, { heading: 'Practitioners saved' });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }

  @Get('applications/:id/documents')
  @Render('applications/documents')
  documentsPage(@Req() request: Request) {
    return this.documentsModel(request);
  }

  async documentsModel(request: Request) {
    const { application, framework, documents } = await this.applications.overview(signedInUser(request), routeId(request));
    const chosen = request.method === 'POST' ? ([] as string[]).concat(request.body?.documentIds ?? []) : application.documentIds;
    return {
      application,
      framework,
      chosen,
      documentItems: documents.map((document) => ({
        value: document.id,
        text: `${document.title ?? DOCUMENT_TYPE_LABELS[document.type]}: ${document.fileName}`,
        hint: { text: document.expiresOn ? `Expires ${formatIsoDate(document.expiresOn)}` : 'No expiry date' },
      })),
    };
  }

  @Post('applications/:id/documents')
  @FormPage('applications/documents', 'documentsModel')
  async saveDocuments(
    @Param('id', RouteIdPipe) id: string,
    @Body() form: ChooseDocumentsForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.applications.saveDocuments(user, id, form.documentIds);
    setFlash(request, { heading: 'Documents saved' });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }

  @Get('applications/:id/answers')
  @Render('applications/answers')
  answersPage(@Req() request: Request) {
    return this.answersModel(request);
  }

  async answersModel(request: Request) {
    const { application, framework, applicable, answers, documents } = await this.applications.overview(signedInUser(request), routeId(request));
    const saved = new Map(answers.map((answer) => [answer.conditionId, answer]));
    const submitted = request.method === 'POST' ? (request.body as Record<string, unknown>) : undefined;
    return {
      application,
      framework,
      questions: applicable.map((condition) => {
        const field = answerField(condition.id);
        const answer = saved.get(condition.id);
        const value = submitted
          ? submitted[field]
          : condition.answerType === 'date'
            ? toDateParts(answer?.value)
            : condition.answerType === 'file'
              ? answer?.documentId
              : answer?.value;
        return {
          ...condition,
          field,
          value,
          isYesNo: condition.answerType === 'yes_no',
          isText: condition.answerType === 'text',
          isNumber: condition.answerType === 'number',
          isDate: condition.answerType === 'date',
          isFile: condition.answerType === 'file',
          hintText: [condition.hint, condition.wordLimit ? `Up to ${condition.wordLimit} words` : ''].filter(Boolean).join('. ') || undefined,
          documentOptions: [
            { value: '', text: 'Choose a document' },
            ...documents.map((document) => ({ value: document.id, text: `${document.title ?? DOCUMENT_TYPE_LABELS[document.type]}: ${document.fileName}` })),
          ],
        };
      }),
    };
  }

  @Post('applications/:id/answers')
  @FormPage('applications/answers', 'answersModel')
  async saveAnswers(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.applications.saveAnswers(user, id, body);
    setFlash(request, { heading: 'Answers saved' });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }

  @Get('applications/:id/exclusions')
  @Render('applications/exclusions')
  exclusionsPage(@Req() request: Request) {
    return this.exclusionsModel(request);
  }

  async exclusionsModel(request: Request) {
    const { application, framework, debarment } = await this.applications.overview(signedInUser(request), routeId(request));
    const submitted = request.method === 'POST' ? (request.body as Record<string, unknown>) : undefined;
    const mandatory = debarment.some((entry) => entry.groundKind === 'mandatory');
    return {
      application,
      framework,
      debarred: mandatory,
      debarredText: 'Your organisation is on the debarment list on a mandatory exclusion ground, so it cannot apply while the entry applies.',
      questions: EXCLUSION_QUESTIONS.map((question) => {
        const field = exclusionField(question.id);
        const detailsField = exclusionDetailsField(question.id);
        const saved = application.exclusionAnswers?.[question.id];
        return {
          ...question,
          field,
          detailsField,
          value: submitted ? submitted[field] : saved?.answer,
          details: submitted ? submitted[detailsField] : saved?.details,
        };
      }),
    };
  }

  @Post('applications/:id/exclusions')
  @FormPage('applications/exclusions', 'exclusionsModel')
  async saveExclusions(
    @Param('id', RouteIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    await this.applications.saveExclusions(user, id, body);
    setFlash(request, { heading: 'Exclusion answers saved' });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }

  @Get('applications/:id/check')
  @Render('applications/check')
  checkPage(@Req() request: Request) {
    return this.checkModel(request);
  }

  async checkModel(request: Request) {
    const view = await this.applications.overview(signedInUser(request), routeId(request));
    const answers = new Map(view.answers.map((answer) => [answer.conditionId, answer]));
    const documentNames = new Map(view.documents.map((document) => [document.id, document.fileName]));
    return {
      ...view,
      lotNames: view.lots.filter((lot) => view.application.lotTherapyTypeIds.includes(lot.id)).map((lot) => lot.name),
      answerRows: view.applicable.map((condition) => {
        const answer = answers.get(condition.id);
        const text =
          condition.answerType === 'file'
            ? documentNames.get(answer?.documentId ?? '')
            : condition.answerType === 'date'
              ? formatIsoDate(answer?.value ?? null)
              : condition.answerType === 'yes_no'
                ? answer?.value === 'yes'
                  ? 'Yes'
                  : 'No'
                : answer?.value;
        return { key: { text: condition.question }, value: { text: text ?? 'Not answered' } };
      }),
      exclusionRows: EXCLUSION_QUESTIONS.map((question) => {
        const answer = view.application.exclusionAnswers?.[question.id];
        return { key: { text: question.question }, value: { text: answer ? (answer.answer === 'yes' ? `Yes: ${answer.details}` : 'No') : 'Not answered' } };
      }),
    };
  }

  @Post('applications/:id/submit')
  @FormPage('applications/check', 'checkModel')
  async submit(
    @Param('id', RouteIdPipe) id: string,
    @Body() _form: SubmitApplicationForm,
    @CurrentUser() user: SignedInUser,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const application = await this.applications.submit(user, id);
    setFlash(request, {
      heading: 'Application submitted',
      body: `We will decide by ${formatIsoDate(application.decisionDueOn)}. We have emailed you a copy of this confirmation.`,
    });
    return redirectAfterSaving(request, response, `/provider/applications/${id}`);
  }
}
