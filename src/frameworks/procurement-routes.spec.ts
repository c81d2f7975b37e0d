import { PROCUREMENT_ROUTES, ROUTE_DEFAULTS, routeAvailabilityProblems, routeParameterProblems, routeUsableOn } from './procurement-routes';

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
    expect(
      routeParameterProblems('below_threshold_list', { ...ROUTE_DEFAULTS.below_threshold_list, decisionExtendedDays: 5 }).decisionExtendedDays,
    ).toBeDefined();
  });

  it('refuses a new legacy DPS: only one set up before 24 February 2025, closing by the end of 23 February 2029', () => {
    expect(routeAvailabilityProblems('legacy_dps', { opensOn: '2025-02-24', closesOn: '2028-12-31' })).toEqual({
      route:
        'A dynamic purchasing system under the Public Contracts Regulations 2015 can only be one set up before 24 February 2025. Choose a dynamic market or an open framework',
    });
    expect(routeAvailabilityProblems('legacy_dps', { opensOn: '2024-04-01', closesOn: '2029-02-24' })).toEqual({
      closesOn: 'A legacy dynamic purchasing system expires at the end of 23 February 2029: it must close by then',
    });
    expect(routeAvailabilityProblems('legacy_dps', { opensOn: '2024-04-01', closesOn: '2029-02-23' })).toEqual({});
  });

  it('opens Procurement Act routes only from 24 February 2025', () => {
    expect(routeAvailabilityProblems('dynamic_market', { opensOn: '2025-02-23', closesOn: '2030-12-31' }).route).toBe(
      'A dynamic market can only open on or after 24 February 2025, when the Procurement Act 2023 came into force',
    );
    expect(routeAvailabilityProblems('dynamic_market', { opensOn: '2025-02-24', closesOn: '2040-12-31' })).toEqual({});
  });

  it('limits an open framework to 8 years', () => {
    expect(routeAvailabilityProblems('open_framework', { opensOn: '2026-04-01', closesOn: '2034-04-01' })).toEqual({
      closesOn: 'An open framework can last at most 8 years: it must close by 31 March 2034',
    });
    expect(routeAvailabilityProblems('open_framework', { opensOn: '2026-04-01', closesOn: '2034-03-31' })).toEqual({});
  });

  it('stops a legacy DPS being used once it has expired', () => {
    expect(routeUsableOn('legacy_dps', '2029-02-23')).toBe(true);
    expect(routeUsableOn('legacy_dps', '2029-02-24')).toBe(false);
    expect(routeUsableOn('dynamic_market', '2040-01-01')).toBe(true);
  });
});
