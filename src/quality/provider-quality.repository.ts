import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OutcomeTool } from '../awards/award-rules';
import type { PageRequest } from '../common/http/pagination';

/** A provider with a contract with the partnership's agencies, and headline figures from those contracts. */
export interface ProviderQualityListRow {
  id: string;
  name: string;
  won: number;
  completed: number;
  ended_early: number;
  feedback: string | null;
}

export interface ProviderNameRow {
  id: string;
  name: string;
}

export interface LotContractsRow {
  lot: string;
  won: number;
  active: number;
  completed: number;
  ended_early: number;
}

export interface LotMeasureRow {
  lot: string;
  tool: OutcomeTool;
  baseline_score: number;
  end_score: number;
}

export interface LotFeedbackRow {
  lot: string;
  responses: number;
  helpful: number;
  listened: number;
  better: number;
}

export interface LotFirstSessionRow {
  lot: string;
  days: number;
}

export interface LotReportsRow {
  lot: string;
  total: number;
  on_time: number;
}

export interface LotCommentRow {
  lot: string;
  comment: string;
  at: Date;
}

/** Contracts only of the partnership's agencies when `$2` is set; every contract of the provider when it is null. */
const SCOPED = `($2::uuid IS NULL OR c.agency_id IN (SELECT id FROM agencies WHERE partnership_id = $2))`;

/**
 * The read-only SQL behind a provider's quality figures: contracts, outcome
 * measures, feedback, first sessions and delivery reports, per lot.
 */
@Injectable()
export class ProviderQualityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of providers with a contract with an agency of the partnership, by name. */
  listPageForPartnership(partnershipId: string, page: PageRequest, manager: EntityManager = this.dataSource.manager): Promise<ProviderQualityListRow[]> {
    return manager.query(
      `SELECT p.id, p.name, count(*)::int AS won,
              count(*) FILTER (WHERE c.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE c.status = 'ended_early')::int AS ended_early,
              (SELECT round(avg((f.helpful + f.listened + f.better) / 3.0), 1)
                 FROM feedback_responses f JOIN contracts fc ON fc.id = f.contract_id JOIN agencies fg ON fg.id = fc.agency_id
                WHERE fc.provider_id = p.id AND fg.partnership_id = $3) AS feedback
         FROM contracts c JOIN agencies g ON g.id = c.agency_id JOIN provider_organisations p ON p.id = c.provider_id
        WHERE g.partnership_id = $3
        GROUP BY p.id, p.name ORDER BY p.name, p.id LIMIT $1 OFFSET $2`,
      [page.pageSize, page.offset, partnershipId],
    );
  }

  /** How many providers have a contract with an agency of the partnership. */
  async countForPartnership(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [{ total }]: Array<{ total: number }> = await manager.query(
      `SELECT count(DISTINCT c.provider_id)::int AS total FROM contracts c JOIN agencies g ON g.id = c.agency_id WHERE g.partnership_id = $1`,
      [partnershipId],
    );
    return total;
  }

  async findProvider(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderNameRow | undefined> {
    const [provider]: ProviderNameRow[] = await manager.query(`SELECT id, name FROM provider_organisations WHERE id = $1`, [providerId]);
    return provider;
  }

  /** A provider's contracts per lot, in lot order; only the partnership's when `partnershipId` is set. */
  contractsByLot(providerId: string, partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<LotContractsRow[]> {
    return manager.query(
      `SELECT t.name AS lot, count(*)::int AS won, count(*) FILTER (WHERE c.status IN ('active', 'exhausted'))::int AS active,
              count(*) FILTER (WHERE c.status = 'completed')::int AS completed, count(*) FILTER (WHERE c.status = 'ended_early')::int AS ended_early
         FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE c.provider_id = $1 AND ${SCOPED} GROUP BY t.name, t.sort_order ORDER BY t.sort_order, t.name`,
      [providerId, partnershipId],
    );
  }

  /** A provider's completed outcome measures, with their lot. */
  completedMeasures(providerId: string, partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<LotMeasureRow[]> {
    return manager.query(
      `SELECT t.name AS lot, m.tool, m.baseline_score, m.end_score
         FROM outcome_measures m JOIN contracts c ON c.id = m.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE c.provider_id = $1 AND m.end_score IS NOT NULL AND ${SCOPED}`,
      [providerId, partnershipId],
    );
  }

  /** Feedback responses and average scores per lot. */
  feedbackByLot(providerId: string, partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<LotFeedbackRow[]> {
    return manager.query(
      `SELECT t.name AS lot, count(*)::int AS responses, avg(f.helpful)::float AS helpful, avg(f.listened)::float AS listened, avg(f.better)::float AS better
         FROM feedback_responses f JOIN contracts c ON c.id = f.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE c.provider_id = $1 AND ${SCOPED} GROUP BY t.name`,
      [providerId, partnershipId],
    );
  }

  /** Days from award to first session, one row per contract with a session. */
  daysToFirstSession(providerId: string, partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<LotFirstSessionRow[]> {
    return manager.query(
      `SELECT t.name AS lot, min(s.delivered_on) - (a.decided_at AT TIME ZONE 'Europe/London')::date AS days
         FROM contracts c JOIN awards a ON a.id = c.award_id JOIN session_logs s ON s.contract_id = c.id
         JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE c.provider_id = $1 AND ${SCOPED} GROUP BY c.id, t.name, a.decided_at`,
      [providerId, partnershipId],
    );
  }

  /** Delivery reports per lot, and how many came in by their due date. */
  reportsByLot(providerId: string, partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<LotReportsRow[]> {
    return manager.query(
      `SELECT t.name AS lot, count(*)::int AS total, count(*) FILTER (WHERE (d.submitted_at AT TIME ZONE 'Europe/London')::date <= d.due_on)::int AS on_time
         FROM delivery_reports d JOIN contracts c ON c.id = d.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE c.provider_id = $1 AND ${SCOPED} GROUP BY t.name`,
      [providerId, partnershipId],
    );
  }

  /** The 20 latest feedback comments, the latest first; only on `agencyId`'s contracts when it is set. */
  latestComments(
    providerId: string,
    partnershipId: string | null,
    agencyId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LotCommentRow[]> {
    return manager.query(
      `SELECT t.name AS lot, f.comment, f.created_at AS at
         FROM feedback_responses f JOIN contracts c ON c.id = f.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE c.provider_id = $1 AND f.comment IS NOT NULL AND ${SCOPED} AND ($3::uuid IS NULL OR c.agency_id = $3)
        ORDER BY f.created_at DESC LIMIT 20`,
      [providerId, partnershipId, agencyId],
    );
  }
}
