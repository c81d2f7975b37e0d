import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, EntityManager, In } from 'typeorm';
import { practitionerProblem } from '../applications/application-rules';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/calendar/working-days';
import { IntervalJob } from '../common/jobs/interval-job';
import { LOGGER } from '../common/logging/logger.module';
import { formatDateTime } from '../common/views/format';
import { AppConfig } from '../config/app-config';
import { INSURANCE_TYPES } from '../documents/compliance-document.entity';
import { Membership } from '../frameworks/membership.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { commissionersAndPanel } from '../users/recipients';
import { Practitioner } from '../providers/practitioner.entity';
import { CLOSING_SOON_HOURS } from './competition-rules';
import { invitedUsers } from './invitations.service';
import { Requirement } from './requirement.entity';
import { flagOpenedBid, OPENED_BIDS, providerHasActed } from '../bids/sealed-bid-gate';

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
  ) {}

  async run(): Promise<{ closed: number; reminded: number } | null> {
    const closed = await this.closeDue();
    const reminded = await this.remindDue();
    return closed || reminded ? { closed, reminded } : null;
  }

  /** Closes every published requirement past its deadline, one per transaction. */
  async closeDue(): Promise<number> {
    let closed = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const [row] = await manager.query(
          `SELECT id FROM requirements WHERE status = 'published' AND bid_deadline <= clock_timestamp() ORDER BY bid_deadline LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!row) return false;
        await this.close(manager, await manager.findOneByOrFail(Requirement, { id: row.id }));
        return true;
      });
      if (!done) return closed;
      closed++;
    }
  }

  /**
   * BR-7 and BR-18 at the deadline: re-checks each bidder's membership and
   * insurance and each named practitioner's registration, qualification and
   * DBS, flags invalid bids for the panel, and tells the commissioners and panel.
   */
  private async close(manager: EntityManager, requirement: Requirement): Promise<void> {
    await manager.update(Requirement, requirement.id, { status: 'closed', closedAt: new Date() });
    // The latest submitted version counts, not any later unsubmitted edits to the working copy.
    const bids: Array<{ id: string; providerId: string; practitionerIds: string[] }> = await manager.query(
      `SELECT o.bid_id AS id, o.provider_id AS "providerId", o.practitioner_ids AS "practitionerIds"
         FROM ${OPENED_BIDS} o
        WHERE o.requirement_id = $1 AND o.status = 'submitted'`,
      [requirement.id],
    );
    const today = londonDate(new Date());
    const providerIds = bids.map((bid) => bid.providerId);
    // One after another: a transaction's client runs one statement at a time.
    const activeMembers = await manager.find(Membership, { where: { frameworkId: requirement.frameworkId, therapyTypeId: requirement.therapyTypeId, providerId: In(providerIds), status: 'active' } });
    const practitioners = await manager.find(Practitioner, { where: { id: In(bids.flatMap((bid) => bid.practitionerIds)) } });
    const insured: Array<{ provider_id: string }> = await manager.query(
      `SELECT provider_id FROM compliance_documents WHERE provider_id = ANY($1) AND type = ANY($2) AND expires_on >= $3
        GROUP BY provider_id HAVING count(DISTINCT type) = $4`,
      [providerIds, INSURANCE_TYPES, today, INSURANCE_TYPES.length],
    );
    const members = new Set(activeMembers.map((membership) => membership.providerId));
    const insuredProviders = new Set(insured.map((row) => row.provider_id));
    const byId = new Map(practitioners.map((practitioner) => [practitioner.id, practitioner]));
    let flagged = 0;
    for (const bid of bids) {
      const problems: string[] = [];
      if (!members.has(bid.providerId)) problems.push('The provider’s membership of the lot is no longer active');
      if (!insuredProviders.has(bid.providerId)) problems.push('The provider’s insurance has expired or is missing');
      for (const id of bid.practitionerIds) {
        const practitioner = byId.get(id);
        if (!practitioner || practitioner.providerId !== bid.providerId) problems.push('A named practitioner is no longer registered with the provider');
        else if (!practitioner.therapyTypeIds.includes(requirement.therapyTypeId)) problems.push(`${practitioner.fullName} is no longer recorded as qualified for this lot`);
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
    await this.audit.record(manager, { action: 'requirement.closed', entityType: 'requirement', entityId: requirement.id, before: { status: 'published' }, after: { status: 'closed', bids: bids.length, flagged }, actor: null });
    await this.notifications.fanOut(manager, {
      template: 'requirement-closed',
      recipients: await commissionersAndPanel(manager, requirement.agencyId),
      data: (recipient) => ({
        title: requirement.title, deadline: formatDateTime(requirement.bidDeadline), bidCount: bids.length, oneBid: bids.length === 1, flagged, oneFlagged: flagged === 1, requirementId: requirement.id,
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
        await manager.update(Requirement, requirement.id, { remindedAt: new Date() });
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
