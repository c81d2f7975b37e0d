import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { OPENED_BIDS } from '../bids/sealed-bid-gate';
import { Requirement } from '../competitions/requirement.entity';
import { findOneJoined } from '../common/database/find-one-joined';
import { Framework } from '../frameworks/framework.entity';
import { Membership } from '../frameworks/membership.entity';
import { TherapyType } from '../frameworks/therapy-type.entity';
import { PanelMeeting } from '../panel/panel.entities';
import { ProviderOrganisation } from '../providers/provider-organisation.entity';
import { User } from '../users/user.entity';

/** The winning bid's terms, read through the sealed-bid gate's opened view. */
export interface WinningBidRow {
  providerId: string;
  practitionerIds: string[];
  totalPence: number;
}

/** A provider admitted to a lot. */
export interface AdmittedProviderRow {
  id: string;
  name: string;
}

/**
 * Read-only: the rows of other features an award decision or a direct award
 * needs (the requirement it decides, its framework and lot, the meeting, the
 * bidders). Nothing here writes; those features change their own tables.
 */
@Injectable()
export class AwardContextRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the requirement row, so two decisions on it queue. */
  async lockRequirement(requirementId: string, manager: EntityManager): Promise<void> {
    await manager.query('SELECT 1 FROM requirements WHERE id = $1 FOR UPDATE', [requirementId]);
  }

  findRequirementWithAgency(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement | null> {
    return findOneJoined(manager, Requirement, { where: { id: requirementId }, relations: { agency: true } });
  }

  findRequirement(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement | null> {
    return manager.findOneBy(Requirement, { id: requirementId });
  }

  findRequirementOrFail(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement> {
    return manager.findOneByOrFail(Requirement, { id: requirementId });
  }

  findMeeting(meetingId: string, partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelMeeting | null> {
    return manager.findOneBy(PanelMeeting, { id: meetingId, partnershipId });
  }

  findProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderOrganisation | null> {
    return manager.findOneBy(ProviderOrganisation, { id: providerId });
  }

  findProviderOrFail(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderOrganisation> {
    return manager.findOneByOrFail(ProviderOrganisation, { id: providerId });
  }

  findFrameworkOrFail(frameworkId: string, manager: EntityManager = this.dataSource.manager): Promise<Framework> {
    return manager.findOneByOrFail(Framework, { id: frameworkId });
  }

  findTherapyTypeOrFail(therapyTypeId: string, manager: EntityManager = this.dataSource.manager): Promise<TherapyType> {
    return manager.findOneByOrFail(TherapyType, { id: therapyTypeId });
  }

  findAgencyOrFail(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<Agency> {
    return manager.findOneByOrFail(Agency, { id: agencyId });
  }

  /** Every membership (current or removed) of the provider on the lot. */
  findMemberships(
    lot: { frameworkId: string; therapyTypeId: string },
    providerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Membership[]> {
    return manager.findBy(Membership, { frameworkId: lot.frameworkId, therapyTypeId: lot.therapyTypeId, providerId });
  }

  /** The active providers with an active membership of the lot, by name. */
  admittedProviders(lot: { frameworkId: string; therapyTypeId: string }, manager: EntityManager = this.dataSource.manager): Promise<AdmittedProviderRow[]> {
    return manager.query(
      `SELECT p.id, p.name FROM memberships m JOIN provider_organisations p ON p.id = m.provider_id
        WHERE m.framework_id = $1 AND m.therapy_type_id = $2 AND m.status = 'active' AND p.status = 'active' ORDER BY p.name`,
      [lot.frameworkId, lot.therapyTypeId],
    );
  }

  /** The winning bid's provider, practitioners and total, if the bid is open. */
  async winningBid(bidId: string | null, manager: EntityManager = this.dataSource.manager): Promise<WinningBidRow | undefined> {
    const [winner] = (await manager.query(
      `SELECT provider_id AS "providerId", practitioner_ids AS "practitionerIds", total_pence AS "totalPence" FROM ${OPENED_BIDS} WHERE bid_id = $1`,
      [bidId],
    )) as WinningBidRow[];
    return winner;
  }

  /** The active users of every provider that bid on the requirement. */
  activeBidderUsers(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return manager
      .createQueryBuilder(User, 'user')
      .where(`user.status = 'active' AND user.provider_id IN (SELECT o.provider_id FROM ${OPENED_BIDS} o WHERE o.requirement_id = :requirementId)`, {
        requirementId,
      })
      .getMany();
  }

  activeProviderUsers(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return manager.find(User, { where: { providerId, status: 'active' } });
  }
}
