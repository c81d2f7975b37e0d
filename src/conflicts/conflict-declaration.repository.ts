import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { OPENED_BIDS } from '../bids/sealed-bid-gate';
import { findOneJoined } from '../common/database/find-one-joined';
import type { PageRequest } from '../common/http/pagination';
import { effectiveStatusInSql } from '../competitions/requirement-lifecycle';
import { Requirement } from '../competitions/requirement.entity';
import { PanelMember } from '../panel/panel.entities';
import type { Capacity } from './conflict-rules';
import { ConflictDeclaration, ConflictDeclarationVersion } from './conflict.entities';

export interface Bidder {
  providerId: string;
  name: string;
}

/** A requirement on the conflicts register, with its declaration counts. */
export interface RegisterRow {
  id: string;
  title: string;
  agency: string;
  bid_deadline: Date;
  status: string;
  declarations: number;
  conflicts: number;
  total: number;
}

/** A declaration as the conflicts assessment lists it, with who made it and about which bidder. */
export interface AssessmentDeclaration {
  id: string;
  userId: string;
  fullName: string;
  capacities: Capacity[];
  providerId: string;
  providerName: string;
  conflicted: boolean;
  nature: string | null;
  version: number;
  declaredAt: Date;
}

/** Someone who acts on the requirement and has not declared. */
export interface UndeclaredPerson {
  fullName: string;
  capacity: Capacity;
}

/** A first declaration about one bidder. */
export interface FirstDeclaration {
  requirementId: string;
  userId: string;
  providerId: string;
  conflicted: boolean;
  nature: string | null;
  capacities: Capacity[];
}

/** An amendment: the declaration's new version. */
export interface DeclarationAmendment {
  version: number;
  conflicted: boolean;
  nature: string | null;
  changedOn: string;
  reason: string;
  mitigation: string | null;
  recordedByUserId: string;
}

/**
 * The conflicts feature's tables (conflict_declarations and their versions),
 * and the reads of the requirement, the person's agency and panel seat that
 * decide in which capacities someone acts on a requirement. Bidders come
 * only through the sealed-bid gate.
 */
