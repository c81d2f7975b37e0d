import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { User } from '../users/user.entity';
import { PanelMember } from './panel.entities';
import type { Profession } from './quorum';

/** A panel member as a meeting's attendee list and the quorum rule see them. */
export interface AttendeeView {
  id: string;
  fullName: string;
  profession: PanelMember['profession'];
  agencyId: string;
  agencyName: string;
}

/** A chair of the partnership's panel, and whether they have declared, or declared a conflict, on a requirement. */
export interface ChairDeclaration {
  declared: boolean;
  conflicted: boolean;
}

/** A member as the system admin's panel page lists them. */
export interface PanelMemberListing {
  id: string;
  fullName: string;
  email: string;
  agency: string;
  profession: Profession;
  isChair: boolean;
  isAlternateChair: boolean;
  active: boolean;
}

/** Someone with the panel member role in the partnership who is not on the panel yet. */
export interface PanelCandidate {
  id: string;
  fullName: string;
  agency: string;
}

/** A new seat on the panel. */
export interface NewPanelMember {
  userId: string;
  partnershipId: string;
  agencyId: string;
  profession: Profession;
  isChair: boolean;
  isAlternateChair: boolean;
}

/** The panel's membership (panel_members): who sits, in which profession, who chairs, and their declarations as the panel's rules read them. */
@Injectable()
export class PanelMemberRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The person's active seat on a panel, if any. */
  findActiveByUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelMember | null> {
    return manager.findOneBy(PanelMember, { userId, active: true });
  }

  /** The partnership's active chairs, each with whether they declared, and declared a conflict, on the requirement. */
  chairDeclarations(partnershipId: string, requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<ChairDeclaration[]> {
    return manager.query(
      `SELECT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = $2 AND d.user_id = m.user_id) AS declared,
              EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = $2 AND d.user_id = m.user_id AND d.conflicted) AS conflicted
         FROM panel_members m WHERE m.partnership_id = $1 AND m.active AND m.is_chair`,
      [partnershipId, requirementId],
    );
  }

  /** The partnership's active members, by name. */
  activeAttendeesOf(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<AttendeeView[]> {
    return this.attendeeViews(manager, 'm.partnership_id = $1 AND m.active', [partnershipId]);
  }

  /** Every member the partnership has had, including those who stood down, by name. */
  everyAttendeeOf(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<AttendeeView[]> {
    return this.attendeeViews(manager, 'm.partnership_id = $1', [partnershipId]);
  }

  /** The members given, active or not, by name. */
  attendeesByIds(memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<AttendeeView[]> {
    return this.attendeeViews(manager, 'm.id = ANY($1)', [memberIds]);
  }

  private attendeeViews(manager: EntityManager, where: string, params: unknown[]): Promise<AttendeeView[]> {
    return manager.query(
      `SELECT m.id, u.full_name AS "fullName", m.profession, m.agency_id AS "agencyId", a.name AS "agencyName"
         FROM panel_members m JOIN users u ON u.id = m.user_id JOIN agencies a ON a.id = m.agency_id
        WHERE ${where} ORDER BY u.full_name`,
      params,
    );
  }

  /** For each requirement, which of the given members declared a conflict of interest on it. */
  async conflictedOn(requirementIds: string[], memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string[]>> {
    if (requirementIds.length === 0 || memberIds.length === 0) return new Map();
    const rows: Array<{ requirement_id: string; members: string[] }> = await manager.query(
      `SELECT d.requirement_id, array_agg(DISTINCT m.id) AS members FROM conflict_declarations d JOIN panel_members m ON m.user_id = d.user_id
        WHERE d.conflicted AND d.requirement_id = ANY($1) AND m.id = ANY($2) GROUP BY d.requirement_id`,
      [requirementIds, memberIds],
    );
    return new Map(rows.map((row) => [row.requirement_id, row.members]));
  }

  /** Every partnership, by name: whose panel a system admin may keep. */
  partnershipChoices(manager: EntityManager = this.dataSource.manager): Promise<Array<{ id: string; name: string }>> {
    return manager.query(`SELECT id, name FROM partnerships ORDER BY name`);
  }

  /** The partnership's members, active first, by name. */
  listingFor(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelMemberListing[]> {
    return manager.query(
      `SELECT m.id, u.full_name AS "fullName", u.email, a.name AS agency, m.profession, m.is_chair AS "isChair", m.is_alternate_chair AS "isAlternateChair", m.active
         FROM panel_members m JOIN users u ON u.id = m.user_id JOIN agencies a ON a.id = m.agency_id
        WHERE m.partnership_id = $1 ORDER BY m.active DESC, u.full_name`,
      [partnershipId],
    );
  }

  /** Active people with the panel member role in the partnership who have no seat yet, by name. */
  candidatesFor(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelCandidate[]> {
    return manager.query(
      `SELECT u.id, u.full_name AS "fullName", a.name AS agency FROM users u JOIN agencies a ON a.id = u.agency_id AND a.partnership_id = $1
        WHERE 'panel_member' = ANY(u.roles) AND u.status = 'active' AND NOT EXISTS (SELECT 1 FROM panel_members m WHERE m.user_id = u.id)
        ORDER BY u.full_name`,
      [partnershipId],
    );
  }

  /** The user, if active, with the panel member role and in the partnership; null otherwise. */
  findCandidate(partnershipId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager
      .createQueryBuilder(User, 'user')
      .innerJoin('agencies', 'agency', 'agency.id = user.agency_id AND agency.partnership_id = :partnershipId', { partnershipId })
      .where(`user.id = :id AND 'panel_member' = ANY(user.roles) AND user.status = 'active'`, { id: userId })
      .getOne();
  }

  /** Seats the member; the new seat's id, or null when the user already has one. */
  async addMember(manager: EntityManager, member: NewPanelMember): Promise<string | null> {
    const inserted = await manager.createQueryBuilder().insert().into(PanelMember).values(member).orIgnore().returning('id').execute();
    const rows: Array<{ id: string }> = inserted.raw;
    return rows[0]?.id ?? null;
  }

  /** The member, locked for a change; null if there is none. */
  lockById(manager: EntityManager, id: string): Promise<PanelMember | null> {
    return manager.findOne(PanelMember, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Stands the member down, or back up. */
  async setActive(manager: EntityManager, id: string, active: boolean): Promise<void> {
    await manager.update(PanelMember, id, { active });
  }
}
