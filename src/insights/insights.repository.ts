import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MIN_PRICE_GROUP, OPENED_BIDS, submittedBidCount } from '../bids/sealed-bid-gate';
import { financialYearOfMonth, type MarketFilter } from './market-filter';
import type { AwardedProcess, FrameworkProcess, PublishedNotice } from './ocds';

/** Who may see market reports, and how far: a framework manager sees the partnership; a commissioner their own agency. */
export interface MarketScope {
  partnershipId: string;
  fixedAgencyId: string | null;
}

/** Adds a query parameter and returns its placeholder, so conditions can be built in any order. */
const placeholderFor = (params: unknown[]) => (value: unknown) => `$${params.push(value)}`;

export interface NamedRow {
  id: string;
  name: string;
}

export interface AreaRow extends NamedRow {
  agencyId: string;
  agency: string;
}

export interface DemandRow {
  month: string;
  lot: string;
  area: string;
  agency: string;
  requirements: number;
}

export interface SupplyCountRow {
  lotId: string;
  columnId: string;
  count: number;
}

export interface CompetitionRow {
  id: string;
  title: string;
  agency: string;
  lot: string;
  area: string;
  bidDeadline: Date;
  bids: number;
}

export interface AwardMethodRow {
  lot: string;
  direct: number;
  competed: number;
}

export interface PriceByLotRow {
  lot: string;
  bids: number;
  quartiles: number[];
}

export interface PriceByQuarterRow {
  quarter: string;
  bids: number;
  median: number;
}

export interface SpeedRow {
  lot: string;
  awards: number;
  to_award: string | null;
  to_start: string | null;
  started: number;
}

export interface SpendRow {
  agency: string;
  financial_year: number;
  asgsf: string;
  agency_funded: string;
  excess: string;
  over_limit: number;
  records: number;
}

/** An award that stands, with its requirement, supplier and contract: only the columns open data may publish. */
export interface AwardRow {
  requirement_id: string;
  method: AwardedProcess['method'];
  therapy: string;
  purchase_type: 'spot' | 'block';
  published_at: Date;
  bid_deadline: Date;
  tenderers: number;
  framework_id: string;
  framework_name: string;
  route: AwardedProcess['framework']['route'];
  agency_id: string;
  agency_name: string;
  award_id: string;
  decided_at: Date;
  award_status: AwardedProcess['award']['status'];
  standstill_ends_on: string | null;
  award_value: number;
  provider_id: string;
  provider_name: string;
  companies_house_number: string | null;
  charity_number: string | null;
  contract_id: string | null;
  contract_status: string | null;
  starts_on: string | null;
  ends_on: string | null;
  contract_value: number | null;
  contract_created_at: Date | null;
}

/** A framework that has opened, with its partnership. */
export type FrameworkReleaseRow = Omit<FrameworkProcess, 'partnership'> & { partnershipId: string; partnershipName: string };

/**
 * The insights reports' read-only queries: market intelligence aggregated in
 * PostgreSQL (counts and percentile_cont) and the open-data release rows.
 * Bids are read only through the sealed-bid gate's OPENED_BIDS.
 */
