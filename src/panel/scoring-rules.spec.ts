import { abnormallyLowBids, rankBids, scoreSpread } from './scoring-rules';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 11, minute));
const criteria = [{ weight: 40 }, { weight: 30 }];

describe('BR-8 ranking', () => {
  it('scores price by formula and quality by moderated score, with every number shown', () => {
    // Hand-computed: lowest compliant total is £950.
    // A: price 950/950 × 30 = 30; quality 3/4 × 40 = 30 and 2/4 × 30 = 15; total 75.
    // B: price 950/1100 × 30 = 25.909…; quality 4/4 × 40 = 40 and 4/4 × 30 = 30; total 95.909…
    const result = rankBids(criteria, 30, 4, [
      { bidId: 'A', totalPence: 95_000, nonCompliance: [], finalSubmittedAt: at(1), moderated: [3, 2] },
      { bidId: 'B', totalPence: 110_000, nonCompliance: [], finalSubmittedAt: at(2), moderated: [4, 4] },
    ]);
    expect(result.lowestCompliantTotalPence).toBe(95_000);
    expect(result.complete).toBe(true);
    const [a, b] = result.bids;
    expect(a).toMatchObject({ priceScore: 30, qualityScores: [30, 15], qualityTotal: 45, total: 75, rank: 2 });
    expect(b.priceScore).toBeCloseTo(25.909090909, 8);
    expect(b).toMatchObject({ qualityScores: [40, 30], qualityTotal: 70, rank: 1 });
    expect(b.total).toBeCloseTo(95.909090909, 8);
  });

  it('leaves a non-compliant bid unranked, and its low price does not set the lowest total', () => {
    const result = rankBids(criteria, 30, 4, [
      { bidId: 'cheap but over the ceiling', totalPence: 50_000, nonCompliance: ['Over the ceiling price'], finalSubmittedAt: at(1), moderated: [null, null] },
      { bidId: 'compliant', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(2), moderated: [2, 2] },
    ]);
    expect(result.lowestCompliantTotalPence).toBe(100_000);
    expect(result.bids[0]).toMatchObject({ compliant: false, rank: null, priceScore: 0 });
    expect(result.bids[1]).toMatchObject({ priceScore: 30, qualityTotal: 35, total: 65, rank: 1 });
  });

  it('breaks a tie on total by the higher quality total', () => {
    // X: price 30 + quality (2/4×40 + 2/4×30 = 35) = 65. Y: price 1000/2000×30 = 15 + quality (4/4×40 + 1/4×30 = 47.5) = 62.5 — not a tie.
    // Z is built to tie X on total with more quality: price 1000/1200×30 = 25, quality 40 → 65.
    const result = rankBids(criteria, 30, 4, [
      { bidId: 'X', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(1), moderated: [2, 2] },
      { bidId: 'Z', totalPence: 120_000, nonCompliance: [], finalSubmittedAt: at(2), moderated: [4, 0] },
    ]);
    expect(result.bids.map((bid) => bid.total)).toEqual([65, expect.closeTo(65, 10)]);
    expect(result.bids.find((bid) => bid.bidId === 'Z')!.rank).toBe(1);
  });

  it('breaks a full tie by the earlier final submission', () => {
    const result = rankBids(criteria, 30, 4, [
      { bidId: 'later', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(9), moderated: [3, 3] },
      { bidId: 'earlier', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(4), moderated: [3, 3] },
    ]);
    expect(result.bids.map((bid) => [bid.bidId, bid.rank])).toEqual([
      ['later', 2],
      ['earlier', 1],
    ]);
  });

  it('ranks nothing until every compliant bid is moderated on every criterion', () => {
    const result = rankBids(criteria, 30, 4, [{ bidId: 'A', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(1), moderated: [3, null] }]);
    expect(result.complete).toBe(false);
    expect(result.bids[0].rank).toBeNull();
  });
});

describe('score spread for moderation', () => {
  it('finds the median and the scores more than a point from it', () => {
    expect(scoreSpread([2, 3, 3, 0])).toEqual({ min: 0, max: 3, median: 2.5, outliers: [0] });
    expect(scoreSpread([4, 4, 1])).toEqual({ min: 1, max: 4, median: 4, outliers: [1] });
    expect(scoreSpread([])).toEqual({ min: 0, max: 0, median: 0, outliers: [] });
  });
});

describe('BR-8 minimum quality score', () => {
  it('does not rank a bid below the minimum, and its price does not set the lowest total', () => {
    // 70 quality points; a 50% minimum is 35. "Unacceptable everywhere" scores 0 and is cheapest.
    const result = rankBids(
      criteria,
      30,
      4,
      [
        { bidId: 'cheap and poor', totalPence: 50_000, nonCompliance: [], finalSubmittedAt: at(1), moderated: [0, 0] },
        { bidId: 'good', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(2), moderated: [2, 2] },
      ],
      { minimumQualityPercent: 50 },
    );
    expect(result.lowestCompliantTotalPence).toBe(100_000);
    expect(result.bids[0]).toMatchObject({ rank: null, belowQualityMinimum: true, priceScore: 0, qualityTotal: 0 });
    expect(result.bids[1]).toMatchObject({ rank: 1, belowQualityMinimum: false, priceScore: 30, qualityTotal: 35 });
    expect(result.minimumQualityScore).toBe(35);
  });
  it('ranks on price when there is no minimum, as before', () => {
    const result = rankBids(criteria, 30, 4, [
      { bidId: 'cheap and poor', totalPence: 50_000, nonCompliance: [], finalSubmittedAt: at(1), moderated: [0, 0] },
      { bidId: 'good', totalPence: 100_000, nonCompliance: [], finalSubmittedAt: at(2), moderated: [2, 2] },
    ]);
    expect(result.bids[0]).toMatchObject({ rank: 2, belowQualityMinimum: false, priceScore: 30 });
    expect(result.minimumQualityScore).toBeNull();
  });
});

describe('abnormally low prices', () => {
  it('flags a compliant total more than the set percentage under the median of compliant totals', () => {
    const bids = [
      { bidId: 'A', totalPence: 100_000, compliant: true },
      { bidId: 'B', totalPence: 110_000, compliant: true },
      { bidId: 'C', totalPence: 120_000, compliant: true },
      { bidId: 'low', totalPence: 70_000, compliant: true },
      { bidId: 'non-compliant', totalPence: 10_000, compliant: false },
    ];
    // Median of 70k, 100k, 110k, 120k is 105k; 25% under is 78,750.
    expect(abnormallyLowBids(bids, 25)).toEqual(['low']);
    expect(abnormallyLowBids(bids, 40)).toEqual([]);
    expect(abnormallyLowBids([{ bidId: 'only', totalPence: 1, compliant: true }], 25)).toEqual([]);
  });
});
