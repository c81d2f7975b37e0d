import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyRepository } from '../agencies/agency.repository';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { InvitationsService } from '../competitions/invitations.service';
import { FrameworkRepository } from '../frameworks/framework.repository';
import { membershipLifecycle, MembershipStatus } from '../frameworks/membership-lifecycle';
import { Membership } from '../frameworks/membership.entity';
import { MembershipRepository } from '../frameworks/membership.repository';
import { TherapyTypeRepository } from '../frameworks/therapy-type.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { UserRepository } from '../users/user.repository';

/** Changes a membership's status through its lifecycle, audited and emailed, in the caller's transaction. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly invitations: InvitationsService,
    private readonly membershipRows: MembershipRepository,
    private readonly frameworks: FrameworkRepository,
    private readonly therapyTypes: TherapyTypeRepository,
    private readonly agencies: AgencyRepository,
    private readonly users: UserRepository,
  ) {}

  async move(manager: EntityManager, membership: Membership, to: MembershipStatus, reason: string, options: { forCompliance: boolean }): Promise<void> {
    membershipLifecycle.assertMove(membership.status, to);
    await this.membershipRows.writeStatus(manager, membership.id, {
      status: to,
      statusReason: reason,
      statusChangedAt: this.clock.now(),
      suspendedForCompliance: to === 'suspended' && options.forCompliance,
    });
    await this.audit.record(manager, {
      action: `membership.${to === 'active' ? 'reinstated' : to}`,
      entityType: 'membership',
      entityId: membership.id,
      before: { status: membership.status },
      after: { status: to, reason, automatic: options.forCompliance },
      ...(options.forCompliance ? { actor: null } : {}),
    });
    if (to === 'removed') return;
    // Back in the lot: invited to whatever is still open for bids there (BR-4).
    if (to === 'active') await this.invitations.inviteToOpenRequirements(manager, membership);
    // One after another: a transaction's client runs one statement at a time.
    const framework = await this.frameworks.findByIdOrFail(membership.frameworkId, manager);
    const lot = await this.therapyTypes.findByIdOrFail(membership.therapyTypeId, manager);
    const recipients = await this.users.listActiveOfProvider(membership.providerId, manager);
    await this.notifications.fanOut(manager, {
      template: to === 'suspended' ? 'membership-suspended' : 'membership-reinstated',
      recipients,
      data: () => ({ frameworkName: framework.name, lotName: lot.name, reason }),
    });
  }

  /** A framework manager suspends, reinstates or removes a member of their own partnership's framework. */
  async change(user: SignedInUser, id: string, to: MembershipStatus, reason: string): Promise<Membership> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.membershipRows.lockById(manager, id);
      const framework = membership ? await this.frameworks.findById(membership.frameworkId, manager) : null;
      const agency = user.agencyId ? await this.agencies.findById(user.agencyId, manager) : null;
      if (!membership || !framework || framework.partnershipId !== agency?.partnershipId) throw new NotFoundException();
      await this.move(manager, membership, to, reason, { forCompliance: false });
      return { ...membership, status: to };
    });
  }
}
