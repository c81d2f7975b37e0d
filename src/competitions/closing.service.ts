import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, EntityManager, In } from 'typeorm';
import { practitionerProblem } from '../applications/application-rules';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock/clock';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { formatDateTime } from '../common/views/format';
import { AppConfig } from '../config/app-config';
import { insuranceCoverExpiresOnSql } from '../compliance/insurance-cover';
import { NotificationsService } from '../notifications/notifications.service';
import { UserRepository } from '../users/user.repository';
import { Practitioner } from '../providers/practitioner.entity';
import { CLOSING_SOON_HOURS } from './competition-rules';
import { invitedUsers } from './invitations.service';
import { Requirement } from './requirement.entity';
import { transitionRequirement } from './requirement-transition';
import { flagOpenedBid, OPENED_BIDS, providerHasActed } from '../bids/sealed-bid-gate';

/** Requirements claimed, re-checked and closed per transaction. */
const CLOSING_BATCH = 100;

interface RecheckedBid {
  id: string;
  requirementId: string;
  providerId: string;
  practitionerIds: string[];
  activeMember: boolean;
  insured: boolean;
}

/**
 * The deadline's scheduled work: closing requirements whose bid deadline has
 * passed, and the 48-hour reminder. Rows are claimed with SKIP LOCKED, so
 * several instances can run it at once without doing anything twice.
 */
