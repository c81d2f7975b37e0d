import { estimateTimeLeft, expectedCounts, planForRows, planForScale, ScalePlanError, statusSql, WEIGHTED_STATUSES } from './scale-plan';

describe('planForScale', () => {
  it('is national scale at 1: 150 agencies, 2,000 providers, 200,000 requirements and about a million bids', () => {
    const counts = expectedCounts(planForScale(1));
    expect(counts).toMatchObject({ agencies: 150, providers: 2000, requirements: 200_000 });
    expect(counts.bids).toBeGreaterThan(800_000);
    expect(counts.bids).toBeLessThan(1_200_000);
  });

  it('keeps each market as dense at 0.01, with fewer partnerships rather than thinner ones', () => {
    const plan = planForScale(0.01);
    expect(plan).toMatchObject({ partnerships: 1, requirements: 2000, providers: 66 });
    const bidsPerRequirement = expectedCounts(plan).bids / plan.requirements;
    expect(bidsPerRequirement).toBeCloseTo(expectedCounts(planForScale(1)).bids / 200_000, 0);
  });

  it.each([0, -1, Number.NaN, 3])('refuses a scale of %s', (scale) => {
    expect(() => planForScale(scale)).toThrow(ScalePlanError);
  });
});

describe('planForRows', () => {
  it('gives every status `rows` requirements and every requirement `rows` bidders', () => {
    const plan = planForRows(5);
    expect(plan.requirements).toBe(5 * WEIGHTED_STATUSES.length);
    expect(plan.providers).toBe(5);
    expect(plan.bidRate).toBe(1);
    expect(plan.lotsPerProvider).toBe(10);
  });

  it('refuses a fraction of a row', () => {
    expect(() => planForRows(2.5)).toThrow(ScalePlanError);
  });
});

describe('statusSql', () => {
  it('takes statuses in turn for a cyclic mix', () => {
    expect(statusSql(planForRows(1), 'n', 'u')).toBe(
      `(ARRAY['draft', 'published', 'closed', 'evaluating', 'awarded', 'no_award', 'cancelled'])[((n) - 1) % 7 + 1]`,
    );
  });

  it('cuts the uniform number at the cumulative shares for a weighted mix', () => {
    const sql = statusSql(planForScale(1), 'n', 'u');
    expect(sql).toContain(`WHEN u < 0.0500 THEN 'draft'`);
    expect(sql).toContain(`WHEN u < 0.9000 THEN 'no_award'`);
    expect(sql).toMatch(/ELSE 'cancelled' END$/);
  });

  it('has shares that add up to the whole', () => {
    expect(WEIGHTED_STATUSES.reduce((sum, [, share]) => sum + share, 0)).toBeCloseTo(1, 10);
  });
});

describe('estimateTimeLeft', () => {
  it('projects the rate so far onto what is left', () => {
    expect(estimateTimeLeft(250, 1000, 20_000)).toBe('about 1m 0s left');
    expect(estimateTimeLeft(500, 1000, 10_000)).toBe('about 10s left');
  });

  it('waits for the first rows before guessing', () => {
    expect(estimateTimeLeft(0, 1000, 5000)).toBe('estimating time left');
  });
});
