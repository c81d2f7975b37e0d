import { Clock } from '../common/clock/clock';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { TtlCache } from '../common/cache/ttl-cache';
import { AppConfig } from '../config/app-config';
import { financialYearOfMonth, MarketFilter, parseMarketFilter } from './market-filter';
import { gapMatrix } from './statistics';
import { MIN_PRICE_GROUP, OPENED_BIDS } from '../bids/sealed-bid-gate';

/** Who may see market reports, and how far: a framework manager sees the partnership; a commissioner their own agency. */
export interface MarketScope {
  partnershipId: string;
  fixedAgencyId: string | null;
}

export const MARKET_REPORTS = ['demand', 'supply', 'competition', 'price', 'speed', 'spend'] as const;
export type MarketReport = (typeof MARKET_REPORTS)[number];

/** Adds a query parameter and returns its placeholder, so conditions can be built in any order. */
const placeholderFor = (params: unknown[]) => (value: unknown) => `$${params.push(value)}`;

/** Rates, days and counts come back from SQL as strings for numeric types; this reads them once. */
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * Market intelligence for a partnership: demand, supply gaps, competition,
 * price, speed and spend. Aggregation happens in PostgreSQL (counts and
 * percentile_cont), so each report is one or two queries at any size.
 */
/** Different filters on the page that are remembered at once, across all partnerships. */
const CACHED_FILTERS = 500;

type FilterLists = Pick<Awaited<ReturnType<MarketService['filterFor']>>, 'lots' | 'areas' | 'agencies'>;