@Injectable()
export class ClosingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly userRecords: UserRepository,
  ) {}

  async run(): Promise<{ closed: number; reminded: number } | null> {
    const closed = await this.closeDue();
    const reminded = await this.remindDue();
    return closed || reminded ? { closed, reminded } : null;
  }

  /**
   * Closes every published requirement past its deadline. Requirements are
   * claimed CLOSING_BATCH at a time and their bids re-checked in one
   * statement; each closes inside a savepoint of its own, so one that fails
   * is rolled back alone, skipped for the rest of the run and reported at the end.
   */
  async closeDue(): Promise<number> {
    let closed = 0;
    const failed: Array<{ id: string; error: unknown }> = [];
    for (;;) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ id: string }> = await manager.query(
          `SELECT id FROM requirements WHERE status = 'published' AND bid_deadline <= clock_timestamp() AND NOT (id = ANY($2::uuid[]))
            ORDER BY bid_deadline LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [CLOSING_BATCH, failed.map((failure) => failure.id)],
        );
        if (!rows.length) return 0;
        const requirements = await manager.findBy(Requirement, { id: In(rows.map((row) => row.id)) });
        const today = this.clock.today();
        const bids = await this.recheckedBids(
          manager,
          requirements.map((requirement) => requirement.id),
          today,
        );
        const practitioners = await manager.find(Practitioner, { where: { id: In([...new Set(bids.flatMap((bid) => bid.practitionerIds))]) } });
        const byId = new Map(practitioners.map((practitioner) => [practitioner.id, practitioner]));
        for (const requirement of requirements) {
          try {
            await manager.transaction((savepoint) =>
              this.close(
                savepoint,
                requirement,
                bids.filter((bid) => bid.requirementId === requirement.id),
                byId,
                today,
              ),
            );
            closed++;
          } catch (error) {
            failed.push({ id: requirement.id, error });
          }
        }
        return requirements.length;
      });
      if (!claimed) break;
    }
    if (failed.length)
      throw new AggregateError(
        failed.map((failure) => failure.error),
        `Closing failed for requirement(s) ${failed.map((failure) => failure.id).join(', ')}; ${closed} closed`,
      );
    return closed;
  }

  /**
   * The latest submitted version of every bid on the requirements, with the
   * set-based half of BR-7 at the deadline: whether the bidder is still an
   * active member of the lot and holds every insurance type in date.
   */
  private recheckedBids(manager: EntityManager, requirementIds: string[], today: string): Promise<RecheckedBid[]> {
    // The latest submitted version counts, not any later unsubmitted edits to the working copy.
    return manager.query(
      `SELECT o.bid_id AS id, o.requirement_id AS "requirementId", o.provider_id AS "providerId", o.practitioner_ids AS "practitionerIds",
              EXISTS (SELECT 1 FROM memberships m
                       WHERE m.framework_id = r.framework_id AND m.therapy_type_id = r.therapy_type_id AND m.provider_id = o.provider_id AND m.status = 'active') AS "activeMember",
              COALESCE(${insuranceCoverExpiresOnSql('o.provider_id')} >= $2, false) AS insured
         FROM ${OPENED_BIDS} o
         JOIN requirements r ON r.id = o.requirement_id
        WHERE o.requirement_id = ANY($1::uuid[]) AND o.status = 'submitted'`,
      [requirementIds, today],
    );
  }

  /**
   * BR-7 and BR-18 at the deadline: closes the requirement through its
   * lifecycle, flags each bid whose bidder's membership or insurance has
   * lapsed or whose named practitioners are no longer registered, qualified
   * and DBS-checked, and tells the commissioners and panel.
   */
  private async close(
    manager: EntityManager,
    requirement: Requirement,
    bids: RecheckedBid[],
    practitioners: Map<string, Practitioner>,
    today: string,
  ): Promise<void> {
    await transitionRequirement(manager, requirement.id, requirement.status, 'closed', { closedAt: this.clock.now() });
    let flagged = 0;
    for (const bid of bids) {
      const problems: string[] = [];
      if (!bid.activeMember) problems.push('The provider’s membership of the lot is no longer active');
      if (!bid.insured) problems.push('The provider’s insurance has expired or is missing');
      for (const id of bid.practitionerIds) {
        const practitioner = practitioners.get(id);
        if (!practitioner || practitioner.providerId !== bid.providerId) problems.push('A named practitioner is no longer registered with the provider');
        else if (!practitioner.therapyTypeIds.includes(requirement.therapyTypeId))
          problems.push(`${practitioner.fullName} is no longer recorded as qualified for this lot`);
        else {
          const problem = practitionerProblem(practitioner, today);
          if (problem) problems.push(problem);
        }
      }
      if (problems.length) {
        flagged++;
        await flagOpenedBid(manager, bid.id, problems);
        await this.audit.record(manager, { action: 'bid.flagged_at_deadline', entityType: 'bid', entityId: bid.id, after: { problems }, actor: null });
      }
    }
    await this.audit.record(manager, {
      action: 'requirement.closed',
      entityType: 'requirement',
      entityId: requirement.id,
      before: { status: 'published' },
      after: { status: 'closed', bids: bids.length, flagged },
      actor: null,
    });
    await this.notifications.fanOut(manager, {
      template: 'requirement-closed',
      recipients: await this.userRecords.listCommissionersAndPanel(manager, requirement.agencyId),
      data: (recipient) => ({
        title: requirement.title,
        deadline: formatDateTime(requirement.bidDeadline),
        bidCount: bids.length,
        oneBid: bids.length === 1,
        flagged,
        oneFlagged: flagged === 1,
        requirementId: requirement.id,
        // Each is sent to the pages they can open: the agency's bids for its commissioners, the evaluation for the panel.
        commissioner: recipient.roles.includes('commissioner') && recipient.agencyId === requirement.agencyId,
        panelMember: recipient.roles.includes('panel_member'),
      }),
      eventKey: `requirement-closed:${requirement.id}`,
    });
  }

  /** Invitees who have not submitted get one reminder when bids are 48 hours from closing. */
  async remindDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: Array<{ id: string; title: string; bid_deadline: Date }> = await manager.query(
        `SELECT id, title, bid_deadline FROM requirements
          WHERE status = 'published' AND reminded_at IS NULL AND bid_deadline > now() AND bid_deadline <= now() + interval '${CLOSING_SOON_HOURS} hours'
          FOR UPDATE SKIP LOCKED`,
      );
      let emails = 0;
      for (const requirement of due) {
        const recipients = await invitedUsers(manager, requirement.id)
          .andWhere(`NOT ${providerHasActed(':requirementId', 'user.providerId')}`)
          .getMany();
        emails += await this.notifications.fanOut(manager, {
          template: 'bid-reminder',
          recipients,
          data: () => ({ title: requirement.title, deadline: formatDateTime(requirement.bid_deadline), requirementId: requirement.id }),
          eventKey: `bid-reminder:${requirement.id}`,
          // Who is reminded shows who has not bid, so who has.
          withheldUntil: requirement.bid_deadline,
        });
        await manager.update(Requirement, requirement.id, { remindedAt: this.clock.now() });
      }
      return emails;
    });
  }
}

/** Closes requirements at their deadline and sends reminders, every minute. */
@Injectable()
export class ClosingScheduler extends IntervalJob {
  constructor(
    private readonly closing: ClosingService,
    config: AppConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('Closing requirements', 60 * 1000, config, logger);
  }

  protected runOnce() {
    return this.closing.run();
  }
}
