import { acceptsApplicationsWhileOpen, PROCUREMENT_ROUTES, ROUTE_DEFAULTS, routeParameterProblems } from './procurement-routes';

describe('procurement routes', () => {
  it('gives every route defaults that meet its own rules', () => {
    for (const route of PROCUREMENT_ROUTES) expect({ route, problems: routeParameterProblems(route, ROUTE_DEFAULTS[route]) }).toEqual({ route, problems: {} });
  });

  it('holds a legacy DPS to a 10-day bid period and a 10 (to 15) working-day decision', () => {
    expect(routeParameterProblems('legacy_dps', { decisionClockDays: 12, decisionExtendedDays: 20, minimumBidPeriodDays: 7, standstillDays: 0 })).toEqual({
      minimumBidPeriodDays: 'A legacy dynamic purchasing system must allow at least 10 days for bids',
      decisionClockDays: 'A legacy dynamic purchasing system must decide applications within 10 working days',
      decisionExtendedDays: 'A legacy dynamic purchasing system can extend the decision clock to 15 working days at most',
    });
  });

  it('forces no standstill on a route: the contract decides (BR-11), and a voluntary one under the Act is 8 working days or more', () => {
    expect(ROUTE_DEFAULTS.dynamic_market.standstillDays).toBe(0);
    expect(routeParameterProblems('dynamic_market', { ...ROUTE_DEFAULTS.dynamic_market, standstillDays: 0 })).toEqual({});
    expect(routeParameterProblems('open_framework', { ...ROUTE_DEFAULTS.open_framework, standstillDays: 8 })).toEqual({});
    expect(routeParameterProblems('dynamic_market', { ...ROUTE_DEFAULTS.dynamic_market, standstillDays: 5 })).toEqual({
      standstillDays: 'Under the Procurement Act 2023 a voluntary standstill is at least 8 working days. Enter 0 for none',
    });
    expect(routeParameterProblems('legacy_dps', { ...ROUTE_DEFAULTS.legacy_dps, standstillDays: 5 })).toEqual({});
  });

  it('refuses an extension shorter than the clock', () => {
    expect(routeParameterProblems('below_threshold_list', { ...ROUTE_DEFAULTS.below_threshold_list, decisionExtendedDays: 5 }).decisionExtendedDays).toBeDefined();
  });

  it('keeps dynamic routes open to applications (BR-1)', () => {
    expect(acceptsApplicationsWhileOpen('legacy_dps')).toBe(true);
    expect(acceptsApplicationsWhileOpen('dynamic_market')).toBe(true);
    expect(acceptsApplicationsWhileOpen('open_framework')).toBe(false);
  });
});
