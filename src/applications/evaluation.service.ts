import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../competitions/invitations.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { loadBankHolidays } from '../common/calendar/bank-holiday.repository';
import { addWorkingDays, HolidayCalendar, londonDate } from '../common/calendar/working-days';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { findPage } from '../common/database/find-page';
import { PageRequest, toPage } from '../common/http/pagination';
import { formatDate, formatIsoDate } from '../common/views/format';
import { Framework } from '../frameworks/framework.entity';
import { ProcurementRoute, workingDayDivisions } from '../frameworks/procurement-routes';
import { MembershipCondition } from '../frameworks/membership-condition.entity';
import { Membership } from '../frameworks/membership.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';
import { applicationLifecycle, ApplicationStatus } from './application-lifecycle';
import { Application } from './application.entity';
import { judgedOutcome, JudgedOutcome } from './application-rules';
import { decisionClock } from './decision-clock';
import { DebarmentService } from '../debarment/debarment.service';
import { exclusionBlock, ExclusionFlag } from './exclusion-grounds';
import { ApplicationClarification, ApplicationJudgement, ApplicationLotDecision } from './evaluation.entities';

const IN_EVALUATION: ApplicationStatus[] = ['submitted', 'under_evaluation', 'clarification_requested'];

/** The framework manager's side of an application: queue, judgements, clarifications, clock and decision. */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly debarment: DebarmentService,
  ) {}

  private partnershipId(user: SignedInUser, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return partnershipIdOf(manager, user);
  }

  /** The calendar of the framework's route (PA 2023: all UK bank holidays; PCR 2015: England and Wales). */
  async holidays(route: ProcurementRoute, manager: EntityManager = this.dataSource.manager): Promise<HolidayCalendar> {
    return loadBankHolidays(manager, workingDayDivisions(route));
  }

  /** Applications waiting for a decision, soonest due first, each with its working-day clock (BR-3). */
  async queue(user: SignedInUser, pageRequest: PageRequest) {
    const partnershipId = await this.partnershipId(user);
    const query = this.dataSource.manager
      .createQueryBuilder(Application, 'application')
      .innerJoinAndSelect('application.framework', 'framework')
      .innerJoinAndSelect('application.provider', 'provider')
      .where('framework.partnershipId = :partnershipId', { partnershipId })
      .andWhere('application.status IN (:...statuses)', { statuses: IN_EVALUATION })
      .orderBy('application.decisionDueOn', 'ASC')
      .addOrderBy('application.submittedAt', 'ASC');
    const [rows, total] = await findPage(query, pageRequest);
    const today = this.clock.today();
    const calendars = new Map<ProcurementRoute, HolidayCalendar>();
    for (const route of new Set(rows.map((application) => application.framework!.route))) calendars.set(route, await this.holidays(route));
    const items = rows.map((application) => ({
      application,
      clock: this.clockOf(application, application.framework!, today, calendars.get(application.framework!.route)!),
    }));
    return toPage(items, total, pageRequest, '/evaluation');
  }

  clockOf(application: Application, framework: Framework, today: string, holidays: HolidayCalendar) {
    return decisionClock(londonDate(application.submittedAt!), today, framework, !!application.clockExtensionReason, holidays);
  }

  /** One application of the manager's partnership, as submitted, with its evaluation so far. */
  async detail(user: SignedInUser, id: string) {
    const manager = this.dataSource.manager;
    const application = await this.getForManager(user, id, manager);
    const framework = await manager.findOneByOrFail(Framework, { id: application.frameworkId });
    const [provider, conditions, judgements, clarifications, decisions] = await Promise.all([
      manager.findOneByOrFail(ProviderOrganisation, { id: application.providerId }),
      manager.find(MembershipCondition, { where: { frameworkId: framework.id }, order: { position: 'ASC' } }),
      manager.find(ApplicationJudgement, { where: { applicationId: id } }),
      manager.find(ApplicationClarification, { where: { applicationId: id }, order: { askedAt: 'ASC' } }),
      manager.find(ApplicationLotDecision, { where: { applicationId: id } }),
    ]);
    const clock = application.submittedAt ? this.clockOf(application, framework, this.clock.today(), await this.holidays(framework.route)) : null;
    const outcomes = await this.judgedOutcomes(manager, application);
    const exclusionFlags = await this.exclusionFlags(manager, application, framework, provider);
    return {
      application,
      framework,
      provider,
      conditions,
      judgements,
      clarifications,
      decisions,
      clock,
      outcomes,
      exclusionFlags,
      exclusionBlock: exclusionBlock(exclusionFlags, application.exclusionAssessment),
    };
  }

  /**
   * What the framework manager must weigh before admitting (PA 2023 s.57):
   * each yes in the declaration as submitted, and each entry naming the
   * provider in the partnership's debarment list today.
   */
  async exclusionFlags(
    manager: EntityManager,
    application: Application,
    framework: Pick<Framework, 'partnershipId'>,
    provider: Pick<ProviderOrganisation, 'id' | 'name' | 'companiesHouseNumber'>,
  ): Promise<ExclusionFlag[]> {
    const declared: ExclusionFlag[] = (application.snapshot?.exclusions ?? [])
      .filter((answer) => answer.answer === 'yes')
      .map((answer) => ({ source: 'declaration', kind: answer.kind, text: `${answer.question} Yes: ${answer.details ?? ''}` }));
    const listed = (await this.debarment.matchesFor(manager, framework.partnershipId, [provider])).get(provider.id) ?? [];
    return [
      ...listed.map((entry): ExclusionFlag => ({
        source: 'debarment',
        kind: entry.groundKind,
        text: `On the debarment list (${entry.groundKind} ground: ${entry.ground}) from ${formatIsoDate(entry.addedOn)} until ${formatIsoDate(entry.endsOn)}. ${entry.reference}`,
      })),
      ...declared,
    ];
  }

  /**
   * Records the exclusion assessment (s.57, s.58): whether the provider is
   * excluded (or, for a discretionary ground, to be excluded), with the
   * reason, such as evidence that the circumstances will not occur again.
   */
  async assessExclusions(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForEvaluation(user, id, manager, ['under_evaluation', 'clarification_requested']);
      const outcome = body.exclusionAssessment;
      const reason = typeof body.exclusionAssessmentReason === 'string' ? body.exclusionAssessmentReason.trim() : '';
      const errors: FieldError[] = [];
      if (outcome !== 'excluded' && outcome !== 'not_excluded')
        errors.push({ field: 'exclusionAssessment', href: '#exclusionAssessment', text: 'Select whether the provider is excluded' });
      if (!reason)
        errors.push({ field: 'exclusionAssessmentReason', href: '#exclusionAssessmentReason', text: 'Enter the reasons for your exclusion assessment' });
      else if (reason.length > 2000)
        errors.push({ field: 'exclusionAssessmentReason', href: '#exclusionAssessmentReason', text: 'Reasons must be 2,000 characters or fewer' });
      if (errors.length) throw new FormInvalidError(errors);
      const assessment = outcome as 'excluded' | 'not_excluded';
      await manager.update(Application, id, {
        exclusionAssessment: assessment,
        exclusionAssessmentReason: reason,
        exclusionAssessedAt: this.clock.now(),
        exclusionAssessedByUserId: user.id,
      });
      await this.audit.record(manager, {
        action: 'application.exclusion_assessed',
        entityType: 'application',
        entityId: id,
        before: { assessment: application.exclusionAssessment, reason: application.exclusionAssessmentReason },
        after: { assessment, reason },
      });
    });
  }

  private async getForManager(user: SignedInUser, id: string, manager: EntityManager, lock = false): Promise<Application> {
    const application = await manager.findOne(Application, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!application || application.status === 'draft') throw new NotFoundException();
    const framework = await manager.findOneByOrFail(Framework, { id: application.frameworkId });
    if (framework.partnershipId !== (await this.partnershipId(user, manager))) throw new NotFoundException();
    return application;
  }

  /** What the recorded judgements say about each lot applied for (BR-1). */
  async judgedOutcomes(manager: EntityManager, application: Application): Promise<Map<string, JudgedOutcome>> {
    const [conditions, judgements] = await Promise.all([
      manager.find(MembershipCondition, { where: { frameworkId: application.frameworkId }, select: { id: true, lotTherapyTypeIds: true } }),
      manager.find(ApplicationJudgement, { where: { applicationId: application.id }, select: { conditionId: true, result: true } }),
    ]);
    const answered = new Set(application.snapshot!.answers.map((answer) => answer.conditionId));
    const asked = conditions.filter((condition) => answered.has(condition.id));
    return new Map(application.snapshot!.lots.map((lot) => [lot.id, judgedOutcome(lot.id, asked, judgements)]));
  }

  /** Locks an application still being evaluated; a submitted one moves to under evaluation first. */
  private async lockForEvaluation(user: SignedInUser, id: string, manager: EntityManager, allowed: ApplicationStatus[]): Promise<Application> {
    const application = await this.getForManager(user, id, manager, true);
    if (application.status === 'decided') throw new ConflictException('This application has been decided');
    if (application.status === 'submitted') {
      applicationLifecycle.assertMove('submitted', 'under_evaluation');
      await manager.update(Application, id, { status: 'under_evaluation' });
      await this.audit.record(manager, {
        action: 'application.evaluation_started',
        entityType: 'application',
        entityId: id,
        before: { status: 'submitted' },
        after: { status: 'under_evaluation' },
      });
      application.status = 'under_evaluation';
    }
    if (!allowed.includes(application.status)) throw new ConflictException('The provider has not answered your question yet');
    return application;
  }

  /** Records a pass or fail (or a score) with a note for every condition answered. */
  async judge(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForEvaluation(user, id, manager, ['under_evaluation', 'clarification_requested']);
      const conditions = await manager.find(MembershipCondition, { where: { id: In(application.snapshot!.answers.map((answer) => answer.conditionId)) } });
      const errors: FieldError[] = [];
      const judgements: Array<{ conditionId: string; result: 'pass' | 'fail'; score: number | null; note: string }> = [];
      for (const condition of conditions.sort((a, b) => a.position - b.position)) {
        const note = typeof body[`note-${condition.id}`] === 'string' ? String(body[`note-${condition.id}`]).trim().slice(0, 2000) : '';
        if (condition.judgement === 'scored') {
          const raw = String(body[`score-${condition.id}`] ?? '').trim();
          const score = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
          if (Number.isNaN(score) || score > condition.maximumScore!) {
            errors.push({
              field: `score-${condition.id}`,
              href: `#score-${condition.id}`,
              text: `Enter a score from 0 to ${condition.maximumScore} for “${condition.question}”`,
            });
            continue;
          }
          judgements.push({ conditionId: condition.id, score, result: score >= condition.minimumScore! ? 'pass' : 'fail', note });
        } else {
          const result = body[`result-${condition.id}`];
          if (result !== 'pass' && result !== 'fail') {
            errors.push({ field: `result-${condition.id}`, href: `#result-${condition.id}`, text: `Select pass or fail for “${condition.question}”` });
            continue;
          }
          judgements.push({ conditionId: condition.id, result, score: null, note });
        }
      }
      if (errors.length) throw new FormInvalidError(errors);
      for (const judgement of judgements) {
        await manager.upsert(ApplicationJudgement, { ...judgement, applicationId: id, judgedByUserId: user.id }, ['applicationId', 'conditionId']);
      }
      await this.audit.record(manager, {
        action: 'application.judged',
        entityType: 'application',
        entityId: id,
        after: { judgements: judgements.map(({ conditionId, result, score }) => ({ conditionId, result, score })) },
      });
    });
  }

  async requestClarification(user: SignedInUser, id: string, question: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForEvaluation(user, id, manager, ['under_evaluation']);
      applicationLifecycle.assertMove(application.status, 'clarification_requested');
      await manager.insert(ApplicationClarification, { applicationId: id, question, askedByUserId: user.id });
      await manager.update(Application, id, { status: 'clarification_requested' });
      await this.audit.record(manager, {
        action: 'application.clarification_requested',
        entityType: 'application',
        entityId: id,
        before: { status: application.status },
        after: { status: 'clarification_requested', question },
      });
      await this.emailProvider(manager, application, 'application-clarification', { question });
    });
  }

  /** The provider answers the open question; the application goes back to evaluation. */
  async respondToClarification(user: SignedInUser, id: string, response: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!application || application.providerId !== user.providerId) throw new NotFoundException();
      if (application.status !== 'clarification_requested') throw new ConflictException('There is no question waiting for your answer');
      const open = await manager.findOneOrFail(ApplicationClarification, { where: { applicationId: id, respondedAt: IsNull() }, order: { askedAt: 'DESC' } });
      await manager.update(ApplicationClarification, open.id, { response, respondedAt: this.clock.now(), respondedByUserId: user.id });
      applicationLifecycle.assertMove('clarification_requested', 'under_evaluation');
      await manager.update(Application, id, { status: 'under_evaluation' });
      await this.audit.record(manager, {
        action: 'application.clarification_answered',
        entityType: 'application',
        entityId: id,
        before: { status: 'clarification_requested' },
        after: { status: 'under_evaluation' },
      });
    });
  }

  /** BR-3: extends the decision clock to the route's longer limit, with the reason kept. */
  async extendClock(user: SignedInUser, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForEvaluation(user, id, manager, ['under_evaluation', 'clarification_requested']);
      if (application.clockExtensionReason) throw new ConflictException('The decision clock has already been extended');
      const framework = await manager.findOneByOrFail(Framework, { id: application.frameworkId });
      const decisionDueOn = addWorkingDays(londonDate(application.submittedAt!), framework.decisionExtendedDays, await this.holidays(framework.route, manager));
      await manager.update(Application, id, { clockExtensionReason: reason, decisionDueOn });
      await this.audit.record(manager, {
        action: 'application.clock_extended',
        entityType: 'application',
        entityId: id,
        before: { decisionDueOn: application.decisionDueOn },
        after: { decisionDueOn, reason },
      });
    });
  }

  /**
   * Decides every lot applied for, admitted or rejected with reasons. Admitted
   * lots become active memberships; the provider is emailed the outcome.
   */
  async decide(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForEvaluation(user, id, manager, ['under_evaluation']);
      const lots = application.snapshot!.lots;
      const outcomes = await this.judgedOutcomes(manager, application);
      const text = (field: string) => (typeof body[field] === 'string' ? String(body[field]).trim() : '');
      const errors: FieldError[] = [];
      const decisions: Array<{
        therapyTypeId: string;
        name: string;
        decision: 'admitted' | 'rejected';
        reason: string;
        judged: JudgedOutcome;
        overrideReason: string | null;
      }> = [];
      for (const lot of lots) {
        const decision = body[`decision-${lot.id}`];
        const reason = text(`reason-${lot.id}`);
        const overrideReason = text(`override-${lot.id}`);
        const judged = outcomes.get(lot.id)!;
        if (decision !== 'admitted' && decision !== 'rejected')
          errors.push({ field: `decision-${lot.id}`, href: `#decision-${lot.id}`, text: `Select admit or reject for ${lot.name}` });
        else if (judged === 'unjudged')
          errors.push({ field: `decision-${lot.id}`, href: `#decision-${lot.id}`, text: `Judge every condition for ${lot.name} before deciding` });
        if (!reason) errors.push({ field: `reason-${lot.id}`, href: `#reason-${lot.id}`, text: `Enter the reasons for the decision on ${lot.name}` });
        else if (reason.length > 2000) errors.push({ field: `reason-${lot.id}`, href: `#reason-${lot.id}`, text: 'Reasons must be 2,000 characters or fewer' });
        const departs = (decision === 'admitted' || decision === 'rejected') && judged !== 'unjudged' && decision !== judged;
        if (departs && !overrideReason) {
          const judgementsSay = judged === 'admitted' ? 'passed every condition' : 'failed a condition';
          errors.push({
            field: `override-${lot.id}`,
            href: `#override-${lot.id}`,
            text: `${lot.name} ${judgementsSay}. Enter why you are ${decision === 'admitted' ? 'admitting' : 'rejecting'} it anyway`,
          });
        } else if (overrideReason.length > 2000)
          errors.push({ field: `override-${lot.id}`, href: `#override-${lot.id}`, text: 'Reasons must be 2,000 characters or fewer' });
        if (decision === 'admitted' || decision === 'rejected')
          decisions.push({ therapyTypeId: lot.id, name: lot.name, decision, reason, judged, overrideReason: departs ? overrideReason : null });
      }
      if (decisions.some((decision) => decision.decision === 'admitted')) {
        const framework = await manager.findOneByOrFail(Framework, { id: application.frameworkId });
        const provider = await manager.findOneByOrFail(ProviderOrganisation, { id: application.providerId });
        const blocked = exclusionBlock(await this.exclusionFlags(manager, application, framework, provider), application.exclusionAssessment);
        if (blocked) errors.push({ field: 'exclusionAssessment', href: '#exclusionAssessment', text: blocked });
      }
      if (errors.length) throw new FormInvalidError(errors);

      applicationLifecycle.assertMove(application.status, 'decided');
      for (const decision of decisions) {
        await manager.insert(ApplicationLotDecision, {
          applicationId: id,
          therapyTypeId: decision.therapyTypeId,
          decision: decision.decision,
          reason: decision.reason,
          overrideReason: decision.overrideReason,
          decidedByUserId: user.id,
        });
        if (decision.overrideReason) {
          await this.audit.record(manager, {
            action: 'application.decision_overridden',
            entityType: 'application',
            entityId: id,
            after: { therapyTypeId: decision.therapyTypeId, judged: decision.judged, decided: decision.decision, reason: decision.overrideReason },
          });
        }
        if (decision.decision === 'admitted') {
          const existing = await manager.findOne(Membership, {
            where: {
              frameworkId: application.frameworkId,
              providerId: application.providerId,
              therapyTypeId: decision.therapyTypeId,
              status: In(['active', 'suspended']),
            },
          });
          if (!existing) {
            const membership = await manager.save(Membership, {
              frameworkId: application.frameworkId,
              providerId: application.providerId,
              therapyTypeId: decision.therapyTypeId,
              applicationId: id,
              status: 'active' as const,
            });
            await this.invitations.inviteToOpenRequirements(manager, membership);
            await this.audit.record(manager, {
              action: 'membership.created',
              entityType: 'membership',
              entityId: membership.id,
              after: { frameworkId: application.frameworkId, providerId: application.providerId, therapyTypeId: decision.therapyTypeId, status: 'active' },
            });
          }
        }
      }
      await manager.update(Application, id, { status: 'decided', decidedAt: this.clock.now() });
      await this.audit.record(manager, {
        action: 'application.decided',
        entityType: 'application',
        entityId: id,
        before: { status: application.status },
        after: { status: 'decided', decisions: decisions.map(({ therapyTypeId, decision }) => ({ therapyTypeId, decision })) },
      });
      await this.emailProvider(manager, application, 'application-decided', {
        outcomes: decisions.map((decision) => ({ name: decision.name, admitted: decision.decision === 'admitted', reason: decision.reason })),
      });
    });
  }

  private async emailProvider(
    manager: EntityManager,
    application: Application,
    template: 'application-clarification' | 'application-decided',
    extra: Record<string, unknown>,
  ) {
    const framework = await manager.findOneByOrFail(Framework, { id: application.frameworkId });
    await this.notifications.fanOut(manager, {
      template,
      recipients: await manager.find(User, { where: { providerId: application.providerId, status: 'active' } }),
      data: () => ({ ...extra, frameworkName: framework.name, applicationId: application.id, today: formatDate(this.clock.now()) }),
    });
  }
}
