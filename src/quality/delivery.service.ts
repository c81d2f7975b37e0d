import { Clock } from '../common/clock/clock';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { OutcomeTool } from '../awards/award-rules';
import { ContractTransition } from '../awards/contract-transition';
import { Contract } from '../awards/contract.entity';
import { assertOwnsRecord } from '../common/auth/ownership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { londonDate } from '../common/calendar/working-days';
import { FieldError, FormInvalidError } from '../common/forms/form-invalid.error';
import { formatIsoDate } from '../common/views/format';
import { NotificationsService } from '../notifications/notifications.service';
import type { EmailTemplate } from '../notifications/email-templates';
import { UserRepository } from '../users/user.repository';
import { checkSessionLog, ENDING_REASONS, EndingKind, endingProblems, endReportDueOn, progressReportSchedule, statusAfterEnding } from './delivery-rules';
import { MAX_GBO_GOALS, OUTCOME_SCALES, outcomeChange, outcomeScoreProblem } from './outcome-rules';
import { DeliveryReport, Engagement, GoalProgress, OutcomeMeasure, ReportKind, SessionLog } from './quality.entities';
import { findOneJoined } from '../common/database/find-one-joined';

/** Contract states in which the provider still delivers and reports. */
const DELIVERING = ['active', 'exhausted'];

export interface ReportInput {
  engagement: Engagement;
  goalProgress: GoalProgress;
  summary: string;
  nextSteps: string;
  safeguardingConcern: boolean;
}

