import { Clock } from '../common/clock/clock';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { InvitationsService } from '../competitions/invitations.service';
import { Framework } from '../frameworks/framework.entity';
import { membershipLifecycle, MembershipStatus } from '../frameworks/membership-lifecycle';
import { Membership } from '../frameworks/membership.entity';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { User } from '../users/user.entity';

/** Changes a membership's status through its lifecycle, audited and emailed, in the caller's transaction. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly invitations: InvitationsService,
  ) {}

  async move(manager: EntityManager, membership: Membership, to: MembershipStatus, reason: string, options: { forCompliance: boolean }): Promise<void> {
    membershipLifecycle.assertMove(membership.status, to);
    await manager.update(Membership, membership.id, {
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
    const framework = await manager.findOneByOrFail(Framework, { id: membership.frameworkId });
    const lot = await manager.findOneByOrFail(TherapyType, { id: membership.therapyTypeId });
    const recipients = await manager.find(User, { where: { providerId: membership.providerId, status: 'active' } });
    await this.notifications.fanOut(manager, {
      template: to === 'suspended' ? 'membership-suspended' : 'membership-reinstated',
      recipients,
      data: () => ({ frameworkName: framework.name, lotName: lot.name, reason }),
    });
  }

  /** A framework manager suspends, reinstates or removes a member of their own partnership's framework. */
  async change(user: SignedInUser, id: string, to: MembershipStatus, reason: string): Promise<Membership> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await manager.findOne(Membership, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const framework = membership ? await manager.findOneBy(Framework, { id: membership.frameworkId }) : null;
      const agency = user.agencyId ? await manager.findOneBy(Agency, { id: user.agencyId }) : null;
      if (!membership || !framework || framework.partnershipId !== agency?.partnershipId) throw new NotFoundException();
      await this.move(manager, membership, to, reason, { forCompliance: false });
      return { ...membership, status: to };
    });
  }
}
