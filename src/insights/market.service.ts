import { Clock } from '../common/clock/clock';
import { ForbiddenException, Injectable } from '@nestjs/common';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { TtlCache } from '../common/cache/ttl-cache';
import { AppConfig } from '../config/app-config';
import { MarketFilter, parseMarketFilter } from './market-filter';
import { InsightsRepository, type MarketScope } from './insights.repository';
import { gapMatrix } from './statistics';

export type { MarketScope } from './insights.repository';

export const MARKET_REPORTS = ['demand', 'supply', 'competition', 'price', 'speed', 'spend'] as const;
export type MarketReport = (typeof MARKET_REPORTS)[number];

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
    private readonly reads: InsightsRepository,
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
    const partnershipId = await this.reads.findAgencyPartnershipId(user.agencyId);
    if (!partnershipId) throw new ForbiddenException();
    const seesPartnership = user.roles.includes('framework_manager');
    return { partnershipId, fixedAgencyId: seesPartnership ? null : user.agencyId };
  }

  /** The lists the filters offer, and the filter read from the query against them. */
  async filterFor(scope: MarketScope, query: Record<string, unknown>) {
    const [lots, agencies, areas] = await Promise.all([
      this.reads.findActiveLots(),
      this.reads.findPartnershipAgencies(scope.partnershipId),
      this.reads.findPartnershipAreas(scope.partnershipId),
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

  /** Requirements published, by month, lot and district. */
  async demand(scope: MarketScope, filter: MarketFilter) {
    const rows = await this.reads.findDemand(scope, filter);
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
    const counts = await this.reads.countSupply(scope.partnershipId, byDistrict);
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
    const rows = await this.reads.findCompetition(scope, filter);
    return rows;
  }

  /**
   * Issue 22: awards made by lot in the period, counting direct awards to
   * the family's chosen provider (user choice) apart from competitions, so
   * the panel sees how often competition is bypassed. Dated by the decision:
   * a direct award is never published for bids.
   */
  async directAwards(scope: MarketScope, filter: MarketFilter) {
    const rows = await this.reads.countAwardsByMethod(scope, filter);
    return { byLot: rows, direct: rows.reduce((sum, row) => sum + row.direct, 0), competed: rows.reduce((sum, row) => sum + row.competed, 0) };
  }

  /**
   * Per-session rates of submitted bids: median and quartiles by lot, and
   * the median by quarter. Only opened bids (deadline passed, as submitted)
   * count, and a group of fewer than MIN_PRICE_GROUP bids is left out, so no
   * filter narrows a figure down to one provider's price.
   */
  async price(scope: MarketScope, filter: MarketFilter) {
    const { byLot, byQuarter } = await this.reads.findPrices(scope, filter);
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
    const rows = await this.reads.findSpeed(scope, filter);
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
    const rows = await this.reads.findSpend(scope, filter);
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
