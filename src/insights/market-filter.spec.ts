import { financialYearOfMonth, monthChoices, monthsBetween, parseMarketFilter } from './market-filter';

const options = { today: '2026-11-23', lotIds: new Set(['lot-1']), areaIds: new Set(['area-1']), agencyIds: new Set(['agency-1', 'agency-2']) };

describe('market report filters', () => {
  it('defaults to the last 12 months, with no lot, district or agency', () => {
    expect(parseMarketFilter({}, options)).toEqual({ filter: { from: '2025-12', to: '2026-11', lotId: null, areaId: null, agencyId: null }, errors: [] });
  });

  it('takes valid choices', () => {
    expect(parseMarketFilter({ from: '2026-01', to: '2026-06', lot: 'lot-1', area: 'area-1', agency: 'agency-2' }, options).filter).toEqual({
      from: '2026-01',
      to: '2026-06',
      lotId: 'lot-1',
      areaId: 'area-1',
      agencyId: 'agency-2',
    });
  });

  it('reports malformed and unknown values against their fields, and falls back to defaults', () => {
    const { filter, errors } = parseMarketFilter(
      { from: "2026-01'; DROP TABLE bids;--", to: '2026-13', lot: 'nope', area: ['a', 'b'], agency: 'agency-9' },
      options,
    );
    expect(errors.map((error) => [error.field, error.text])).toEqual([
      ['from', 'Select the first month from the list'],
      ['to', 'Select the last month from the list'],
      ['lot', 'Select a lot from the list'],
      ['area', 'Select a district from the list'],
      ['agency', 'Select an agency from the list'],
    ]);
    expect(filter).toEqual({ from: '2025-12', to: '2026-11', lotId: null, areaId: null, agencyId: null });
  });

  it('refuses a period that ends before it starts, or runs over 10 years', () => {
    expect(parseMarketFilter({ from: '2026-06', to: '2026-01' }, options).errors.map((error) => error.text)).toEqual([
      'The last month must be the same as or after the first month',
    ]);
    expect(parseMarketFilter({ from: '2010-01', to: '2026-01' }, options).errors.map((error) => error.text)).toEqual(['Choose a period of 10 years or less']);
  });

  it('holds a commissioner to their own agency whatever is asked for', () => {
    expect(parseMarketFilter({ agency: 'agency-2' }, { ...options, fixedAgencyId: 'agency-1' }).filter.agencyId).toBe('agency-1');
  });

  it('counts months across a year end, and knows the financial year', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect([financialYearOfMonth('2026-03'), financialYearOfMonth('2026-04')]).toEqual([2025, 2026]);
    expect(monthChoices('2026-11-23')[0]).toEqual({ value: '2026-11', text: 'November 2026' });
    expect(monthChoices('2026-11-23')).toHaveLength(120);
  });
});
