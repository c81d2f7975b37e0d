import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutcomeTool } from '../awards/award-rules';
import { partnershipIdOf, providerDealsWithPartnershipOf } from '../common/auth/partnership.repository';
import type { SignedInUser } from '../common/auth/signed-in-user';
import type { PageRequest } from '../common/http/pagination';
import { mean, median } from '../insights/statistics';
import { outcomeChange } from './outcome-rules';

/** A provider sees feedback averages only once this many people have answered, so no answer can be picked out. */
export const FEEDBACK_MINIMUM_FOR_PROVIDER = 3;

export interface LotQuality {
  lot: string;
  won: number;
  active: number;
  completed: number;
  endedEarly: number;
  outcomes: Array<{ tool: OutcomeTool; measures: number; averageChange: number; improved: number }>;
  feedback: { responses: number; helpful: number | null; listened: number | null; better: number | null; withheld: boolean };
  medianDaysToFirstSession: number | null;
  reports: { total: number; onTime: number };
}

/**
 * A provider's quality figures, per lot: contracts, outcome change per
 * tool, feedback, time to first session and reports on time. A provider
 * reading its own figures never gets a single identifiable response.
 */
@Injectable()
export class ProviderQualityService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Providers with at least one contract with an agency of the viewer's
   * partnership, with headline figures from those contracts only, a page at
   * a time: another partnership's providers, and its families' feedback, are
   * none of this partnership's business.
   */
  async list(viewer: SignedInUser, page: PageRequest) {
    const partnershipId = await partnershipIdOf(this.dataSource.manager, viewer);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
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
      ) as Promise<Array<{ id: string; name: string; won: number; completed: number; ended_early: number; feedback: string | null }>>,
      this.dataSource.query(
        `SELECT count(DISTINCT c.provider_id)::int AS total FROM contracts c JOIN agencies g ON g.id = c.agency_id WHERE g.partnership_id = $1`,
        [partnershipId],
      ),
    ]);
    return { rows, total: total as number };
  }

  async figures(
    viewer: SignedInUser,
    providerId: string,
  ): Promise<{ provider: { id: string; name: string }; lots: LotQuality[]; comments: Array<{ lot: string; comment: string; at: Date }> }> {
    const [provider] = await this.dataSource.query(`SELECT id, name FROM provider_organisations WHERE id = $1`, [providerId]);
    if (!provider) throw new NotFoundException();
    const ownView = viewer.providerId === providerId;
    // Staff see the figures of providers their partnership deals with, not every provider's,
    // and only from contracts with their own partnership's agencies: another partnership's
    // contracts, outcomes and families' feedback are its own business.
    if (!ownView && !(await providerDealsWithPartnershipOf(this.dataSource.manager, providerId, viewer))) throw new NotFoundException();
    const partnershipId = ownView ? null : await partnershipIdOf(this.dataSource.manager, viewer);
    const scoped = `($2::uuid IS NULL OR c.agency_id IN (SELECT id FROM agencies WHERE partnership_id = $2))`;
    const [contracts, measures, feedback, firstSessions, reports, comments] = await Promise.all([
      this.dataSource.query(
        `SELECT t.name AS lot, count(*)::int AS won, count(*) FILTER (WHERE c.status IN ('active', 'exhausted'))::int AS active,
                count(*) FILTER (WHERE c.status = 'completed')::int AS completed, count(*) FILTER (WHERE c.status = 'ended_early')::int AS ended_early
           FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE c.provider_id = $1 AND ${scoped} GROUP BY t.name, t.sort_order ORDER BY t.sort_order, t.name`,
        [providerId, partnershipId],
      ) as Promise<Array<{ lot: string; won: number; active: number; completed: number; ended_early: number }>>,
      this.dataSource.query(
        `SELECT t.name AS lot, m.tool, m.baseline_score, m.end_score
           FROM outcome_measures m JOIN contracts c ON c.id = m.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE c.provider_id = $1 AND m.end_score IS NOT NULL AND ${scoped}`,
        [providerId, partnershipId],
      ) as Promise<Array<{ lot: string; tool: OutcomeTool; baseline_score: number; end_score: number }>>,
      this.dataSource.query(
        `SELECT t.name AS lot, count(*)::int AS responses, avg(f.helpful)::float AS helpful, avg(f.listened)::float AS listened, avg(f.better)::float AS better
           FROM feedback_responses f JOIN contracts c ON c.id = f.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE c.provider_id = $1 AND ${scoped} GROUP BY t.name`,
        [providerId, partnershipId],
      ) as Promise<Array<{ lot: string; responses: number; helpful: number; listened: number; better: number }>>,
      this.dataSource.query(
        `SELECT t.name AS lot, min(s.delivered_on) - (a.decided_at AT TIME ZONE 'Europe/London')::date AS days
           FROM contracts c JOIN awards a ON a.id = c.award_id JOIN session_logs s ON s.contract_id = c.id
           JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE c.provider_id = $1 AND ${scoped} GROUP BY c.id, t.name, a.decided_at`,
        [providerId, partnershipId],
      ) as Promise<Array<{ lot: string; days: number }>>,
      this.dataSource.query(
        `SELECT t.name AS lot, count(*)::int AS total, count(*) FILTER (WHERE (d.submitted_at AT TIME ZONE 'Europe/London')::date <= d.due_on)::int AS on_time
           FROM delivery_reports d JOIN contracts c ON c.id = d.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
          WHERE c.provider_id = $1 AND ${scoped} GROUP BY t.name`,
        [providerId, partnershipId],
      ) as Promise<Array<{ lot: string; total: number; on_time: number }>>,
      // Comments are for the panel and the framework manager of the partnership, and for commissioners on their own agency's contracts; never for the provider.
      ownView
        ? Promise.resolve([])
        : (this.dataSource.query(
            `SELECT t.name AS lot, f.comment, f.created_at AS at
               FROM feedback_responses f JOIN contracts c ON c.id = f.contract_id JOIN requirements r ON r.id = c.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
              WHERE c.provider_id = $1 AND f.comment IS NOT NULL AND ${scoped} AND ($3::uuid IS NULL OR c.agency_id = $3)
              ORDER BY f.created_at DESC LIMIT 20`,
            [providerId, partnershipId, viewer.roles.some((role) => role === 'panel_member' || role === 'framework_manager') ? null : viewer.agencyId],
          ) as Promise<Array<{ lot: string; comment: string; at: Date }>>),
    ]);
    const lots = contracts.map((row): LotQuality => {
      const lotMeasures = measures.filter((measure) => measure.lot === row.lot);
      const tools = [...new Set(lotMeasures.map((measure) => measure.tool))].sort();
      const lotFeedback = feedback.find((entry) => entry.lot === row.lot);
      const withheld = ownView && (lotFeedback?.responses ?? 0) < FEEDBACK_MINIMUM_FOR_PROVIDER;
      const lotReports = reports.find((entry) => entry.lot === row.lot);
      return {
        lot: row.lot,
        won: row.won,
        active: row.active,
        completed: row.completed,
        endedEarly: row.ended_early,
        outcomes: tools.map((tool) => {
          const changes = lotMeasures
            .filter((measure) => measure.tool === tool)
            .map((measure) => outcomeChange(tool, measure.baseline_score, measure.end_score));
          return {
            tool,
            measures: changes.length,
            averageChange: mean(changes.map((change) => change.change))!,
            improved: changes.filter((change) => change.direction === 'improved').length,
          };
        }),
        feedback: {
          responses: lotFeedback?.responses ?? 0,
          helpful: withheld ? null : (lotFeedback?.helpful ?? null),
          listened: withheld ? null : (lotFeedback?.listened ?? null),
          better: withheld ? null : (lotFeedback?.better ?? null),
          withheld,
        },
        medianDaysToFirstSession: median(firstSessions.filter((entry) => entry.lot === row.lot).map((entry) => entry.days)),
        reports: { total: lotReports?.total ?? 0, onTime: lotReports?.on_time ?? 0 },
      };
    });
    return { provider, lots, comments };
  }
}
