import { Division, DIVISIONS } from '../common/calendar/bank-holidays';
import type { IsoDate } from '../common/calendar/working-days';
import { formatIsoDate } from '../common/views/format';
import { openFrameworkLatestClose, type DatePeriod } from './open-framework-schedule';
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

/** The day the Procurement Act 2023's procurement rules came into force (SI 2024/716 reg 2, as amended by SI 2024/959). */
export const PROCUREMENT_ACT_IN_FORCE_ON: IsoDate = '2025-02-24';

/**
 * When each route may be set up and used: dated data with its source. A PCR
 * 2015 dynamic purchasing system survives only if it was established before
 * the Act came into force, and expires four years after (SI 2024/716 reg 5(3)(a)
 * and (4)); the Act's own routes exist only from that day.
 */
export interface RouteAvailability {
  /** The first day a framework on this route may open. */
  opensFrom?: IsoDate;
  /** A framework on this route must have opened before this day. */
  opensBefore?: IsoDate;
  /** The last day a framework on this route may be used. */
  usableUntil?: IsoDate;
  source: string;
}

export const ROUTE_AVAILABILITY: Record<ProcurementRoute, RouteAvailability> = {
  legacy_dps: {
    opensBefore: PROCUREMENT_ACT_IN_FORCE_ON,
    usableUntil: '2029-02-23',
    source:
      'Procurement Act 2023 (Commencement No. 3 and Transitional and Saving Provisions) Regulations 2024 (SI 2024/716) reg 5(3)(a) and (4), dates as amended by SI 2024/959',
  },
  dynamic_market: { opensFrom: PROCUREMENT_ACT_IN_FORCE_ON, source: 'Procurement Act 2023 ss34 to 39' },
  open_framework: { opensFrom: PROCUREMENT_ACT_IN_FORCE_ON, source: 'Procurement Act 2023 s49' },
  below_threshold_list: { opensFrom: PROCUREMENT_ACT_IN_FORCE_ON, source: 'Procurement Act 2023 Part 6 (ss84 to 88), below-threshold contracts' },
};

/** Why a framework with this term cannot be on this route, by field: the route's dates, and an open framework's 8 years. */
export function routeAvailabilityProblems(route: ProcurementRoute, term: DatePeriod): Partial<Record<'route' | 'closesOn', string>> {
  const availability = ROUTE_AVAILABILITY[route];
  if (availability.opensBefore && term.opensOn >= availability.opensBefore) {
    return {
      route: `A dynamic purchasing system under the Public Contracts Regulations 2015 can only be one set up before ${formatIsoDate(availability.opensBefore)}. Choose a dynamic market or an open framework`,
    };
  }
  if (availability.opensFrom && term.opensOn < availability.opensFrom) {
    return {
      route: `A ${ROUTE_LABELS[route].name.toLowerCase()} can only open on or after ${formatIsoDate(availability.opensFrom)}, when the Procurement Act 2023 came into force`,
    };
  }
  if (availability.usableUntil && term.closesOn > availability.usableUntil) {
    return { closesOn: `A legacy dynamic purchasing system expires at the end of ${formatIsoDate(availability.usableUntil)}: it must close by then` };
  }
  if (route === 'open_framework' && term.closesOn > openFrameworkLatestClose(term.opensOn)) {
    return { closesOn: `An open framework can last at most 8 years: it must close by ${formatIsoDate(openFrameworkLatestClose(term.opensOn))}` };
  }
  return {};
}

/** The route's dates in words, for the set-up form. */
export function routeAvailabilityText(route: ProcurementRoute): string {
  const availability = ROUTE_AVAILABILITY[route];
  if (availability.opensBefore)
    return `Only for a system set up before ${formatIsoDate(availability.opensBefore)}; it expires at the end of ${formatIsoDate(availability.usableUntil)}.`;
  return route === 'open_framework' ? 'Providers apply in the windows you set; it reopens within 3 years, then at least every 5, for 8 years at most.' : '';
}

/** Whether a framework on this route may still be used on `date`: a legacy DPS is refused once it has expired. */
export function routeUsableOn(route: ProcurementRoute, date: IsoDate): boolean {
  const until = ROUTE_AVAILABILITY[route].usableUntil;
  return !until || date <= until;
}

/**
 * Whose bank holidays a route's working days skip. The Procurement Act 2023
 * (s.123(1), "working day") excludes a bank holiday in any part of the United
 * Kingdom; the PCR 2015 clocks of a legacy DPS count England and Wales only,
 * where the partnerships are.
 */
export function workingDayDivisions(route: ProcurementRoute): readonly Division[] {
  return route === 'legacy_dps' ? ['england-and-wales'] : DIVISIONS;
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
