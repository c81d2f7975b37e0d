import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { formatDateTime } from '../common/views/format';
import { insuranceCoverExpiresOnSql } from '../compliance/insurance-cover';
import { NotificationsService } from '../notifications/notifications.service';
import { User } from '../users/user.entity';
import { DebarmentService } from '../debarment/debarment.service';
import { onMandatoryGround } from '../debarment/debarment-rules';
import { isEligibleForInvitation } from './competition-rules';
import { Invitation } from './invitation.entity';
import type { Requirement } from './requirement.entity';
import { openForBidsSql } from './requirement-lifecycle';

interface CandidateRow {
  provider_id: string;
  membership_status: 'active' | 'suspended' | 'removed';
  provider_status: string;
  provider_name: string;
  companies_house_number: string | null;
  covers_area: boolean;
  insurance_expires_on: string | null;
}

/** The active users of every provider invited to a requirement; callers narrow it further. */
export function invitedUsers(manager: EntityManager, requirementId: string): SelectQueryBuilder<User> {
  return manager
    .createQueryBuilder(User, 'user')
    .innerJoin(Invitation, 'invitation', 'invitation.providerId = user.providerId AND invitation.requirementId = :requirementId', { requirementId })
    .where(`user.status = 'active'`);
}

/** BR-4: who is invited to bid, at publication and when a provider joins the lot while a requirement is open. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly debarment: DebarmentService,
  ) {}

  /**
   * The lot's current members and the facts that decide eligibility, in one
   * query; the rule itself is the pure isEligibleForInvitation.
   */
  private async candidates(manager: EntityManager, requirement: Requirement, providerId?: string): Promise<CandidateRow[]> {
    return manager.query(
      `SELECT m.provider_id, m.status AS membership_status, p.status AS provider_status, p.name AS provider_name, p.companies_house_number,
              EXISTS (SELECT 1 FROM provider_areas pa WHERE pa.provider_id = m.provider_id AND pa.area_id = $3) AS covers_area,
              ${insuranceCoverExpiresOnSql('m.provider_id')} AS insurance_expires_on
         FROM memberships m
         JOIN provider_organisations p ON p.id = m.provider_id
        WHERE m.framework_id = $1 AND m.therapy_type_id = $2 AND m.status <> 'removed'
          AND ($4::uuid IS NULL OR m.provider_id = $4)`,
      [requirement.frameworkId, requirement.therapyTypeId, requirement.areaId, providerId ?? null],
    );
  }

  /** Invites every eligible provider and queues their emails, inside the publishing transaction. */
  async inviteAll(manager: EntityManager, requirement: Requirement): Promise<{ invited: number; emails: number }> {
    const today = this.clock.today();
    const rows = await this.candidates(manager, requirement);
    const debarred = await this.debarredOnMandatoryGround(manager, requirement, rows);
    const eligible = rows.filter((row) => isEligibleForInvitation(this.toCandidate(row, debarred), today));
    return this.inviteMany(
      manager,
      requirement,
      eligible.map((row) => row.provider_id),
      'published',
    );
  }

  /**
   * A provider newly admitted to (or reinstated in) a lot is invited to every
   * requirement still open for bids in that lot (BR-4).
   */
  async inviteToOpenRequirements(manager: EntityManager, membership: { frameworkId: string; therapyTypeId: string; providerId: string }): Promise<number> {
    const open: Requirement[] = await manager.query(
      `SELECT id, title, framework_id AS "frameworkId", therapy_type_id AS "therapyTypeId", area_id AS "areaId", bid_deadline AS "bidDeadline"
         FROM requirements r
        WHERE r.framework_id = $1 AND r.therapy_type_id = $2 AND ${openForBidsSql('r')}
          AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.requirement_id = r.id AND i.provider_id = $3)`,
      [membership.frameworkId, membership.therapyTypeId, membership.providerId],
    );
    const today = this.clock.today();
    let invited = 0;
    for (const requirement of open) {
      const [row] = await this.candidates(manager, requirement, membership.providerId);
      if (row && isEligibleForInvitation(this.toCandidate(row, await this.debarredOnMandatoryGround(manager, requirement, [row])), today)) {
        await this.invite(manager, requirement, membership.providerId, 'joined_later');
        invited++;
      }
    }
    return invited;
  }

  private toCandidate(row: CandidateRow, debarred: ReadonlySet<string>) {
    return {
      membershipStatus: row.membership_status,
      providerStatus: row.provider_status,
      coversArea: row.covers_area,
      insuranceExpiresOn: row.insurance_expires_on,
      debarredOnMandatoryGround: debarred.has(row.provider_id),
    };
  }

  /** The candidates on the partnership's debarment list on a mandatory ground today (PA 2023 s.57(1)(b)). */
  private async debarredOnMandatoryGround(manager: EntityManager, requirement: Pick<Requirement, 'frameworkId'>, rows: CandidateRow[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const [{ partnership_id: partnershipId }] = await manager.query('SELECT partnership_id FROM frameworks WHERE id = $1', [requirement.frameworkId]);
    const matches = await this.debarment.matchesFor(
      manager,
      partnershipId,
      rows.map((row) => ({ id: row.provider_id, name: row.provider_name, companiesHouseNumber: row.companies_house_number })),
    );
    return new Set([...matches].filter(([, entries]) => onMandatoryGround(entries)).map(([id]) => id));
  }

  private async invite(
    manager: EntityManager,
    requirement: Pick<Requirement, 'id' | 'title' | 'bidDeadline'>,
    providerId: string,
    reason: Invitation['reason'],
  ): Promise<number> {
    return (await this.inviteMany(manager, requirement, [providerId], reason)).emails;
  }

  /**
   * Invitations for the providers and an email to each of their active users,
   * in a fixed number of statements however many providers there are, so
   * publishing to 2,000 of them stays inside one short transaction.
   */
  private async inviteMany(
    manager: EntityManager,
    requirement: Pick<Requirement, 'id' | 'title' | 'bidDeadline'>,
    providerIds: string[],
    reason: Invitation['reason'],
  ): Promise<{ invited: number; emails: number }> {
    if (!providerIds.length) return { invited: 0, emails: 0 };
    const invited: Array<{ provider_id: string; emails_queued: number }> = await manager.query(
      `INSERT INTO invitations (requirement_id, provider_id, reason, emails_queued)
       SELECT $1, provider.id, $3, (SELECT count(*) FROM users u WHERE u.provider_id = provider.id AND u.status = 'active')
         FROM unnest($2::uuid[]) AS provider(id)
       ON CONFLICT (requirement_id, provider_id) DO NOTHING
       RETURNING provider_id, emails_queued`,
      [requirement.id, providerIds, reason],
    );
    if (!invited.length) return { invited: 0, emails: 0 };
    const recipients = await manager.find(User, { where: { providerId: In(invited.map((row) => row.provider_id)), status: 'active' } });
    await this.notifications.fanOut(manager, {
      template: 'requirement-invitation',
      recipients,
      data: () => ({ title: requirement.title, deadline: formatDateTime(requirement.bidDeadline), requirementId: requirement.id }),
      eventKey: `requirement-invitation:${requirement.id}`,
    });
    await this.audit.recordAll(
      manager,
      invited.map((row) => ({
        action: 'invitation.created',
        entityType: 'requirement',
        entityId: requirement.id,
        after: { providerId: row.provider_id, reason, emails: row.emails_queued },
      })),
    );
    return { invited: invited.length, emails: recipients.length };
  }
}
