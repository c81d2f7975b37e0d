import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DBS_VALID_YEARS } from '../applications/application-rules';
import { providerHasActed, providerHasDraft } from '../bids/sealed-bid-gate';
import { effectiveStatusInSql, openForBidsSql } from '../competitions/requirement-lifecycle';
import type { ProcurementRoute } from '../frameworks/procurement-routes';

/** A contract that may owe a delivery report, with the dates its progress reports were sent. */
export interface ReportOwingRow {
  id: string;
  title: string;
  provider: string;
  status: string;
  starts_on: string;
  ends_on: string;
  ended_on: string | null;
  report_interval_weeks: number;
  progress: string[];
}

export interface ActivePanelMemberRow {
  id: string;
  partnership_id: string;
}

export interface NextMeetingRow {
  id: string;
  meeting_date: string;
  attendee_member_ids: string[];
}

export interface PanelTaskRow {
  id: string;
  title: string;
  lot: string;
  /** How many tasks there are in all. */
  total: number;
}

export interface UnansweredQuestionsRow {
  id: string;
  title: string;
  questions: number;
  first_id: string;
  clarification_deadline: Date | null;
  bid_deadline: Date;
}

export interface ClosingRequirementRow {
  id: string;
  title: string;
  lot: string;
  area: string;
  bid_deadline: Date;
  total: number;
}

export interface ContractToStartRow {
  id: string;
  title: string;
  provider: string;
  kind: string;
  start_by: string | null;
}

export interface ApplicationToDecideRow {
  id: string;
  provider: string;
  framework: string;
  route: ProcurementRoute;
  decision_clock_days: number;
  decision_extended_days: number;
  submitted_at: Date;
  extended: boolean;
  status: string;
}

export interface MemberDocumentExpiringRow {
  provider: string;
  type: string;
  expires_on: string;
}

export interface ProviderApplicationRow {
  id: string;
  status: string;
  framework: string;
}

export interface OpenInvitationRow extends ClosingRequirementRow {
  drafted: boolean;
}

export interface ProviderExpiringRow {
  what: string;
  expires_on: string;
  href: string;
}

export interface ProviderMembershipRow {
  lot_name: string;
  framework_name: string;
  status: string;
  status_reason: string | null;
}

export interface AgencyRequirementCountsRow {
  drafts: number;
  open: number;
  closed: number;
  unanswered: number;
}

/** Whose delivery reports: an agency's contracts or a provider's. */
export type ReportsOwedScope = { agencyId: string } | { providerId: string };

/**
 * The home dashboards' read-only queries, each joining what one dashboard
 * panel or work queue needs across the features' tables. Lists come soonest
 * first, limited to `limit`, with the total beside each row.
 */
