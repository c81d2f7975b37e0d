import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../audit/audit.service';
import { assertOwnsProviderRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { loadBankHolidays } from '../common/calendar/bank-holiday.repository';
import { addWorkingDays, londonDate } from '../common/calendar/working-days';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { ComplianceDocument } from '../documents/compliance-document.entity';
import { FrameworkLot } from '../frameworks/framework-lot.entity';
import { Framework } from '../frameworks/framework.entity';
import { MembershipCondition } from '../frameworks/membership-condition.entity';
import { FrameworkApplicationWindow } from '../frameworks/framework-application-window.entity';
import { acceptsApplicationsOn } from '../frameworks/open-framework-schedule';
import { routeUsableOn, workingDayDivisions } from '../frameworks/procurement-routes';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { formatDate } from '../common/views/format';
import { NotificationsService } from '../notifications/notifications.service';
import { Practitioner } from '../providers/practitioner.entity';
import { ProviderArea } from '../providers/provider-area.entity';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { Area } from '../agencies/area.entity';
import { Agency } from '../agencies/agency.entity';
import { User } from '../users/user.entity';
import { applicationLifecycle } from './application-lifecycle';
import { applicationProblems, checkAnswer, conditionApplies } from './application-rules';
import { DebarmentService } from '../debarment/debarment.service';
import { onMandatoryGround } from '../debarment/debarment-rules';
import { checkExclusionAnswers, EXCLUSION_QUESTIONS, exclusionAnswersComplete, ExclusionAnswers } from './exclusion-grounds';
import { ApplicationAnswer } from './application-answer.entity';
import { Application, ApplicationSnapshot } from './application.entity';
import { ApplicationClarification, ApplicationLotDecision } from './evaluation.entities';

export type Problems = ReturnType<typeof applicationProblems>;

export const answerField = (conditionId: string) => `answer-${conditionId}`;

/** A provider's applications to join frameworks: every method is scoped to the user's own organisation. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly debarment: DebarmentService,
  ) {}

  /** Frameworks open for applications now, and the provider's own applications. */
  async frameworksToApply(user: SignedInUser) {
    const today = this.clock.today();
    const manager = this.dataSource.manager;
    const frameworks = await manager.find(Framework, { where: { status: 'open' }, order: { name: 'ASC' } });
    const windows = await manager.find(FrameworkApplicationWindow, { where: { frameworkId: In(frameworks.map((framework) => framework.id)) } });
    const open = frameworks
      .map((framework) => ({ framework, windows: windows.filter((window) => window.frameworkId === framework.id) }))
      .filter(({ framework, windows }) => this.acceptsApplications(framework, windows, today))
      .map(({ framework, windows }) => ({
        ...framework,
        // An open framework takes applications until its window closes, not until the framework ends.
        applicationsCloseOn: windows.find((window) => window.opensOn <= today && today <= window.closesOn)?.closesOn ?? framework.closesOn,
      }));
    const applications = await manager.find(Application, {
      where: { providerId: user.providerId! },
      relations: { framework: true },
      order: { createdAt: 'DESC' },
    });
    return { open, applications };
  }

  /** Starts an application, or returns the one already in progress for that framework. */
  async start(user: SignedInUser, frameworkId: string): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const framework = await manager.findOne(Framework, { where: { id: frameworkId, status: 'open' } });
      const windows = await manager.find(FrameworkApplicationWindow, { where: { frameworkId } });
      if (!framework || !this.acceptsApplications(framework, windows, this.clock.today())) throw new NotFoundException();
      const inProgress = {
        providerId: user.providerId!,
        frameworkId,
        status: In(['draft', 'submitted', 'under_evaluation', 'clarification_requested'] as const),
      };
      const existing = await manager.findOne(Application, { where: inProgress });
      if (existing) return existing;
      // Two clicks at once: the partial unique index keeps one, and both get it.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Application)
        .values({ providerId: user.providerId!, frameworkId, status: 'draft' })
        .orIgnore()
        .returning('id')
        .execute();
      const application = await manager.findOneOrFail(Application, { where: inProgress });
      if (inserted.raw.length) {
        await this.audit.record(manager, {
          action: 'application.started',
          entityType: 'application',
          entityId: application.id,
          after: { frameworkId, providerId: user.providerId },
        });
      }
      return application;
    });
  }

  /** BR-1: open, within its dates, on a route still in force, and for an open framework inside a window. */
  private acceptsApplications(framework: Framework, windows: FrameworkApplicationWindow[], today: string): boolean {
    return (
      framework.opensOn <= today &&
      today <= framework.closesOn &&
      routeUsableOn(framework.route, today) &&
      acceptsApplicationsOn(framework.route, windows, today)
    );
  }

  async get(user: SignedInUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<Application> {
    return assertOwnsProviderRecord(user, await manager.findOne(Application, { where: { id } }));
  }

  /** Everything the application's pages show, and what still stops it being submitted. */
  async overview(user: SignedInUser, id: string) {
    const application = await this.get(user, id);
    const manager = this.dataSource.manager;
    const framework = await manager.findOneByOrFail(Framework, { id: application.frameworkId });
    const lots = await manager
      .createQueryBuilder(TherapyType, 'type')
      .innerJoin(FrameworkLot, 'lot', 'lot.therapyTypeId = type.id AND lot.frameworkId = :frameworkId', { frameworkId: framework.id })
      .orderBy('type.sortOrder')
      .getMany();
    const [organisation, practitioners, documents, conditions, answers] = await Promise.all([
      manager.findOneByOrFail(ProviderOrganisation, { id: application.providerId }),
      manager.find(Practitioner, { where: { providerId: application.providerId }, order: { fullName: 'ASC' } }),
      manager.find(ComplianceDocument, { where: { providerId: application.providerId }, order: { uploadedAt: 'DESC' } }),
      manager.find(MembershipCondition, { where: { frameworkId: framework.id }, order: { position: 'ASC' } }),
      manager.find(ApplicationAnswer, { where: { applicationId: id } }),
    ]);
    const applicable = conditions.filter((condition) => conditionApplies(condition, application.lotTherapyTypeIds));
    const answered = new Set(answers.filter((answer) => answer.value !== null || answer.documentId !== null).map((answer) => answer.conditionId));
    const chosenPractitioners = practitioners.filter((practitioner) => application.practitionerIds.includes(practitioner.id));
    const chosenDocuments = documents.filter((document) => application.documentIds.includes(document.id));
    const debarment = (await this.debarment.matchesFor(manager, framework.partnershipId, [organisation])).get(organisation.id) ?? [];
    const problems = applicationProblems({
      detailsCompleted: !!organisation.detailsCompletedAt,
      lotTherapyTypeIds: application.lotTherapyTypeIds,
      lotNames: new Map(lots.map((lot) => [lot.id, lot.name])),
      practitioners: chosenPractitioners,
      documents: chosenDocuments,
      unansweredConditions: applicable.filter((condition) => !answered.has(condition.id)).length,
      exclusionsAnswered: exclusionAnswersComplete(application.exclusionAnswers),
      debarredOnMandatoryGround: onMandatoryGround(debarment),
      today: this.clock.today(),
    });
    return {
      application,
      framework,
      organisation,
      lots,
      practitioners,
      documents,
      applicable,
      answers,
      chosenPractitioners,
      chosenDocuments,
      problems,
      debarment,
    };
  }

  async clarifications(user: SignedInUser, id: string): Promise<ApplicationClarification[]> {
    await this.get(user, id);
    return this.dataSource.manager.find(ApplicationClarification, { where: { applicationId: id }, order: { askedAt: 'ASC' } });
  }

  async decisions(user: SignedInUser, id: string): Promise<ApplicationLotDecision[]> {
    await this.get(user, id);
    return this.dataSource.manager.find(ApplicationLotDecision, { where: { applicationId: id } });
  }

  async saveLots(user: SignedInUser, id: string, therapyTypeIds: string[]): Promise<void> {
    await this.change(user, id, 'application.lots_chosen', async (manager, application) => {
      const offered = (await manager.find(FrameworkLot, { where: { frameworkId: application.frameworkId } })).map((lot) => lot.therapyTypeId);
      if (therapyTypeIds.some((lot) => !offered.includes(lot))) throw FormInvalidError.forField('therapyTypeIds', 'Select lots from the list');
      return { lotTherapyTypeIds: [...new Set(therapyTypeIds)] };
    });
  }

  async savePractitioners(user: SignedInUser, id: string, practitionerIds: string[]): Promise<void> {
    await this.change(user, id, 'application.practitioners_chosen', async (manager, application) => {
      const own = await manager.count(Practitioner, { where: { id: In(practitionerIds), providerId: application.providerId } });
      if (own !== new Set(practitionerIds).size) throw FormInvalidError.forField('practitionerIds', 'Select practitioners from the list');
      return { practitionerIds: [...new Set(practitionerIds)] };
    });
  }

  async saveDocuments(user: SignedInUser, id: string, documentIds: string[]): Promise<void> {
    await this.change(user, id, 'application.documents_chosen', async (manager, application) => {
      const own = await manager.count(ComplianceDocument, { where: { id: In(documentIds), providerId: application.providerId } });
      if (own !== new Set(documentIds).size) throw FormInvalidError.forField('documentIds', 'Select documents from the list');
      return { documentIds: [...new Set(documentIds)] };
    });
  }

  /** Saves every answer on the page, or none if any is invalid. */
  async saveAnswers(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockDraft(user, id, manager);
      const conditions = (await manager.find(MembershipCondition, { where: { frameworkId: application.frameworkId }, order: { position: 'ASC' } })).filter(
        (condition) => conditionApplies(condition, application.lotTherapyTypeIds),
      );
      const ownDocuments = new Set(
        (await manager.find(ComplianceDocument, { where: { providerId: application.providerId }, select: { id: true } })).map((document) => document.id),
      );
      const errors: FieldError[] = [];
      const values: Array<{ conditionId: string; value: string | null; documentId: string | null }> = [];
      for (const condition of conditions) {
        const field = answerField(condition.id);
        const result = checkAnswer(condition, body[field]);
        const href = `#${field}${condition.answerType === 'date' ? '-day' : ''}`;
        if ('error' in result) errors.push({ field, href, text: result.error });
        else if (condition.answerType === 'file' && !ownDocuments.has(result.value)) errors.push({ field, href, text: 'Select one of your documents' });
        else
          values.push({
            conditionId: condition.id,
            value: condition.answerType === 'file' ? null : result.value,
            documentId: condition.answerType === 'file' ? result.value : null,
          });
      }
      if (errors.length) throw new FormInvalidError(errors);
      for (const answer of values) {
        await manager.upsert(ApplicationAnswer, { applicationId: id, ...answer }, ['applicationId', 'conditionId']);
      }
      await this.audit.record(manager, { action: 'application.answers_saved', entityType: 'application', entityId: id, after: { answered: values.length } });
    });
  }

  /**
   * Saves the exclusion-grounds declaration (PA 2023 s.57), all of it or
   * none. Once submitted it is frozen in the snapshot and cannot change.
   */
  async saveExclusions(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockDraft(user, id, manager);
      const result = checkExclusionAnswers(body);
      if ('errors' in result) throw new FormInvalidError(result.errors.map((error) => ({ ...error, href: `#${error.field}` })));
      const yes = (answers: ExclusionAnswers | null) =>
        EXCLUSION_QUESTIONS.filter((question) => answers?.[question.id]?.answer === 'yes').map((question) => question.id);
      await manager.update(Application, id, { exclusionAnswers: result.answers as unknown as QueryDeepPartialEntity<ExclusionAnswers> });
      await this.audit.record(manager, {
        action: 'application.exclusions_declared',
        entityType: 'application',
        entityId: id,
        before: application.exclusionAnswers ? { yes: yes(application.exclusionAnswers) } : null,
        after: { yes: yes(result.answers) },
      });
    });
  }

  /**
   * Submits a complete application: the answers are frozen into a snapshot,
   * the decision clock starts (BR-3), and the provider and the framework
   * managers are emailed, all in one transaction.
   */
  async submit(user: SignedInUser, id: string): Promise<Application> {
    const overview = await this.overview(user, id);
    const outstanding = Object.values(overview.problems).flat();
    if (outstanding.length) throw new ConflictException(`This application is not ready to submit: ${outstanding.join('; ')}`);
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockDraft(user, id, manager);
      applicationLifecycle.assertMove(application.status, 'submitted');
      const holidays = await loadBankHolidays(manager, workingDayDivisions(overview.framework.route));
      const submittedAt = this.clock.now();
      const decisionDueOn = addWorkingDays(londonDate(submittedAt), overview.framework.decisionClockDays, holidays);
      const snapshot = await this.snapshot(manager, overview);
      await manager.update(Application, id, {
        status: 'submitted',
        submittedAt,
        decisionDueOn,
        snapshot: snapshot as unknown as QueryDeepPartialEntity<ApplicationSnapshot>,
      });
      await this.audit.record(manager, {
        action: 'application.submitted',
        entityType: 'application',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'submitted', decisionDueOn },
      });

      const lotNames = overview.lots
        .filter((lot) => application.lotTherapyTypeIds.includes(lot.id))
        .map((lot) => lot.name)
        .join(', ');
      const data = {
        organisationName: overview.organisation.name,
        frameworkName: overview.framework.name,
        lotNames,
        decisionDueOn: formatDate(`${decisionDueOn}T12:00:00Z`),
        applicationId: id,
      };
      const providerUsers = await manager.find(User, { where: { providerId: application.providerId, status: 'active' } });
      await this.notifications.fanOut(manager, {
        template: 'application-submitted',
        recipients: providerUsers,
        data: () => data,
        eventKey: `application-submitted:${id}`,
      });
      const managers: User[] = await manager
        .createQueryBuilder(User, 'user')
        .innerJoin(Agency, 'agency', 'agency.id = user.agencyId')
        .where('agency.partnershipId = :partnershipId', { partnershipId: overview.framework.partnershipId })
        .andWhere(`'framework_manager' = ANY(user.roles) AND user.status = 'active'`)
        .getMany();
      await this.notifications.fanOut(manager, {
        template: 'application-received',
        recipients: managers,
        data: () => data,
        eventKey: `application-received:${id}`,
      });
      return { ...application, status: 'submitted' as const, submittedAt, decisionDueOn, snapshot };
    });
  }

  private async snapshot(manager: EntityManager, overview: Awaited<ReturnType<ApplicationsService['overview']>>): Promise<ApplicationSnapshot> {
    const areas = await manager
      .createQueryBuilder(Area, 'area')
      .innerJoin(ProviderArea, 'pa', 'pa.areaId = area.id AND pa.providerId = :providerId', { providerId: overview.application.providerId })
      .orderBy('area.name')
      .getMany();
    const answers = new Map(overview.answers.map((answer) => [answer.conditionId, answer]));
    return {
      organisation: { ...overview.organisation },
      areas: areas.map((area) => area.name),
      lots: overview.lots.filter((lot) => overview.application.lotTherapyTypeIds.includes(lot.id)).map((lot) => ({ id: lot.id, name: lot.name })),
      practitioners: overview.chosenPractitioners.map((practitioner) => ({ ...practitioner })),
      documents: overview.chosenDocuments.map((document) => ({ ...document })),
      answers: overview.applicable.map((condition) => ({
        conditionId: condition.id,
        question: condition.question,
        answer: answers.get(condition.id)?.value ?? '',
        documentId: answers.get(condition.id)?.documentId ?? null,
      })),
      exclusions: EXCLUSION_QUESTIONS.map((question) => ({
        id: question.id,
        kind: question.kind,
        question: question.question,
        answer: overview.application.exclusionAnswers![question.id].answer,
        details: overview.application.exclusionAnswers![question.id].details,
      })),
    };
  }

  private async change(
    user: SignedInUser,
    id: string,
    action: string,
    build: (manager: EntityManager, application: Application) => Promise<Pick<Partial<Application>, 'lotTherapyTypeIds' | 'practitionerIds' | 'documentIds'>>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockDraft(user, id, manager);
      const values = await build(manager, application);
      await manager.update(Application, id, values);
      await this.audit.record(manager, { action, entityType: 'application', entityId: id, after: values as Record<string, unknown> });
    });
  }

  private async lockDraft(user: SignedInUser, id: string, manager: EntityManager): Promise<Application> {
    const application = assertOwnsProviderRecord(user, await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } }));
    if (application.status !== 'draft') throw new ConflictException('This application has been submitted, so it can no longer be changed');
    return application;
  }
}
