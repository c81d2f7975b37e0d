import { checkFairAccess, fairAccessWarning, financialYearOf, fundingTimingWarnings, limitInForceOn, yearEndWarning } from './funding-rules';

const LIMITS = [
  { appliesFrom: '2022-04-01', combinedLimitPence: null, therapyLimitPence: 500_000, assessmentLimitPence: 250_000, completeWithinYear: false },
  { appliesFrom: '2025-04-01', combinedLimitPence: 300_000, therapyLimitPence: null, assessmentLimitPence: 250_000, completeWithinYear: true },
];

describe('financial years', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2027-01-15', 2026],
  ])('%s falls in the year starting April %i', (date, year) => expect(financialYearOf(date)).toBe(year));

  it('uses the limit in force on the day, so a change during a year applies from its date', () => {
    expect(limitInForceOn(LIMITS, '2025-03-31')?.therapyLimitPence).toBe(500_000);
    expect(limitInForceOn(LIMITS, '2025-04-01')?.combinedLimitPence).toBe(300_000);
    expect(limitInForceOn(LIMITS, '2022-03-31')).toBeNull();
    const midYear = [
      ...LIMITS,
      { appliesFrom: '2026-10-01', combinedLimitPence: 400_000, therapyLimitPence: null, assessmentLimitPence: 250_000, completeWithinYear: true },
    ];
    expect(limitInForceOn(midYear, '2026-09-30')?.combinedLimitPence).toBe(300_000);
    expect(limitInForceOn(midYear, '2026-10-01')?.combinedLimitPence).toBe(400_000);
  });
});

describe('the fair access limit (BR-15)', () => {
  const current = LIMITS[1];
  it('passes a request within the limit', () => {
    expect(checkFairAccess(current, [], { kind: 'therapy', asgsfPence: 300_000 })).toEqual({
      limitPence: 300_000,
      alreadyCommittedPence: 0,
      excessPence: 0,
      withinLimit: true,
    });
  });

  it('counts therapy and assessment together under a combined limit, and records the excess as agency-funded', () => {
    const result = checkFairAccess(current, [{ kind: 'assessment', asgsfPence: 120_000 }], { kind: 'therapy', asgsfPence: 250_000 });
    expect(result).toEqual({ limitPence: 300_000, alreadyCommittedPence: 120_000, excessPence: 70_000, withinLimit: false });
    expect(fairAccessWarning(result, 2026)).toBe(
      'This takes the child’s ASGSF funding for April 2026 to March 2027 over the fair access limit of £3,000.00 (£1,200.00 is already expected). £700.00 will be recorded as agency-funded.',
    );
  });

  it('caps specialist assessment at £2,500 inside the £3,000 limit from April 2025', () => {
    const result = checkFairAccess(current, [], { kind: 'assessment', asgsfPence: 300_000 });
    expect(result).toEqual({ limitPence: 250_000, alreadyCommittedPence: 0, excessPence: 50_000, withinLimit: false, assessmentCap: true });
    expect(fairAccessWarning(result, 2026)).toBe(
      'This takes the child’s ASGSF funding for specialist assessment in April 2026 to March 2027 over the assessment cap of £2,500.00 (£0.00 is already expected). £500.00 will be recorded as agency-funded.',
    );
    // An earlier assessment counts against the cap; therapy counts against the combined limit only.
    expect(checkFairAccess(current, [{ kind: 'assessment', asgsfPence: 200_000 }], { kind: 'assessment', asgsfPence: 100_000 }).excessPence).toBe(50_000);
    expect(checkFairAccess(current, [{ kind: 'therapy', asgsfPence: 100_000 }], { kind: 'assessment', asgsfPence: 250_000 })).toMatchObject({
      excessPence: 50_000,
      limitPence: 300_000,
    });
    expect(checkFairAccess(current, [], { kind: 'assessment', asgsfPence: 250_000 }).withinLimit).toBe(true);
  });

  it('treats the whole request as excess once the limit is used up', () => {
    expect(checkFairAccess(current, [{ kind: 'therapy', asgsfPence: 350_000 }], { kind: 'therapy', asgsfPence: 10_000 }).excessPence).toBe(10_000);
  });

  it('keeps therapy and assessment apart under the older separate limits', () => {
    const old = LIMITS[0];
    expect(checkFairAccess(old, [{ kind: 'assessment', asgsfPence: 250_000 }], { kind: 'therapy', asgsfPence: 500_000 }).withinLimit).toBe(true);
    expect(checkFairAccess(old, [{ kind: 'assessment', asgsfPence: 200_000 }], { kind: 'assessment', asgsfPence: 100_000 }).excessPence).toBe(50_000);
  });
});

describe('therapy completed within the financial year (from April 2025)', () => {
  it('warns when a package would run past 31 March', () => {
    // 12 weeks from Monday 1 February 2027 run to Sunday 25 April 2027.
    expect(yearEndWarning(LIMITS[1], '2027-02-01', 12)).toBe(
      'ASGSF therapy must be completed within the financial year, by 31 March 2027. Starting on 1 February 2027 and lasting 12 weeks, this would run to 25 April 2027: shorten it, start it earlier, or fund the rest from the agency.',
    );
    expect(yearEndWarning(LIMITS[1], '2027-01-04', 12)).toBeNull();
  });
  it('is quiet under the older rules, which allowed a package to carry over', () => {
    expect(yearEndWarning(LIMITS[0], '2025-02-03', 12)).toBeNull();
  });
});

describe('funding timing (BR-16)', () => {
  it('is quiet when funding is applied for in time', () => {
    expect(fundingTimingWarnings('2026-10-01', '2027-01-04', '2026-11-23')).toEqual([]);
  });

  it('warns when the needs assessment was more than 3 months ago', () => {
    expect(fundingTimingWarnings('2026-08-22', '2027-01-04', '2026-11-23')).toEqual([
      'The needs assessment was on 22 August 2026, more than 3 months ago. ASGSF funding should be applied for by 22 November 2026.',
    ]);
    expect(fundingTimingWarnings('2026-08-23', '2027-01-04', '2026-11-23')).toEqual([]);
  });

  it('warns when therapy would start before funding can be approved', () => {
    expect(fundingTimingWarnings('2026-11-01', '2026-11-23', '2026-11-23')).toHaveLength(1);
  });
});
