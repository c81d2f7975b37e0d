import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { partnershipIdOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { TherapyTypesService } from '../frameworks/therapy-types.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ProvidersService } from '../providers/providers.service';
import type { Role } from '../users/role';
import { HomeRepository } from './home.repository';
import { QueueSection, toSection } from './work-queue';
import { QUEUE_LIMIT, WORK_QUEUES } from './work-queues';

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
    private readonly reads: HomeRepository,
  ) {}

  /** The role's work queue: each WORK_QUEUES entry for the role that has tasks, in order. */
  async workQueue(user: SignedInUser, role: Role): Promise<{ sections: QueueSection[]; total: number }> {
    const manager = this.dataSource.manager;
    const today = this.clock.today();
    let partnership: Promise<string> | undefined;
    const context = {
      manager,
      reads: this.reads,
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
    const memberships = await this.reads.findProviderMemberships(providerId);
    return {
      organisation,
      colleagueCount: colleagues.length,
      isAdmin: user.isProviderAdmin,
      memberships: memberships.map((row) => ({ ...row, active: row.status === 'active' })),
    };
  }

  async agencyStaff(user: SignedInUser) {
    const counts = await this.reads.countAgencyRequirements(user.agencyId);
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
