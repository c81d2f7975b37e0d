import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { partnershipIdOf } from '../common/auth/partnership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { TherapyTypesService } from '../frameworks/therapy-types.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ProvidersService } from '../providers/providers.service';
import type { Role } from '../users/role';
import { QueueSection, toSection } from './work-queue';
import { QUEUE_LIMIT, WORK_QUEUES } from './work-queues';
import { effectiveStatusInSql, openForBidsSql } from '../competitions/requirement-lifecycle';

/** Gathers what each role's dashboard shows. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly therapyTypes: TherapyTypesService,
    private readonly providers: ProvidersService,
    private readonly notifications: NotificationsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The role's work queue: each WORK_QUEUES entry for the role that has tasks, in order. */
  async workQueue(user: SignedInUser, role: Role): Promise<{ sections: QueueSection[]; total: number }> {
    const manager = this.dataSource.manager;
    const today = this.clock.today();
    let partnership: Promise<string> | undefined;
    const context = {
      manager,
      user,
      today,
      partnershipId: () => (partnership ??= partnershipIdOf(manager, user)),
      service: <T>(type: new (...args: never[]) => T) => this.moduleRef.get(type, { strict: false }),
    };
    const queues = WORK_QUEUES.filter((queue) => queue.role === role);
    const results = await Promise.all(queues.map((queue) => queue.items(context)));
    const sections = queues
      .map((queue, index) => {
        const result = results[index];
        const { items, total } = Array.isArray(result) ? { items: result, total: result.length } : result;
        return toSection(queue.id, queue.heading, items, today, { dueLabel: queue.dueLabel, moreHref: queue.moreHref, total, limit: QUEUE_LIMIT });
      })
      .filter((section) => section.count > 0);
    return { sections, total: sections.reduce((sum, section) => sum + section.count, 0) };
  }

  async provider(user: SignedInUser) {
    const providerId = user.providerId!;
    const [organisation, colleagues] = await Promise.all([this.providers.getOrganisation(providerId), this.providers.listColleagues(providerId)]);
    const memberships = await this.dataSource.query(
      `SELECT t.name AS lot_name, f.name AS framework_name, m.status, m.status_reason
         FROM memberships m JOIN therapy_types t ON t.id = m.therapy_type_id JOIN frameworks f ON f.id = m.framework_id
        WHERE m.provider_id = $1 AND m.status <> 'removed' ORDER BY f.name, t.sort_order`,
      [providerId],
    );
    return {
      organisation,
      colleagueCount: colleagues.length,
      isAdmin: user.isProviderAdmin,
      memberships: memberships.map((row: { status: string }) => ({ ...row, active: row.status === 'active' })),
    };
  }

  async agencyStaff(user: SignedInUser) {
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.status = 'draft')::int AS drafts,
              count(*) FILTER (WHERE ${openForBidsSql('r')})::int AS open,
              count(*) FILTER (WHERE ${effectiveStatusInSql('r', ['closed'])})::int AS closed,
              (SELECT count(*)::int FROM requirement_clarifications c JOIN requirements q ON q.id = c.requirement_id
                WHERE q.agency_id = $1 AND c.answered_at IS NULL AND ${openForBidsSql('q')}) AS unanswered
         FROM requirements r WHERE r.agency_id = $1`,
      [user.agencyId],
    );
    return { agency: await this.agencies.findAgencyWithAreas(user.agencyId), requirements: counts };
  }

  /** The manager's own partnership: its agencies and the providers it deals with, never another partnership's. */
  async frameworkManager(user: SignedInUser) {
    const partnershipId = await partnershipIdOf(this.dataSource.manager, user);
    const [agencies, therapyTypes, providers] = await Promise.all([
      this.agencies.listAgenciesWithAreas(partnershipId),
      this.therapyTypes.listActive(),
      this.providers.listOrganisationsDealingWith(partnershipId),
    ]);
    return { agencies, therapyTypes, providers };
  }

  async admin() {
    return { outbox: await this.notifications.outboxState() };
  }
}
