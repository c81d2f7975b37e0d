/**
 * How much data `npm run seed:scale` makes. National scale (1.0) is every
 * regional adoption agency in England on the portal for four years
 * (DESIGN.md §9): 150 agencies in 30 partnerships, 2,000 providers,
 * 200,000 requirements and about 1,000,000 bids.
 */
export interface ScalePlan {
  partnerships: number;
  agenciesPerPartnership: number;
  areasPerAgency: number;
  providers: number;
  /** Each provider works in this many consecutive agencies of its partnership… */
  agenciesPerProvider: number;
  /** …and is admitted to this many of the ten lots. */
  lotsPerProvider: number;
  practitionersPerProvider: number;
  documentsPerProvider: number;
  requirements: number;
  /** The share of invited providers that bid. */
  bidRate: number;
  /** Days of history behind the anchor date. */
  historyDays: number;
  /**
   * `weighted` spreads statuses as a real market has them (mostly awarded);
   * `cyclic` gives every status the same number of requirements, so a small
   * dataset still has a page of each kind.
   */
  statusMix: 'weighted' | 'cyclic';
}

/** The share of requirements in each status at national scale. */
export const WEIGHTED_STATUSES: Array<[status: ScaleRequirementStatus, share: number]> = [
  ['draft', 0.05],
  ['published', 0.02],
  ['closed', 0.01],
  ['evaluating', 0.02],
  ['awarded', 0.72],
  ['no_award', 0.08],
  ['cancelled', 0.1],
];
export type ScaleRequirementStatus = 'draft' | 'published' | 'closed' | 'evaluating' | 'awarded' | 'no_award' | 'cancelled';

const NATIONAL: ScalePlan = {
  partnerships: 30,
  agenciesPerPartnership: 5,
  areasPerAgency: 8,
  providers: 2000,
  agenciesPerProvider: 2,
  lotsPerProvider: 4,
  practitionersPerProvider: 3,
  documentsPerProvider: 3,
  requirements: 200_000,
  // About 10 invitations a requirement, so about 5 bids.
  bidRate: 0.5,
  historyDays: 4 * 365,
  statusMix: 'weighted',
};

export class ScalePlanError extends Error {}

/** National proportions scaled down (or up); the shape of the market stays the same. */
export function planForScale(scale: number): ScalePlan {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2) throw new ScalePlanError(`--scale must be a number above 0 and at most 2 (got "${scale}")`);
  const scaled = (count: number, minimum: number) => Math.max(minimum, Math.round(count * scale));
  // Fewer partnerships, not fewer providers in each, keep a small market as dense as a real one.
  const partnerships = scaled(NATIONAL.partnerships, 1);
  return {
    ...NATIONAL,
    partnerships,
    providers: Math.max(scaled(NATIONAL.providers, 1), partnerships * Math.floor(NATIONAL.providers / NATIONAL.partnerships)),
    requirements: scaled(NATIONAL.requirements, 70),
  };
}

/**
 * A dataset where every list has `rows` rows and every requirement `rows`
 * bids: the query-budget tests compare pages over 5 and over 50.
 */
export function planForRows(rows: number): ScalePlan {
  if (!Number.isInteger(rows) || rows < 1) throw new ScalePlanError('rows must be a whole number of at least 1');
  return {
    partnerships: 1,
    agenciesPerPartnership: 1,
    areasPerAgency: 1,
    providers: rows,
    agenciesPerProvider: 1,
    lotsPerProvider: 10,
    practitionersPerProvider: 1,
    documentsPerProvider: 3,
    requirements: rows * WEIGHTED_STATUSES.length,
    bidRate: 1,
    // One panel meeting a fortnight, so `rows` meetings after the newest requirements.
    historyDays: 35 + 14 * rows,
    statusMix: 'cyclic',
  };
}

/** The counts the plan should produce, for progress and for the final report. */
export function expectedCounts(plan: ScalePlan): Record<string, number> {
  const agencies = plan.partnerships * plan.agenciesPerPartnership;
  const providersPerPartnership = plan.providers / plan.partnerships;
  const invitedPerRequirement =
    plan.statusMix === 'cyclic'
      ? plan.providers
      : providersPerPartnership * (Math.min(plan.agenciesPerProvider, plan.agenciesPerPartnership) / plan.agenciesPerPartnership) * (plan.lotsPerProvider / 10);
  const liveShare = plan.statusMix === 'cyclic' ? 6 / 7 : 1 - WEIGHTED_STATUSES[0][1];
  const invitations = Math.round(plan.requirements * liveShare * invitedPerRequirement);
  const bids = Math.round(invitations * plan.bidRate);
  return {
    agencies,
    areas: agencies * plan.areasPerAgency,
    providers: plan.providers,
    requirements: plan.requirements,
    invitations,
    bids,
  };
}

/**
 * SQL choosing requirement `n`'s status: in turn for a cyclic mix, or from
 * the cumulative shares for a weighted one, given a uniform number in [0, 1).
 */
export function statusSql(plan: ScalePlan, nExpression: string, uniformExpression: string): string {
  const statuses = WEIGHTED_STATUSES.map(([status]) => `'${status}'`);
  if (plan.statusMix === 'cyclic') return `(ARRAY[${statuses.join(', ')}])[((${nExpression}) - 1) % ${statuses.length} + 1]`;
  let cumulative = 0;
  const branches = WEIGHTED_STATUSES.slice(0, -1).map(([status, share]) => {
    cumulative += share;
    return `WHEN ${uniformExpression} < ${cumulative.toFixed(4)} THEN '${status}'`;
  });
  return `CASE ${branches.join(' ')} ELSE '${WEIGHTED_STATUSES[WEIGHTED_STATUSES.length - 1][0]}' END`;
}

/** "1m 20s left" from how much is done and how long it has taken. */
export function estimateTimeLeft(done: number, total: number, elapsedMs: number): string {
  if (done <= 0 || elapsedMs <= 0) return 'estimating time left';
  const leftMs = Math.max(0, (elapsedMs / done) * (total - done));
  const seconds = Math.round(leftMs / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `about ${minutes}m ${seconds % 60}s left` : `about ${seconds}s left`;
}

/**
 * Roughly how many rows a plan writes, for the progress bar: per bid its
 * version, audit event, result email, three conflict declarations, nine
 * panel scores and three moderated scores; per invitation its email.
 */
export function expectedRowTotal(plan: ScalePlan): number {
  const { requirements, invitations, bids } = expectedCounts(plan);
  return Math.round(requirements * 5 + invitations * 2 + bids * 15 + plan.providers * 12);
}