@Injectable()
export class InsightsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The partnership of the agency, or null when there is no such agency. */
  async findAgencyPartnershipId(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [agency]: Array<{ partnership_id: string }> = await manager.query(`SELECT partnership_id FROM agencies WHERE id = $1`, [agencyId]);
    return agency?.partnership_id ?? null;
  }

  /** Active lots in their order. */
  findActiveLots(manager: EntityManager = this.dataSource.manager): Promise<NamedRow[]> {
    return manager.query(`SELECT id, name FROM therapy_types WHERE active ORDER BY sort_order, name`);
  }

  /** The partnership's agencies by name. */
  findPartnershipAgencies(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<NamedRow[]> {
    return manager.query(`SELECT id, name FROM agencies WHERE partnership_id = $1 ORDER BY name`, [partnershipId]);
  }

  /** The partnership's districts, by agency then name. */
  findPartnershipAreas(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<AreaRow[]> {
    return manager.query(
      `SELECT ar.id, ar.name, ar.agency_id AS "agencyId", ag.name AS agency FROM areas ar JOIN agencies ag ON ag.id = ar.agency_id WHERE ag.partnership_id = $1 ORDER BY ag.name, ar.name`,
      [partnershipId],
    );
  }

  /** WHERE conditions on requirements `r` for the scope and filter; parameters are appended to `params`. */
  private requirementConditions(scope: MarketScope, filter: MarketFilter, params: unknown[], dated = true): string {
    const add = placeholderFor(params);
    const conditions = [`r.agency_id IN (SELECT id FROM agencies WHERE partnership_id = ${add(scope.partnershipId)})`, `r.published_at IS NOT NULL`];
    if (filter.agencyId) conditions.push(`r.agency_id = ${add(filter.agencyId)}`);
    if (filter.lotId) conditions.push(`r.therapy_type_id = ${add(filter.lotId)}`);
    if (filter.areaId) conditions.push(`r.area_id = ${add(filter.areaId)}`);
    if (dated) {
      conditions.push(`r.published_at >= (${add(`${filter.from}-01`)}::date::timestamp AT TIME ZONE 'Europe/London')`);
      conditions.push(`r.published_at < ((${add(`${filter.to}-01`)}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/London')`);
    }
    return conditions.join(' AND ');
  }

  /** Requirements published, by month, lot and district. */
  findDemand(scope: MarketScope, filter: MarketFilter, manager: EntityManager = this.dataSource.manager): Promise<DemandRow[]> {
    const params: unknown[] = [];
    return manager.query(
      `SELECT to_char(r.published_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, t.name AS lot, ar.name AS area, ag.name AS agency, count(*)::int AS requirements
         FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas ar ON ar.id = r.area_id JOIN agencies ag ON ag.id = r.agency_id
        WHERE ${this.requirementConditions(scope, filter, params)}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4, 3`,
      params,
    );
  }

  /** Distinct active members of the partnership's open frameworks by lot and district (or agency). */
  countSupply(partnershipId: string, byDistrict: boolean, manager: EntityManager = this.dataSource.manager): Promise<SupplyCountRow[]> {
    return manager.query(
      `SELECT m.therapy_type_id AS "lotId", ${byDistrict ? 'ar.id' : 'ar.agency_id'} AS "columnId", count(DISTINCT m.provider_id)::int AS count
         FROM memberships m
         JOIN frameworks f ON f.id = m.framework_id AND f.status = 'open' AND f.partnership_id = $1
         JOIN provider_organisations p ON p.id = m.provider_id AND p.status = 'active'
         JOIN provider_areas pa ON pa.provider_id = m.provider_id
         JOIN areas ar ON ar.id = pa.area_id
         JOIN agencies ag ON ag.id = ar.agency_id AND ag.partnership_id = $1
        WHERE m.status = 'active'
        GROUP BY 1, 2`,
      [partnershipId],
    );
  }

  /** Opened bids per requirement whose deadline has passed, latest deadline first. */
  findCompetition(scope: MarketScope, filter: MarketFilter, manager: EntityManager = this.dataSource.manager): Promise<CompetitionRow[]> {
    const params: unknown[] = [];
    return manager.query(
      `SELECT r.id, r.title, ag.name AS agency, t.name AS lot, ar.name AS area, r.bid_deadline AS "bidDeadline",
              (SELECT count(*) FROM ${OPENED_BIDS} o WHERE o.requirement_id = r.id)::int AS bids
         FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas ar ON ar.id = r.area_id JOIN agencies ag ON ag.id = r.agency_id
        WHERE ${this.requirementConditions(scope, filter, params)} AND r.status <> 'cancelled' AND r.bid_deadline <= now()
        ORDER BY r.bid_deadline DESC`,
      params,
    );
  }

  /** Awards decided in the period by lot: direct (user choice) and competed. */
  countAwardsByMethod(scope: MarketScope, filter: MarketFilter, manager: EntityManager = this.dataSource.manager): Promise<AwardMethodRow[]> {
    const params: unknown[] = [];
    const add = placeholderFor(params);
    const conditions = [`ag.partnership_id = ${add(scope.partnershipId)}`, `a.outcome = 'awarded'`, `a.status <> 'withdrawn'`];
    if (filter.agencyId) conditions.push(`r.agency_id = ${add(filter.agencyId)}`);
    if (filter.lotId) conditions.push(`r.therapy_type_id = ${add(filter.lotId)}`);
    if (filter.areaId) conditions.push(`r.area_id = ${add(filter.areaId)}`);
    conditions.push(`a.decided_at >= (${add(`${filter.from}-01`)}::date::timestamp AT TIME ZONE 'Europe/London')`);
    conditions.push(`a.decided_at < ((${add(`${filter.to}-01`)}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/London')`);
    return manager.query(
      `SELECT t.name AS lot, count(*) FILTER (WHERE a.method = 'user_choice')::int AS direct, count(*) FILTER (WHERE a.method = 'competition')::int AS competed
         FROM awards a JOIN requirements r ON r.id = a.requirement_id JOIN agencies ag ON ag.id = r.agency_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE ${conditions.join(' AND ')}
        GROUP BY t.name, t.sort_order ORDER BY t.sort_order, t.name`,
      params,
    );
  }

  /** Quartiles of opened bids' rates by lot, and the median by quarter; groups under MIN_PRICE_GROUP left out. */
  async findPrices(
    scope: MarketScope,
    filter: MarketFilter,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ byLot: PriceByLotRow[]; byQuarter: PriceByQuarterRow[] }> {
    const params: unknown[] = [];
    const conditions = this.requirementConditions(scope, filter, params);
    const bids = `FROM ${OPENED_BIDS} b JOIN requirements r ON r.id = b.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id WHERE ${conditions}`;
    const largeEnough = `HAVING count(*) >= ${MIN_PRICE_GROUP}`;
    const [byLot, byQuarter] = await Promise.all([
      manager.query(
        `SELECT t.name AS lot, count(*)::int AS bids, percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY b.rate_pence) AS quartiles
           ${bids} GROUP BY t.name, t.sort_order ${largeEnough} ORDER BY t.sort_order, t.name`,
        params,
      ) as Promise<Array<{ lot: string; bids: number; quartiles: number[] }>>,
      manager.query(
        `SELECT to_char(date_trunc('quarter', r.published_at AT TIME ZONE 'Europe/London'), 'YYYY-"Q"Q') AS quarter, count(*)::int AS bids, percentile_cont(0.5) WITHIN GROUP (ORDER BY b.rate_pence) AS median
           ${bids} GROUP BY 1 ${largeEnough} ORDER BY 1`,
        params,
      ) as Promise<Array<{ quarter: string; bids: number; median: number }>>,
    ]);
    return { byLot, byQuarter };
  }

  /** Median days to award and to the contract's start, by lot. */
  findSpeed(scope: MarketScope, filter: MarketFilter, manager: EntityManager = this.dataSource.manager): Promise<SpeedRow[]> {
    const params: unknown[] = [];
    return manager.query(
      `SELECT t.name AS lot, count(*)::int AS awards,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - r.published_at) / 86400) AS to_award,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY c.starts_on - (a.decided_at AT TIME ZONE 'Europe/London')::date) FILTER (WHERE c.starts_on IS NOT NULL) AS to_start,
              count(c.starts_on)::int AS started
         FROM awards a JOIN requirements r ON r.id = a.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id
         LEFT JOIN contracts c ON c.award_id = a.id
        WHERE ${this.requirementConditions(scope, filter, params)} AND a.outcome = 'awarded' AND a.status <> 'withdrawn'
        GROUP BY t.name, t.sort_order ORDER BY t.sort_order, t.name`,
      params,
    );
  }

  /** Funding by agency and financial year, refused records left out. */
  findSpend(scope: MarketScope, filter: MarketFilter, manager: EntityManager = this.dataSource.manager): Promise<SpendRow[]> {
    const params: unknown[] = [];
    const add = placeholderFor(params);
    const conditions = [
      `ag.partnership_id = ${add(scope.partnershipId)}`,
      `f.financial_year BETWEEN ${add(financialYearOfMonth(filter.from))} AND ${add(financialYearOfMonth(filter.to))}`,
      `f.status <> 'declined'`,
    ];
    if (filter.agencyId) conditions.push(`f.agency_id = ${add(filter.agencyId)}`);
    const requirementConditions = [
      ...(filter.lotId ? [`r.therapy_type_id = ${add(filter.lotId)}`] : []),
      ...(filter.areaId ? [`r.area_id = ${add(filter.areaId)}`] : []),
    ];
    if (requirementConditions.length) {
      conditions.push(
        `EXISTS (SELECT 1 FROM contracts c JOIN requirements r ON r.id = c.requirement_id WHERE c.id = f.contract_id AND ${requirementConditions.join(' AND ')})`,
      );
    }
    return manager.query(
      `SELECT ag.name AS agency, f.financial_year, sum(f.asgsf_pence - f.excess_pence) AS asgsf, sum(f.top_up_pence + f.excess_pence) AS agency_funded,
            sum(f.excess_pence) AS excess, count(*) FILTER (WHERE f.excess_pence > 0)::int AS over_limit, count(*)::int AS records
       FROM funding_records f JOIN agencies ag ON ag.id = f.agency_id
      WHERE ${conditions.join(' AND ')}
      GROUP BY ag.name, f.financial_year ORDER BY f.financial_year, ag.name`,
      params,
    );
  }

  /** Awards that stand (not withdrawn), for one partnership (and agency) or, for the public file, all of them; oldest decision first. */
  findStandingAwards(partnershipId: string | null, agencyId: string | null, manager: EntityManager = this.dataSource.manager): Promise<AwardRow[]> {
    const conditions = [`a.outcome = 'awarded'`, `a.status <> 'withdrawn'`];
    const params: unknown[] = [];
    if (partnershipId) conditions.push(`ag.partnership_id = $${params.push(partnershipId)}`);
    if (agencyId) conditions.push(`ag.id = $${params.push(agencyId)}`);
    return manager.query(
      `SELECT r.id AS requirement_id, a.method, t.name AS therapy, r.purchase_type, r.published_at, r.bid_deadline,
              ${submittedBidCount('r.id')} AS tenderers,
              f.id AS framework_id, f.name AS framework_name, f.route, ag.id AS agency_id, ag.name AS agency_name,
              a.id AS award_id, a.decided_at, a.status AS award_status, a.standstill_ends_on::text, coalesce(a.value_pence, b.total_pence) AS award_value,
              p.id AS provider_id, p.name AS provider_name, p.companies_house_number, p.charity_number,
              c.id AS contract_id, c.status AS contract_status, c.starts_on::text, c.ends_on::text, c.value_pence AS contract_value, c.created_at AS contract_created_at
         FROM awards a
         JOIN requirements r ON r.id = a.requirement_id
         LEFT JOIN ${OPENED_BIDS} b ON b.bid_id = a.bid_id
         LEFT JOIN user_choice_awards u ON u.award_id = a.id
         JOIN provider_organisations p ON p.id = coalesce(b.provider_id, u.provider_id)
         JOIN frameworks f ON f.id = r.framework_id
         JOIN agencies ag ON ag.id = r.agency_id
         JOIN therapy_types t ON t.id = r.therapy_type_id
         LEFT JOIN contracts c ON c.award_id = a.id
        WHERE ${conditions.join(' AND ')}
        ORDER BY a.decided_at, a.id`,
      params,
    );
  }

  /** Frameworks that have opened (drafts are not published), with their buyers and lots, in the order they opened. */
  findOpenedFrameworks(partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<FrameworkReleaseRow[]> {
    return manager.query(
      `SELECT f.id, f.name, f.route, f.status, f.opens_on::text AS "opensOn", f.closes_on::text AS "closesOn", f.opened_at AS "openedAt",
              pa.id AS "partnershipId", pa.name AS "partnershipName",
              coalesce((SELECT json_agg(json_build_object('id', ag.id, 'name', ag.name) ORDER BY ag.name)
                          FROM framework_agencies fa JOIN agencies ag ON ag.id = fa.agency_id WHERE fa.framework_id = f.id), '[]') AS buyers,
              coalesce((SELECT json_agg(t.name ORDER BY t.sort_order)
                          FROM framework_lots fl JOIN therapy_types t ON t.id = fl.therapy_type_id WHERE fl.framework_id = f.id), '[]') AS lots
         FROM frameworks f
         JOIN partnerships pa ON pa.id = f.partnership_id
        WHERE f.status IN ('open', 'closed') AND f.opened_at IS NOT NULL AND ($1::uuid IS NULL OR f.partnership_id = $1)
        ORDER BY f.opened_at, f.id`,
      [partnershipId],
    );
  }

  /** Notices recorded as published, in publication order. */
  findPublishedNotices(partnershipId: string | null, manager: EntityManager = this.dataSource.manager): Promise<PublishedNotice[]> {
    return manager.query(
      `SELECT n.id, n.type, n.requirement_id AS "requirementId", n.award_id AS "awardId", n.contract_id AS "contractId", n.published_on::text AS "publishedOn",
              n.value_pence AS "valuePence", n.value_including_vat_pence AS "valueIncludingVatPence"
         FROM notices n JOIN agencies ag ON ag.id = n.agency_id
        WHERE n.published_on IS NOT NULL AND ($1::uuid IS NULL OR ag.partnership_id = $1)
        ORDER BY n.published_on, n.id`,
      [partnershipId],
    );
  }

  /** Which of the contracts have a notice recorded. */
  async findContractsWithNotices(contractIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!contractIds.length) return [];
    const rows: Array<{ contract_id: string }> = await manager.query(`SELECT DISTINCT contract_id FROM notices WHERE contract_id = ANY($1)`, [contractIds]);
    return rows.map((row) => row.contract_id);
  }
}
