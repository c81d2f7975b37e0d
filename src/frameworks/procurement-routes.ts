import { Division, DIVISIONS } from '../common/calendar/bank-holidays';
/** BR-14: each framework's procurement route drives its clocks (BR-3, BR-5, BR-11). */
export const PROCUREMENT_ROUTES = ['legacy_dps', 'dynamic_market', 'open_framework', 'below_threshold_list'] as const;
export type ProcurementRoute = (typeof PROCUREMENT_ROUTES)[number];

export interface RouteParameters {
  /** Working days to decide an application (BR-3). */
  decisionClockDays: number;
  /** The longest the decision clock may be extended to, with a recorded reason (BR-3). */
  decisionExtendedDays: number;
  /** Calendar days from publishing a requirement to its bid deadline, at least (BR-5). */
  minimumBidPeriodDays: number;
  /**
   * A voluntary standstill, in working days, for awards the law does not
   * require one for; 0 means none (BR-11). The mandatory standstill is the
   * contract's, not the framework's: see `standstillFor` in
   * src/awards/contract-law.ts.
   */
  standstillDays: number;
}

export const ROUTE_LABELS: Record<ProcurementRoute, { name: string; law: string }> = {
  legacy_dps: { name: 'Dynamic purchasing system (legacy)', law: 'Public Contracts Regulations 2015, regulation 34' },
  dynamic_market: { name: 'Dynamic market', law: 'Procurement Act 2023' },
  open_framework: { name: 'Open framework', law: 'Procurement Act 2023' },
  below_threshold_list: { name: 'Approved list (below threshold)', law: 'Below the Procurement Act thresholds' },
};

/** Starting values for a new framework on each route; the framework manager may change them within the law. */
export const ROUTE_DEFAULTS: Record<ProcurementRoute, RouteParameters> = {
  legacy_dps: { decisionClockDays: 10, decisionExtendedDays: 15, minimumBidPeriodDays: 10, standstillDays: 0 },
  dynamic_market: { decisionClockDays: 10, decisionExtendedDays: 15, minimumBidPeriodDays: 10, standstillDays: 0 },
  open_framework: { decisionClockDays: 10, decisionExtendedDays: 15, minimumBidPeriodDays: 10, standstillDays: 0 },
  below_threshold_list: { decisionClockDays: 10, decisionExtendedDays: 15, minimumBidPeriodDays: 5, standstillDays: 0 },
};

/**
 * Whose bank holidays a route's working days skip. The Procurement Act 2023
 * (s.123(1), "working day") excludes a bank holiday in any part of the United
 * Kingdom; the PCR 2015 clocks of a legacy DPS count England and Wales only,
 * where the partnerships are.
 */
export function workingDayDivisions(route: ProcurementRoute): readonly Division[] {
  return route === 'legacy_dps' ? ['england-and-wales'] : DIVISIONS;
}

/** Whether the route admits applications at any time while open (BR-1). */
export function acceptsApplicationsWhileOpen(route: ProcurementRoute): boolean {
  return route !== 'open_framework';
}

/**
 * The legal floors for each route's parameters, as messages keyed by field.
 * A legacy DPS must allow at least 10 days for bids (BR-5) and decide within
 * 10 working days, extendable to 15 (BR-3). On a Procurement Act route a
 * voluntary standstill is at least 8 working days (PA 2023 s.51(5)), so it is
 * 0 (none) or 8 or more (BR-11).
 */
export function routeParameterProblems(route: ProcurementRoute, parameters: RouteParameters): Partial<Record<keyof RouteParameters, string>> {
  const problems: Partial<Record<keyof RouteParameters, string>> = {};
  if (route === 'legacy_dps' && parameters.minimumBidPeriodDays < 10) {
    problems.minimumBidPeriodDays = 'A legacy dynamic purchasing system must allow at least 10 days for bids';
  }
  if (route === 'legacy_dps' && parameters.decisionClockDays > 10) {
    problems.decisionClockDays = 'A legacy dynamic purchasing system must decide applications within 10 working days';
  }
  if (parameters.decisionExtendedDays < parameters.decisionClockDays) {
    problems.decisionExtendedDays = 'The extended decision clock must be at least as long as the decision clock';
  } else if (route === 'legacy_dps' && parameters.decisionExtendedDays > 15) {
    problems.decisionExtendedDays = 'A legacy dynamic purchasing system can extend the decision clock to 15 working days at most';
  }
  if (route !== 'legacy_dps' && parameters.standstillDays > 0 && parameters.standstillDays < 8) {
    problems.standstillDays = 'Under the Procurement Act 2023 a voluntary standstill is at least 8 working days. Enter 0 for none';
  }
  return problems;
}