@Injectable()
export class MarketService {
  /**
   * The six reports aggregate a partnership's history, about 200 ms of
   * database work at national scale, so a page's figures are reused for
   * MARKET_CACHE_SECONDS (five minutes by default) and the page says when
   * they were worked out.
   */
  private readonly reportsCache: TtlCache<Awaited<ReturnType<MarketService['computeReports']>>>;

  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.reportsCache = new TtlCache(config.marketCacheSeconds * 1000, CACHED_FILTERS);
  }

  /** Every report for the page, as worked out at `computedAt`. */
  reports(scope: MarketScope, filter: MarketFilter, lists: FilterLists) {
    return this.reportsCache.get(JSON.stringify([scope.partnershipId, scope.fixedAgencyId, filter]), () => this.computeReports(scope, filter, lists));
  }

  private async computeReports(scope: MarketScope, filter: MarketFilter, lists: FilterLists) {
    const computedAt = this.clock.now();
    const [demand, supply, competition, directAwards, price, speed, spend] = await Promise.all([
      this.demand(scope, filter),
      this.supply(scope, filter, lists.lots, lists.areas, lists.agencies),
      this.competition(scope, filter),
      this.directAwards(scope, filter),
      this.price(scope, filter),
      this.speed(scope, filter),
      this.spend(scope, filter),
    ]);
    return { computedAt, demand, supply, competition, directAwards, price, speed, spend };
  }

  async scopeOf(user: SignedInUser): Promise<MarketScope> {
    if (!user.agencyId) throw new ForbiddenException();
    const [agency] = await this.dataSource.query(`SELECT partnership_id FROM agencies WHERE id = $1`, [user.agencyId]);
    if (!agency) throw new ForbiddenException();
    const seesPartnership = user.roles.includes('framework_manager');
    return { partnershipId: agency.partnership_id, fixedAgencyId: seesPartnership ? null : user.agencyId };
  }

  /** The lists the filters offer, and the filter read from the query against them. */
  async filterFor(scope: MarketScope, query: Record<string, unknown>) {
    const [lots, agencies, areas] = await Promise.all([
      this.dataSource.query(`SELECT id, name FROM therapy_types WHERE active ORDER BY sort_order, name`) as Promise<Array<{ id: string; name: string }>>,
      this.dataSource.query(`SELECT id, name FROM agencies WHERE partnership_id = $1 ORDER BY name`, [scope.partnershipId]) as Promise<
        Array<{ id: string; name: string }>
      >,
      this.dataSource.query(
        `SELECT ar.id, ar.name, ar.agency_id AS "agencyId", ag.name AS agency FROM areas ar JOIN agencies ag ON ag.id = ar.agency_id WHERE ag.partnership_id = $1 ORDER BY ag.name, ar.name`,
        [scope.partnershipId],
      ) as Promise<Array<{ id: string; name: string; agencyId: string; agency: string }>>,
    ]);
    const visibleAreas = scope.fixedAgencyId ? areas.filter((area) => area.agencyId === scope.fixedAgencyId) : areas;
    const parsed = parseMarketFilter(query, {
      today: this.clock.today(),
      lotIds: new Set(lots.map((lot) => lot.id)),
      areaIds: new Set(visibleAreas.map((area) => area.id)),
      agencyIds: new Set(agencies.map((agency) => agency.id)),
      fixedAgencyId: scope.fixedAgencyId,
    });
    return { ...parsed, lots, agencies, areas: visibleAreas };
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
  async demand(scope: MarketScope, filter: MarketFilter) {
    const params: unknown[] = [];
    const rows: Array<{ month: string; lot: string; area: string; agency: string; requirements: number }> = await this.dataSource.query(
      `SELECT to_char(r.published_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, t.name AS lot, ar.name AS area, ag.name AS agency, count(*)::int AS requirements
         FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas ar ON ar.id = r.area_id JOIN agencies ag ON ag.id = r.agency_id
        WHERE ${this.requirementConditions(scope, filter, params)}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 4, 3`,
      params,
    );
    return rows;
  }

  /**
   * Active members by lot and place: by agency across the partnership, or by
   * district within one agency. Supply is as it stands today, so it is not dated.
   */
  async supply(
    scope: MarketScope,
    filter: MarketFilter,
    lots: Array<{ id: string; name: string }>,
    areas: Array<{ id: string; name: string; agencyId: string; agency: string }>,
    agencies: Array<{ id: string; name: string }>,
  ) {
    const byDistrict = !!filter.agencyId;
    const columns = byDistrict ? areas.filter((area) => area.agencyId === filter.agencyId && (!filter.areaId || area.id === filter.areaId)) : agencies;
    const counts: Array<{ lotId: string; columnId: string; count: number }> = await this.dataSource.query(
      `SELECT m.therapy_type_id AS "lotId", ${byDistrict ? 'ar.id' : 'ar.agency_id'} AS "columnId", count(DISTINCT m.provider_id)::int AS count
         FROM memberships m
         JOIN frameworks f ON f.id = m.framework_id AND f.status = 'open' AND f.partnership_id = $1
         JOIN provider_organisations p ON p.id = m.provider_id AND p.status = 'active'
         JOIN provider_areas pa ON pa.provider_id = m.provider_id
         JOIN areas ar ON ar.id = pa.area_id
         JOIN agencies ag ON ag.id = ar.agency_id AND ag.partnership_id = $1
        WHERE m.status = 'active'
        GROUP BY 1, 2`,
      [scope.partnershipId],
    );
    const shownLots = filter.lotId ? lots.filter((lot) => lot.id === filter.lotId) : lots;
    return {
      byDistrict,
      matrix: gapMatrix(
        shownLots,
        columns,
        counts.map((row) => ({ lotId: row.lotId, areaId: row.columnId, count: row.count })),
      ),
    };
  }

  /** Bids per requirement whose deadline has passed. */
  async competition(scope: MarketScope, filter: MarketFilter) {
    const params: unknown[] = [];
    const rows: Array<{ id: string; title: string; agency: string; lot: string; area: string; bidDeadline: Date; bids: number }> = await this.dataSource.query(
      `SELECT r.id, r.title, ag.name AS agency, t.name AS lot, ar.name AS area, r.bid_deadline AS "bidDeadline",
              (SELECT count(*) FROM ${OPENED_BIDS} o WHERE o.requirement_id = r.id)::int AS bids
         FROM requirements r JOIN therapy_types t ON t.id = r.therapy_type_id JOIN areas ar ON ar.id = r.area_id JOIN agencies ag ON ag.id = r.agency_id
        WHERE ${this.requirementConditions(scope, filter, params)} AND r.status <> 'cancelled' AND r.bid_deadline <= now()
        ORDER BY r.bid_deadline DESC`,
      params,
    );
    return rows;
  }

  /**
   * Issue 22: awards made by lot in the period, counting direct awards to
   * the family's chosen provider (user choice) apart from competitions, so
   * the panel sees how often competition is bypassed. Dated by the decision:
   * a direct award is never published for bids.
   */
  async directAwards(scope: MarketScope, filter: MarketFilter) {
    const params: unknown[] = [];
    const add = placeholderFor(params);
    const conditions = [`ag.partnership_id = ${add(scope.partnershipId)}`, `a.outcome = 'awarded'`, `a.status <> 'withdrawn'`];
    if (filter.agencyId) conditions.push(`r.agency_id = ${add(filter.agencyId)}`);
    if (filter.lotId) conditions.push(`r.therapy_type_id = ${add(filter.lotId)}`);
    if (filter.areaId) conditions.push(`r.area_id = ${add(filter.areaId)}`);
    conditions.push(`a.decided_at >= (${add(`${filter.from}-01`)}::date::timestamp AT TIME ZONE 'Europe/London')`);
    conditions.push(`a.decided_at < ((${add(`${filter.to}-01`)}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/London')`);
    const rows: Array<{ lot: string; direct: number; competed: number }> = await this.dataSource.query(
      `SELECT t.name AS lot, count(*) FILTER (WHERE a.method = 'user_choice')::int AS direct, count(*) FILTER (WHERE a.method = 'competition')::int AS competed
         FROM awards a JOIN requirements r ON r.id = a.requirement_id JOIN agencies ag ON ag.id = r.agency_id JOIN therapy_types t ON t.id = r.therapy_type_id
        WHERE ${conditions.join(' AND ')}
        GROUP BY t.name, t.sort_order ORDER BY t.sort_order, t.name`,
      params,
    );
    return { byLot: rows, direct: rows.reduce((sum, row) => sum + row.direct, 0), competed: rows.reduce((sum, row) => sum + row.competed, 0) };
  }

  /**
   * Per-session rates of submitted bids: median and quartiles by lot, and
   * the median by quarter. Only opened bids (deadline passed, as submitted)
   * count, and a group of fewer than MIN_PRICE_GROUP bids is left out, so no
   * filter narrows a figure down to one provider's price.
   */
  async price(scope: MarketScope, filter: MarketFilter) {
    const params: unknown[] = [];
    const conditions = this.requirementConditions(scope, filter, params);
    const bids = `FROM ${OPENED_BIDS} b JOIN requirements r ON r.id = b.requirement_id JOIN therapy_types t ON t.id = r.therapy_type_id WHERE ${conditions}`;
    const largeEnough = `HAVING count(*) >= ${MIN_PRICE_GROUP}`;
    const [byLot, byQuarter] = await Promise.all([
      this.dataSource.query(
        `SELECT t.name AS lot, count(*)::int AS bids, percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY b.rate_pence) AS quartiles
           ${bids} GROUP BY t.name, t.sort_order ${largeEnough} ORDER BY t.sort_order, t.name`,
        params,
      ) as Promise<Array<{ lot: string; bids: number; quartiles: number[] }>>,
      this.dataSource.query(
        `SELECT to_char(date_trunc('quarter', r.published_at AT TIME ZONE 'Europe/London'), 'YYYY-"Q"Q') AS quarter, count(*)::int AS bids, percentile_cont(0.5) WITHIN GROUP (ORDER BY b.rate_pence) AS median
           ${bids} GROUP BY 1 ${largeEnough} ORDER BY 1`,
        params,
      ) as Promise<Array<{ quarter: string; bids: number; median: number }>>,
    ]);
    return {
      byLot: byLot.map((row) => ({
        lot: row.lot,
        bids: row.bids,
        lowerQuartile: Number(row.quartiles[0]),
        median: Number(row.quartiles[1]),
        upperQuartile: Number(row.quartiles[2]),
      })),
      byQuarter: byQuarter.map((row) => ({ quarter: row.quarter, bids: row.bids, median: Number(row.median) })),
    };
  }

  /** Days from publication to award, and from award to the contract's start, by lot. */
  async speed(scope: MarketScope, filter: MarketFilter) {
    const params: unknown[] = [];
    const rows: Array<{ lot: string; awards: number; to_award: string | null; to_start: string | null; started: number }> = await this.dataSource.query(
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
    return rows.map((row) => ({
      lot: row.lot,
      awards: row.awards,
      daysToAward: numberOrNull(row.to_award),
      started: row.started,
      daysToStart: numberOrNull(row.to_start),
    }));
  }

  /**
   * ASGSF against agency money by agency and financial year. Agency money is
   * the top-up plus anything above the fair access limit (BR-15), which is
   * shown on its own too. Refused applications are left out.
   */
  async spend(scope: MarketScope, filter: MarketFilter) {
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
    const rows: Array<{ agency: string; financial_year: number; asgsf: string; agency_funded: string; excess: string; over_limit: number; records: number }> =
      await this.dataSource.query(
        `SELECT ag.name AS agency, f.financial_year, sum(f.asgsf_pence - f.excess_pence) AS asgsf, sum(f.top_up_pence + f.excess_pence) AS agency_funded,
              sum(f.excess_pence) AS excess, count(*) FILTER (WHERE f.excess_pence > 0)::int AS over_limit, count(*)::int AS records
         FROM funding_records f JOIN agencies ag ON ag.id = f.agency_id
        WHERE ${conditions.join(' AND ')}
        GROUP BY ag.name, f.financial_year ORDER BY f.financial_year, ag.name`,
        params,
      );
    return rows.map((row) => ({
      agency: row.agency,
      financialYear: row.financial_year,
      asgsfPence: Number(row.asgsf),
      agencyFundedPence: Number(row.agency_funded),
      excessPence: Number(row.excess),
      overLimit: row.over_limit,
      records: row.records,
    }));
  }
}