@Injectable()
export class HomeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Live contracts of the scope with no end report yet, and when each progress report was sent. */
  async findContractsOwingReports(scope: ReportsOwedScope, manager: EntityManager = this.dataSource.manager): Promise<ReportOwingRow[]> {
    const [where, parameter] = 'agencyId' in scope ? ['c.agency_id = $1', scope.agencyId] : ['c.provider_id = $1', scope.providerId];
    return manager.query(
      `SELECT c.id, r.title, p.name AS provider, c.status, c.starts_on::text, c.ends_on::text, c.ended_on::text, c.report_interval_weeks,
              coalesce(array_agg((d.submitted_at AT TIME ZONE 'Europe/London')::date::text ORDER BY d.submitted_at) FILTER (WHERE d.kind = 'progress'), '{}') AS progress
         FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = c.provider_id
         LEFT JOIN delivery_reports d ON d.contract_id = c.id
        WHERE ${where} AND c.status IN ('active', 'exhausted', 'completed', 'ended_early') AND c.starts_on IS NOT NULL AND c.ends_on IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM delivery_reports e WHERE e.contract_id = c.id AND e.kind = 'end')
        GROUP BY c.id, r.title, p.name`,
      [parameter],
    );
  }

  /** The user's active resource panel membership, if any. */
  async findActivePanelMember(userId: string, manager: EntityManager = this.dataSource.manager): Promise<ActivePanelMemberRow | null> {
    const [member]: ActivePanelMemberRow[] = await manager.query(`SELECT id, partnership_id FROM panel_members WHERE user_id = $1 AND active`, [userId]);
    return member ?? null;
  }

  /** The partnership's first panel meeting on or after the day. */
  async findNextMeeting(partnershipId: string, today: string, manager: EntityManager = this.dataSource.manager): Promise<NextMeetingRow | null> {
    const [meeting]: NextMeetingRow[] = await manager.query(
      `SELECT id, meeting_date::text, attendee_member_ids FROM panel_meetings WHERE partnership_id = $1 AND meeting_date >= $2::date ORDER BY meeting_date, created_at LIMIT 1`,
      [partnershipId, today],
    );
    return meeting ?? null;
  }

  /**
   * Closed requirements of the member's partnership needing the member's
   * declaration (`declare`) or, declared and not conflicted, their scores
   * (`score`): oldest deadline first.
   */
  async findPanelTasks(
    step: 'declare' | 'score',
    member: ActivePanelMemberRow,
    userId: string,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PanelTaskRow[]> {
    const declared = `EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.user_id = $2)`;
    const wanted =
      step === 'declare'
        ? `NOT ${declared}`
        : `${declared} AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = r.id AND d.user_id = $2 AND d.conflicted)
           AND NOT EXISTS (SELECT 1 FROM score_submissions s WHERE s.requirement_id = r.id AND s.panel_member_id = $3)`;
    return manager.query(
      `SELECT r.id, r.title, t.name AS lot, count(*) OVER ()::int AS total
         FROM requirements r JOIN agencies ag ON ag.id = r.agency_id AND ag.partnership_id = $1 JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE ${effectiveStatusInSql('r', ['closed', 'evaluating'])} AND ${wanted}
        ORDER BY r.bid_deadline, r.id LIMIT ${Number(limit)}`,
      step === 'declare' ? [member.partnership_id, userId] : [member.partnership_id, userId, member.id],
    );
  }

  /** The agency's requirements open for bids with unanswered questions, each with its oldest question. */
  async findUnansweredQuestions(agencyId: string | null, manager: EntityManager = this.dataSource.manager): Promise<UnansweredQuestionsRow[]> {
    return manager.query(
      `SELECT r.id, r.title, count(*)::int AS questions, (array_agg(c.id ORDER BY c.asked_at))[1] AS first_id, r.clarification_deadline, r.bid_deadline
         FROM requirement_clarifications c JOIN requirements r ON r.id = c.requirement_id
        WHERE r.agency_id = $1 AND c.answered_at IS NULL AND ${openForBidsSql('r')}
        GROUP BY r.id`,
      [agencyId],
    );
  }

  /** The agency's requirements open for bids, closing soonest first. */
  async findClosingForBids(agencyId: string | null, limit: number, manager: EntityManager = this.dataSource.manager): Promise<ClosingRequirementRow[]> {
    return manager.query(
      `SELECT r.id, r.title, t.name AS lot, a.name AS area, r.bid_deadline, count(*) OVER ()::int AS total
         FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas a ON a.id = r.area_id
        WHERE r.agency_id = $1 AND ${openForBidsSql('r')}
        ORDER BY r.bid_deadline, r.id LIMIT ${Number(limit)}`,
      [agencyId],
    );
  }

  /** The agency's contracts waiting to start. */
  async findContractsToStart(agencyId: string | null, manager: EntityManager = this.dataSource.manager): Promise<ContractToStartRow[]> {
    return manager.query(
      `SELECT c.id, r.title, p.name AS provider, c.kind, r.start_by::text
         FROM contracts c JOIN requirements r ON r.id = c.requirement_id JOIN provider_organisations p ON p.id = c.provider_id
        WHERE c.agency_id = $1 AND c.status = 'pending'`,
      [agencyId],
    );
  }

  /** Submitted applications to the partnership's frameworks awaiting a decision, with their framework's decision clock. */
  async findApplicationsToDecide(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<ApplicationToDecideRow[]> {
    return manager.query(
      `SELECT a.id, p.name AS provider, f.name AS framework, f.route, f.decision_clock_days, f.decision_extended_days, a.submitted_at, a.clock_extension_reason IS NOT NULL AS extended, a.status
         FROM applications a JOIN frameworks f ON f.id = a.framework_id JOIN provider_organisations p ON p.id = a.provider_id
        WHERE f.partnership_id = $1 AND a.status IN ('submitted', 'under_evaluation', 'clarification_requested') AND a.submitted_at IS NOT NULL`,
      [partnershipId],
    );
  }

  /** The newest document of each type from each member of the partnership, expiring by the day. */
  async findMemberDocumentsExpiring(partnershipId: string, by: string, manager: EntityManager = this.dataSource.manager): Promise<MemberDocumentExpiringRow[]> {
    return manager.query(
      `SELECT provider, type, expires_on FROM (
         SELECT DISTINCT ON (d.provider_id, d.type) p.name AS provider, d.type, d.expires_on::text
           FROM compliance_documents d JOIN provider_organisations p ON p.id = d.provider_id
          WHERE d.expires_on IS NOT NULL
            AND EXISTS (SELECT 1 FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE m.provider_id = d.provider_id AND f.partnership_id = $1 AND m.status <> 'removed')
          ORDER BY d.provider_id, d.type, d.uploaded_at DESC) newest
        WHERE expires_on::date <= $2::date`,
      [partnershipId, by],
    );
  }

  /** Whether the provider has completed its organisation details. */
  async providerDetailsComplete(providerId: string | null, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [organisation]: Array<{ complete: boolean }> = await manager.query(
      `SELECT details_completed_at IS NOT NULL AS complete FROM provider_organisations WHERE id = $1`,
      [providerId],
    );
    return organisation?.complete ?? false;
  }

  /** The provider's draft applications and those awaiting its answer, oldest first. */
  async findApplicationsToFinish(providerId: string | null, manager: EntityManager = this.dataSource.manager): Promise<ProviderApplicationRow[]> {
    return manager.query(
      `SELECT a.id, a.status, f.name AS framework FROM applications a JOIN frameworks f ON f.id = a.framework_id
        WHERE a.provider_id = $1 AND a.status IN ('draft', 'clarification_requested') ORDER BY a.created_at`,
      [providerId],
    );
  }

  /** Requirements open for bids the provider is invited to and has not yet bid on, closing soonest first. */
  async findOpenInvitations(providerId: string | null, limit: number, manager: EntityManager = this.dataSource.manager): Promise<OpenInvitationRow[]> {
    return manager.query(
      `SELECT r.id, r.title, t.name AS lot, a.name AS area, r.bid_deadline, ${providerHasDraft('r.id', 'i.provider_id')} AS drafted, count(*) OVER ()::int AS total
         FROM invitations i JOIN requirements r ON r.id = i.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas a ON a.id = r.area_id
        WHERE i.provider_id = $1 AND ${openForBidsSql('r')} AND NOT ${providerHasActed('r.id', 'i.provider_id')}
        ORDER BY r.bid_deadline, r.id LIMIT ${Number(limit)}`,
      [providerId],
    );
  }

  /** The provider's newest document of each type, practitioners' registrations and enhanced DBS renewals, expiring by the day. */
  async findProviderExpiring(providerId: string | null, by: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderExpiringRow[]> {
    return manager.query(
      `SELECT what, expires_on::text, href FROM (
         SELECT DISTINCT ON (type) type AS what, expires_on, '/provider/documents' AS href FROM compliance_documents
          WHERE provider_id = $1 AND expires_on IS NOT NULL ORDER BY type, uploaded_at DESC) documents
        WHERE expires_on <= $3::date
       UNION ALL
       SELECT full_name || '’s registration', registration_expires_on::text, '/provider/practitioners/' || id || '/edit' FROM practitioners WHERE provider_id = $1 AND registration_expires_on <= $3::date
       UNION ALL
       SELECT full_name || '’s enhanced DBS check', (dbs_issued_on + make_interval(years => $2))::date::text, '/provider/practitioners/' || id || '/edit' FROM practitioners
        WHERE provider_id = $1 AND dbs_issued_on + make_interval(years => $2) <= $3::date`,
      [providerId, DBS_VALID_YEARS, by],
    );
  }

  /** The provider's memberships not removed, by framework and lot order. */
  async findProviderMemberships(providerId: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderMembershipRow[]> {
    return manager.query(
      `SELECT t.name AS lot_name, f.name AS framework_name, m.status, m.status_reason
         FROM memberships m JOIN therapy_types t ON t.id = m.therapy_type_id JOIN frameworks f ON f.id = m.framework_id
        WHERE m.provider_id = $1 AND m.status <> 'removed' ORDER BY f.name, t.sort_order`,
      [providerId],
    );
  }

  /** The agency's requirements by effective status, and its unanswered questions on open ones. */
  async countAgencyRequirements(agencyId: string | null, manager: EntityManager = this.dataSource.manager): Promise<AgencyRequirementCountsRow> {
    const [counts]: AgencyRequirementCountsRow[] = await manager.query(
      `SELECT count(*) FILTER (WHERE r.status = 'draft')::int AS drafts,
              count(*) FILTER (WHERE ${openForBidsSql('r')})::int AS open,
              count(*) FILTER (WHERE ${effectiveStatusInSql('r', ['closed'])})::int AS closed,
              (SELECT count(*)::int FROM requirement_clarifications c JOIN requirements q ON q.id = c.requirement_id
                WHERE q.agency_id = $1 AND c.answered_at IS NULL AND ${openForBidsSql('q')}) AS unanswered
         FROM requirements r WHERE r.agency_id = $1`,
      [agencyId],
    );
    return counts;
  }
}