@Injectable()
export class ConflictDeclarationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The requirement with its agency, lot and area. */
  findRequirementWithParties(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement | null> {
    return findOneJoined(manager, Requirement, { where: { id: requirementId }, relations: { agency: true, therapyType: true, area: true } });
  }

  /** The partnership an agency belongs to, or null. */
  async partnershipOfAgency(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [own]: Array<{ partnership_id: string }> = await manager.query(`SELECT partnership_id FROM agencies WHERE id = $1`, [agencyId]);
    return own?.partnership_id ?? null;
  }

  /** The person's active seat on a resource panel, if any. */
  findActivePanelMember(userId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelMember | null> {
    return manager.findOneBy(PanelMember, { userId, active: true });
  }

  /** One page of the partnership's requirements whose bids have opened (the agency's own only, when agencyId is given), latest deadline first. */
  registerPage(
    partnershipId: string,
    agencyId: string | null,
    pageRequest: PageRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RegisterRow[]> {
    return manager.query(
      `SELECT r.id, r.title, ag.name AS agency, r.bid_deadline, r.status,
              (SELECT count(*)::int FROM conflict_declarations d WHERE d.requirement_id = r.id) AS declarations,
              (SELECT count(*)::int FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.conflicted) AS conflicts,
              count(*) OVER ()::int AS total
         FROM requirements r
         JOIN agencies ag ON ag.id = r.agency_id AND ag.partnership_id = $1
        WHERE ${effectiveStatusInSql('r', ['closed', 'evaluating', 'awarded', 'no_award'])}
          AND ($2::uuid IS NULL OR r.agency_id = $2)
        ORDER BY r.bid_deadline DESC, r.id
        LIMIT ${pageRequest.pageSize} OFFSET ${pageRequest.offset}`,
      [partnershipId, agencyId],
    );
  }

  /** Bidder names, by name, from the opened bids only: none while bids are sealed. */
  openedBidders(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<Bidder[]> {
    return manager.query(
      `SELECT p.id AS "providerId", p.name FROM ${OPENED_BIDS} o JOIN provider_organisations p ON p.id = o.provider_id
        WHERE o.requirement_id = $1 ORDER BY p.name`,
      [requirementId],
    );
  }

  /** The person's current declarations on the requirement, oldest first. */
  findCurrentFor(requirementId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<ConflictDeclaration[]> {
    return manager.find(ConflictDeclaration, { where: { requirementId, userId }, order: { declaredAt: 'ASC' } });
  }

  /** Whether the person has declared anything on the requirement. */
  hasDeclared(requirementId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(ConflictDeclaration, { requirementId, userId });
  }

  /** One of the person's own declarations on the requirement, or null. */
  findOwn(requirementId: string, declarationId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<ConflictDeclaration | null> {
    return manager.findOneBy(ConflictDeclaration, { id: declarationId, requirementId, userId });
  }

  /** A provider's name, or null. */
  async providerName(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [provider]: Array<{ name: string }> = await manager.query(`SELECT name FROM provider_organisations WHERE id = $1`, [providerId]);
    return provider?.name ?? null;
  }

  /** Every declaration on the requirement, by person then bidder. */
  assessmentDeclarations(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<AssessmentDeclaration[]> {
    return manager.query(
      `SELECT d.id, d.user_id AS "userId", u.full_name AS "fullName", d.capacities, d.provider_id AS "providerId", p.name AS "providerName",
              d.conflicted, d.nature, d.version, d.declared_at AS "declaredAt"
         FROM conflict_declarations d JOIN users u ON u.id = d.user_id JOIN provider_organisations p ON p.id = d.provider_id
        WHERE d.requirement_id = $1 ORDER BY u.full_name, d.user_id, p.name`,
      [requirementId],
    );
  }

  /** Every version of the declarations given, oldest first. */
  async versionsOf(declarationIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ConflictDeclarationVersion[]> {
    if (!declarationIds.length) return [];
    return manager.find(ConflictDeclarationVersion, { where: { declarationId: In(declarationIds) }, order: { version: 'ASC' } });
  }

  /** Who acts on the requirement but has not declared: the owning agency's commissioners and the partnership's active panel members. */
  undeclared(requirementId: string, agencyId: string, partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<UndeclaredPerson[]> {
    return manager.query(
      `SELECT u.full_name AS "fullName", 'commissioner' AS capacity FROM users u
        WHERE u.agency_id = $2 AND 'commissioner' = ANY(u.roles) AND u.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = $1 AND d.user_id = u.id)
       UNION ALL
       SELECT u.full_name, 'panel_member' FROM panel_members m JOIN users u ON u.id = m.user_id
        WHERE m.partnership_id = $3 AND m.active AND u.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = $1 AND d.user_id = u.id)
       ORDER BY 1, 2`,
      [requirementId, agencyId, partnershipId],
    );
  }

  /** Locks the requirement for a declaration, so two are not made at once. */
  async lockRequirement(manager: EntityManager, requirementId: string): Promise<void> {
    await manager.query('SELECT 1 FROM requirements WHERE id = $1 FOR UPDATE', [requirementId]);
  }

  /** Locks a declaration for an amendment. */
  async lockDeclaration(manager: EntityManager, declarationId: string): Promise<void> {
    await manager.query('SELECT 1 FROM conflict_declarations WHERE id = $1 FOR UPDATE', [declarationId]);
  }

  /** Records a first declaration about one bidder and its version 1. */
  async recordFirst(manager: EntityManager, declaration: FirstDeclaration): Promise<void> {
    const saved = await manager.save(ConflictDeclaration, { ...declaration, version: 1 });
    await manager.insert(ConflictDeclarationVersion, {
      declarationId: saved.id,
      version: 1,
      conflicted: declaration.conflicted,
      nature: declaration.nature,
      recordedByUserId: declaration.userId,
    });
  }

  /** Adds the amendment as the declaration's new version and makes it current. */
  async recordAmendment(manager: EntityManager, declarationId: string, amendment: DeclarationAmendment): Promise<void> {
    await manager.insert(ConflictDeclarationVersion, { declarationId, ...amendment });
    await manager.update(ConflictDeclaration, declarationId, { conflicted: amendment.conflicted, nature: amendment.nature, version: amendment.version });
  }
}
