import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OPENED_BIDS, submittedBidCount } from '../bids/sealed-bid-gate';
import { findOneJoined } from '../common/database/find-one-joined';
import type { PageRequest } from '../common/http/pagination';
import { effectiveStatusInSql } from '../competitions/requirement-lifecycle';
import { Requirement } from '../competitions/requirement.entity';

/** A requirement on the panel's queue, with where the member is on it. */
export interface PanelQueueRow {
  id: string;
  title: string;
  agency: string;
  lot: string;
  bid_deadline: Date;
  status: string;
  bids: number;
  declared: boolean;
  conflicted: boolean;
  submitted: boolean;
  total: number;
}

/** A competition waiting for the panel, for a meeting's agenda. */
export interface AgendaRow {
  id: string;
  title: string;
  status: string;
  purchase_type: string;
  agency_funded_pence: number;
  agency: string;
}

/** An opened bid as the panel reads it, with the facts its compliance flags are worked out from. */
export interface OpenedPanelBidRow {
  bidId: string;
  providerId: string;
  providerName: string;
  version: number;
  ratePence: number;
  totalPence: number;
  earliestStartOn: string;
  answers: string[];
  practitionerIds: string[];
  submittedAt: Date;
  overCeiling: boolean;
  validityProblems: string[];
  /** The provider's membership of the requirement's lot now, if not removed. */
  membershipStatus: string | null;
}

/**
 * What the panel reads about the requirements it works on: read-only, from
 * the competitions' and providers' tables, with bid content only through the
 * sealed-bid gate (the `opened_bids` view). Status changes go through
 * transitionRequirement, never here.
 */
@Injectable()
export class PanelRequirementRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of the partnership's requirements whose bids have closed and
   * are not decided, earliest deadline first, with the member's declaration
   * and submission on each.
   */
  queuePage(
    partnershipId: string,
    panelMemberId: string,
    userId: string,
    pageRequest: PageRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PanelQueueRow[]> {
    return manager.query(
      `SELECT r.id, r.title, ag.name AS agency, t.name AS lot, r.bid_deadline, r.status,
                ${submittedBidCount('r.id')} AS bids,
                EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.user_id = $3) AS declared,
                EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.user_id = $3 AND d.conflicted) AS conflicted,
                EXISTS (SELECT 1 FROM score_submissions s WHERE s.requirement_id = r.id AND s.panel_member_id = $2) AS submitted,
                count(*) OVER ()::int AS total
           FROM requirements r
           JOIN agencies ag ON ag.id = r.agency_id AND ag.partnership_id = $1
           JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE ${effectiveStatusInSql('r', ['closed', 'evaluating'])}
          ORDER BY r.bid_deadline ASC, r.id
          LIMIT ${pageRequest.pageSize} OFFSET ${pageRequest.offset}`,
      [partnershipId, panelMemberId, userId],
    );
  }

  /** The partnership's requirements whose bids have closed and are not decided, earliest deadline first. */
  agendaFor(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<AgendaRow[]> {
    return manager.query(
      `SELECT r.id, r.title, r.status, r.purchase_type, r.agency_funded_pence, ag.name AS agency
         FROM requirements r JOIN agencies ag ON ag.id = r.agency_id AND ag.partnership_id = $1
        WHERE ${effectiveStatusInSql('r', ['closed', 'evaluating'])}
        ORDER BY r.bid_deadline`,
      [partnershipId],
    );
  }

  /** The requirement with its agency, lot and area. */
  findWithParties(id: string, manager: EntityManager = this.dataSource.manager): Promise<Requirement | null> {
    return findOneJoined(manager, Requirement, { where: { id }, relations: { agency: true, therapyType: true, area: true } });
  }

  /** Locks the requirement, so the status read next is the latest committed one. */
  async lockForUpdate(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT 1 FROM requirements WHERE id = $1 FOR UPDATE', [id]);
  }

  /** Whether the requirement's award is still in standstill, so it can be withdrawn (BR-11). */
  async hasAwardInStandstill(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM awards WHERE requirement_id = $1 AND status IN ('awaiting_notice', 'standstill')`, [
      requirementId,
    ]);
    return rows.length > 0;
  }

  /** The requirement's opened bids, by provider name, with the provider's membership of the lot now. */
  openedBidsFor(requirement: Requirement, manager: EntityManager = this.dataSource.manager): Promise<OpenedPanelBidRow[]> {
    return manager.query(
      `SELECT o.bid_id AS "bidId", o.provider_id AS "providerId", p.name AS "providerName", o.version, o.rate_pence AS "ratePence", o.total_pence AS "totalPence",
              to_char(o.earliest_start_on, 'YYYY-MM-DD') AS "earliestStartOn", o.answers, o.practitioner_ids AS "practitionerIds", o.submitted_at AS "submittedAt",
              o.over_ceiling AS "overCeiling", o.validity_problems AS "validityProblems",
              (SELECT m.status FROM memberships m WHERE m.provider_id = o.provider_id AND m.framework_id = $2 AND m.therapy_type_id = $3 AND m.status <> 'removed' LIMIT 1) AS "membershipStatus"
         FROM ${OPENED_BIDS} o
         JOIN provider_organisations p ON p.id = o.provider_id
        WHERE o.requirement_id = $1
        ORDER BY p.name`,
      [requirement.id, requirement.frameworkId, requirement.therapyTypeId],
    );
  }

  /** The practitioners' names, by id. */
  async practitionerNames(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const rows: Array<{ id: string; full_name: string }> = await manager.query(`SELECT id, full_name FROM practitioners WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((row) => [row.id, row.full_name]));
  }
}