/**
 * Delivery on a contract: the provider logs sessions, reports, records
 * outcome measures (BR-17) and ends the work; the commissioner is alerted at
 * 80% of sessions and sees it all. Every change is audited with the contract.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly contractTransition: ContractTransition,
    private readonly userRecords: UserRepository,
  ) {}

  /** The contract locked for a change, for its provider or its agency (anyone else gets not found), while the work is running. */
  private async deliveringContract(user: SignedInUser, id: string, manager: EntityManager): Promise<Contract> {
    const contract = assertOwnsRecord(user, await manager.findOne(Contract, { where: { id }, lock: { mode: 'pessimistic_write' } }));
    if (!DELIVERING.includes(contract.status)) {
      throw new ConflictException(
        contract.status === 'pending' ? 'This contract has not started yet' : 'This contract has ended, so its delivery record is closed',
      );
    }
    return contract;
  }

  /** Sessions the contract pays for, where that is a count of sessions. */
  private contracted(contract: Contract): number | null {
    if (contract.kind === 'spot') return contract.sessionCount;
    return contract.blockUnit === 'sessions' ? contract.blockVolume : null;
  }

  async delivery(user: SignedInUser, id: string) {
    const manager = this.dataSource.manager;
    const found = await findOneJoined(manager, Contract, { where: { id }, relations: { requirement: { therapyType: true }, provider: true, agency: true } });
    const contract = assertOwnsRecord(user, found);
    const [sessions, reports, measures] = await Promise.all([
      manager.find(SessionLog, { where: { contractId: id }, order: { deliveredOn: 'ASC', createdAt: 'ASC' } }),
      manager.find(DeliveryReport, { where: { contractId: id }, order: { submittedAt: 'ASC' } }),
      manager.find(OutcomeMeasure, { where: { contractId: id }, order: { tool: 'ASC', createdAt: 'ASC' } }),
    ]);
    const today = this.clock.today();
    const progress = reports.filter((report) => report.kind === 'progress');
    const endReport = reports.find((report) => report.kind === 'end') ?? null;
    const schedule =
      contract.startsOn && contract.endsOn
        ? progressReportSchedule(
            contract.startsOn,
            contract.endsOn,
            contract.reportIntervalWeeks,
            progress.map((report) => londonDate(report.submittedAt)),
            today,
          )
        : [];
    const delivered = sessions.reduce((sum, log) => sum + log.sessions, 0);
    return {
      contract,
      sessions,
      delivered,
      contracted: this.contracted(contract),
      schedule,
      progressReports: progress,
      endReport,
      endReportDueOn: contract.endsOn ? endReportDueOn(contract.endsOn, contract.endedOn) : null,
      measures: measures.map((measure) => ({
        ...measure,
        change: measure.endScore === null ? null : outcomeChange(measure.tool, measure.baselineScore, measure.endScore),
      })),
      delivering: DELIVERING.includes(contract.status),
    };
  }

  /** Sessions delivered on a contract, from its session log: what its provider may invoice (read by the invoices feature). */
  async deliveredSessions(manager: EntityManager, contractId: string): Promise<number> {
    const [{ delivered }] = await manager.query(`SELECT coalesce(sum(sessions), 0)::int AS delivered FROM session_logs WHERE contract_id = $1`, [contractId]);
    return delivered;
  }

  async logSessions(
    user: SignedInUser,
    id: string,
    form: { deliveredOn: string; sessions: number },
  ): Promise<{ delivered: number; contracted: number | null }> {
    return this.dataSource.transaction(async (manager) => {
      const contract = await this.deliveringContract(user, id, manager);
      if (form.deliveredOn < contract.startsOn! || form.deliveredOn > this.clock.today()) {
        throw FormInvalidError.forField('deliveredOn', 'The date must be between the contract’s start date and today', { href: '#deliveredOn-day' });
      }
      const [{ delivered }] = await manager.query(`SELECT coalesce(sum(sessions), 0)::int AS delivered FROM session_logs WHERE contract_id = $1`, [id]);
      const contracted = this.contracted(contract);
      const check = checkSessionLog(contracted, delivered, form.sessions);
      if (!check.allowed) throw FormInvalidError.forField('sessions', check.message!);
      const saved = await manager.save(SessionLog, { contractId: id, deliveredOn: form.deliveredOn, sessions: form.sessions, recordedByUserId: user.id });
      await this.audit.record(manager, {
        action: 'contract.sessions_logged',
        entityType: 'contract',
        entityId: id,
        after: { sessionLogId: saved.id, sessions: form.sessions, deliveredOn: form.deliveredOn, delivered: check.deliveredAfter },
      });
      if (check.crossesAlert) {
        await this.tellCommissioners(manager, contract, 'sessions-mostly-used', `sessions-mostly-used:${id}`, { delivered: check.deliveredAfter, contracted });
      }
      return { delivered: check.deliveredAfter, contracted };
    });
  }

  async submitReport(user: SignedInUser, id: string, kind: ReportKind, form: ReportInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.deliveringContract(user, id, manager);
      const reports = await manager.find(DeliveryReport, { where: { contractId: id }, order: { submittedAt: 'ASC' } });
      if (reports.some((report) => report.kind === 'end')) throw new ConflictException('The end report has already been submitted');
      const today = this.clock.today();
      let dueOn: string;
      if (kind === 'end') {
        dueOn = endReportDueOn(contract.endsOn!, null);
      } else {
        const submitted = reports.map((report) => londonDate(report.submittedAt));
        // The next report still owed; one sent when none is owed answers today.
        dueOn =
          progressReportSchedule(contract.startsOn!, contract.endsOn!, contract.reportIntervalWeeks, submitted, today).find(
            (report) => report.submittedOn === null,
          )?.dueOn ?? today;
      }
      const saved = await manager.save(DeliveryReport, { contractId: id, kind, dueOn, ...form, submittedByUserId: user.id });
      await this.audit.record(manager, {
        action: 'contract.report_submitted',
        entityType: 'contract',
        entityId: id,
        after: { reportId: saved.id, kind, dueOn, safeguardingConcern: form.safeguardingConcern },
      });
      await this.tellCommissioners(manager, contract, 'delivery-report-submitted', `delivery-report:${saved.id}`, {
        kind,
        safeguardingConcern: form.safeguardingConcern,
      });
    });
  }

  /** A baseline score with one of the contract's tools: one total per tool, or up to three GBO goals. */
  async addBaseline(user: SignedInUser, id: string, form: { tool: OutcomeTool; goal?: string; baseline: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const contract = await this.deliveringContract(user, id, manager);
      if (!contract.outcomeTools.includes(form.tool)) throw FormInvalidError.forField('tool', 'Select one of the outcome tools chosen for this contract');
      const existing = await manager.find(OutcomeMeasure, { where: { contractId: id, tool: form.tool } });
      const perGoal = OUTCOME_SCALES[form.tool].measures === 'goal';
      if (perGoal && existing.length >= MAX_GBO_GOALS) throw FormInvalidError.forField('tool', `A contract tracks at most ${MAX_GBO_GOALS} goals`);
      if (!perGoal && existing.length > 0) throw FormInvalidError.forField('tool', `The baseline ${form.tool} score is already recorded`);
      const problem = outcomeScoreProblem(form.tool, form.baseline, 'baseline');
      if (problem) throw FormInvalidError.forField('baseline', problem);
      const saved = await manager.save(OutcomeMeasure, {
        contractId: id,
        tool: form.tool,
        label: perGoal ? form.goal! : 'Total',
        baselineScore: Number(form.baseline),
        endScore: null,
        endRecordedAt: null,
      });
      await this.audit.record(manager, {
        action: 'contract.outcome_baseline_recorded',
        entityType: 'contract',
        entityId: id,
        after: { measureId: saved.id, tool: form.tool, baseline: saved.baselineScore },
      });
    });
  }

  /** End scores typed as `end-<measure id>`; blanks are left for later, and every bad score is reported at once. */
  async recordEndScores(user: SignedInUser, id: string, body: Record<string, unknown>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.deliveringContract(user, id, manager);
      const open = (await manager.find(OutcomeMeasure, { where: { contractId: id }, order: { tool: 'ASC', createdAt: 'ASC' } })).filter(
        (measure) => measure.endScore === null,
      );
      const errors: FieldError[] = [];
      const scores: Array<{ measure: OutcomeMeasure; score: number }> = [];
      for (const measure of open) {
        const field = `end-${measure.id}`;
        const raw = typeof body[field] === 'string' ? (body[field] as string).trim() : '';
        if (raw === '') continue;
        const problem = outcomeScoreProblem(measure.tool, raw, 'end');
        if (problem) errors.push({ field, href: `#${field}`, text: measure.label === 'Total' ? problem : `${problem} (goal: ${measure.label})` });
        else scores.push({ measure, score: Number(raw) });
      }
      if (errors.length) throw new FormInvalidError(errors);
      if (scores.length === 0)
        throw new FormInvalidError([
          { field: open[0] ? `end-${open[0].id}` : 'end', href: open[0] ? `#end-${open[0].id}` : '#main-content', text: 'Enter at least one end score' },
        ]);
      for (const { measure, score } of scores) {
        await manager.update(OutcomeMeasure, measure.id, { endScore: score, endRecordedAt: this.clock.now() });
        await this.audit.record(manager, {
          action: 'contract.outcome_end_recorded',
          entityType: 'contract',
          entityId: id,
          after: { measureId: measure.id, tool: measure.tool, baseline: measure.baselineScore, end: score },
        });
      }
      return scores.length;
    });
  }

  /** A planned ending completes the contract; an unplanned one ends it early. Either tells the commissioners. */
  async end(user: SignedInUser, id: string, form: { kind: EndingKind; reason: string; detail: string; endedOn: string }): Promise<'completed' | 'ended_early'> {
    if (!(form.reason in ENDING_REASONS[form.kind]))
      throw FormInvalidError.forField('reason', `Select a reason for ${form.kind === 'planned' ? 'a planned' : 'an unplanned'} ending`);
    return this.dataSource.transaction(async (manager) => {
      const contract = await this.deliveringContract(user, id, manager);
      if (form.endedOn < contract.startsOn! || form.endedOn > this.clock.today()) {
        throw FormInvalidError.forField('endedOn', 'The date of the last session must be between the contract’s start date and today', {
          href: '#endedOn-day',
        });
      }
      const reports = await manager.countBy(DeliveryReport, { contractId: id, kind: 'end' });
      const measures = await manager.find(OutcomeMeasure, { where: { contractId: id } });
      const problems = endingProblems(form.kind, {
        endReportSubmitted: reports > 0,
        toolsWithoutBaseline: contract.outcomeTools.filter((tool) => !measures.some((measure) => measure.tool === tool)),
        measuresWithoutEnd: measures.filter((measure) => measure.endScore === null).length,
      });
      if (problems.length) throw new FormInvalidError(problems.map((text) => ({ field: 'kind', href: '#kind', text })));
      const status = statusAfterEnding(form.kind);
      await this.contractTransition.transitionContract(manager, contract, status, {
        endingKind: form.kind,
        endingReason: form.reason,
        endingDetail: form.detail,
        endedOn: form.endedOn,
      });
      await this.audit.record(manager, {
        action: 'contract.ended',
        entityType: 'contract',
        entityId: id,
        before: { status: contract.status },
        after: { status, endingKind: form.kind, endingReason: form.reason, endedOn: form.endedOn },
      });
      await this.tellCommissioners(manager, contract, 'contract-ended', `contract-ended:${id}`, { status, planned: form.kind === 'planned' });
      return status;
    });
  }

  /**
   * Tells commissioners once about each report that is overdue: the latest
   * progress report owed on a running contract, and an end report not sent
   * within its grace period. Event keys keep it to one email per report.
   */
  async flagOverdueReports(): Promise<number> {
    const today = this.clock.today();
    const contracts: Array<{
      id: string;
      agency_id: string;
      status: string;
      starts_on: string;
      ends_on: string;
      ended_on: string | null;
      report_interval_weeks: number;
      progress: string[];
    }> = await this.dataSource.query(
      `SELECT c.id, c.agency_id, c.status, c.starts_on::text, c.ends_on::text, c.ended_on::text, c.report_interval_weeks,
              coalesce(array_agg((r.submitted_at AT TIME ZONE 'Europe/London')::date::text ORDER BY r.submitted_at) FILTER (WHERE r.kind = 'progress'), '{}') AS progress
         FROM contracts c LEFT JOIN delivery_reports r ON r.contract_id = c.id
        WHERE c.status IN ('active', 'exhausted', 'completed', 'ended_early') AND c.starts_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM delivery_reports e WHERE e.contract_id = c.id AND e.kind = 'end')
        GROUP BY c.id`,
    );
    let flagged = 0;
    for (const contract of contracts) {
      const endDue = endReportDueOn(contract.ends_on, contract.ended_on);
      const overdue =
        today > endDue
          ? { kind: 'end', dueOn: endDue }
          : DELIVERING.includes(contract.status)
            ? progressReportSchedule(contract.starts_on, contract.ends_on, contract.report_interval_weeks, contract.progress, today)
                .filter((report) => report.overdue)
                .map((report) => ({ kind: 'progress', dueOn: report.dueOn }))
                .at(-1)
            : undefined;
      if (!overdue) continue;
      await this.dataSource.transaction(async (manager) => {
        await this.tellCommissioners(
          manager,
          { id: contract.id, agencyId: contract.agency_id },
          'report-overdue',
          `report-overdue:${contract.id}:${overdue.kind}:${overdue.dueOn}`,
          { kind: overdue.kind, dueText: formatIsoDate(overdue.dueOn) },
        );
      });
      flagged++;
    }
    return flagged;
  }

  private async tellCommissioners(
    manager: EntityManager,
    contract: Pick<Contract, 'id' | 'agencyId'>,
    template: EmailTemplate,
    eventKey: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.notifications.fanOut(manager, {
      template,
      recipients: await this.userRecords.listAgencyCommissioners(manager, contract.agencyId),
      data: () => ({ ...data, contractId: contract.id }),
      eventKey,
    });
  }
}
