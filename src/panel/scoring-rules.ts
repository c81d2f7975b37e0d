/**
 * BR-8, exactly: bids are ranked only on the published criteria and weights.
 * - Price score = (lowest compliant total ÷ this bid's total) × price weight.
 * - Quality score = (moderated score ÷ scale maximum) × criterion weight, summed.
 * - Ties go to the higher quality total, then the earlier final submission.
 * Non-compliant bids are shown with their reasons but are not ranked, and
 * their prices do not set the lowest compliant total. Nor, once moderation is
 * complete, do bids below the requirement's minimum quality score, if it has one.
 */
export interface RankingCriterion {
  weight: number;
}

export interface RankingBid {
  bidId: string;
  totalPence: number;
  /** Why the bid cannot be ranked (over the ceiling, flagged at the deadline); empty when compliant. */
  nonCompliance: string[];
  /** The latest submission before the deadline; the earlier wins a tie. */
  finalSubmittedAt: Date;
  /** The moderated score per criterion, in the published order; null where not yet moderated. */
  moderated: Array<number | null>;
}

export interface RankedBid {
  bidId: string;
  compliant: boolean;
  nonCompliance: string[];
  totalPence: number;
  /** Each criterion's contribution: moderated ÷ scale maximum × weight. */
  qualityScores: number[];
  qualityTotal: number;
  priceScore: number;
  total: number;
  /** Its moderated quality is below the requirement's minimum, so it is not ranked. */
  belowQualityMinimum: boolean;
  /** 1 for the best compliant bid; null for non-compliant, below-minimum or incompletely moderated bids. */
  rank: number | null;
}

export interface RankingResult {
  lowestCompliantTotalPence: number | null;
  /** The quality points a bid needs to be ranked, or null when the requirement sets no minimum. */
  minimumQualityScore: number | null;
  complete: boolean;
  bids: RankedBid[];
}

export function rankBids(
  criteria: RankingCriterion[],
  priceWeight: number,
  scaleMax: number,
  bids: RankingBid[],
  options: { minimumQualityPercent?: number | null } = {},
): RankingResult {
  const complete = bids
    .filter((bid) => bid.nonCompliance.length === 0)
    .every((bid) => bid.moderated.length === criteria.length && bid.moderated.every((score) => score !== null));
  const availableQuality = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  const minimumQualityScore = options.minimumQualityPercent ? (options.minimumQualityPercent / 100) * availableQuality : null;
  const quality = bids.map((bid) => {
    // Sum of score × weight is an integer; comparing it avoids floating-point ties going the wrong way.
    const weightedQuality = criteria.reduce((sum, criterion, index) => sum + (bid.moderated[index] ?? 0) * criterion.weight, 0);
    const qualityTotal = weightedQuality / scaleMax;
    const isCompliant = bid.nonCompliance.length === 0;
    // The minimum can only be judged once every compliant bid is moderated.
    const belowQualityMinimum = isCompliant && complete && minimumQualityScore !== null && qualityTotal < minimumQualityScore - 1e-9;
    return { bid, isCompliant, weightedQuality, qualityTotal, belowQualityMinimum, qualifies: isCompliant && !belowQualityMinimum };
  });
  const qualifying = quality.filter((entry) => entry.qualifies);
  const lowest = qualifying.length ? Math.min(...qualifying.map((entry) => entry.bid.totalPence)) : null;
  const scored = quality.map((entry) => {
    const qualityScores = criteria.map((criterion, index) => ((entry.bid.moderated[index] ?? 0) / scaleMax) * criterion.weight);
    const priceScore = entry.qualifies && lowest !== null && entry.bid.totalPence > 0 ? (lowest / entry.bid.totalPence) * priceWeight : 0;
    return { ...entry, qualityScores, priceScore, total: priceScore + entry.qualityTotal };
  });
  const rankable = scored.filter((entry) => entry.qualifies && complete);
  rankable.sort(
    (a, b) =>
      // Totals are compared to a millionth of a point: price scores are ratios, so equal bids can differ by rounding.
      (Math.abs(b.total - a.total) > 1e-6 ? b.total - a.total : 0) ||
      b.weightedQuality - a.weightedQuality ||
      a.bid.finalSubmittedAt.getTime() - b.bid.finalSubmittedAt.getTime(),
  );
  const ranks = new Map(rankable.map((entry, index) => [entry.bid.bidId, index + 1]));
  return {
    lowestCompliantTotalPence: lowest,
    minimumQualityScore,
    complete,
    bids: scored.map((entry) => ({
      bidId: entry.bid.bidId,
      compliant: entry.isCompliant,
      nonCompliance: entry.bid.nonCompliance,
      totalPence: entry.bid.totalPence,
      qualityScores: entry.qualityScores,
      qualityTotal: entry.qualityTotal,
      priceScore: entry.priceScore,
      total: entry.total,
      belowQualityMinimum: entry.belowQualityMinimum,
      rank: ranks.get(entry.bid.bidId) ?? null,
    })),
  };
}

/**
 * The spread of members' scores for one bid and criterion, and which are
 * outliers: more than one point from the median, so moderation discusses them.
 */
export function scoreSpread(scores: number[]): { min: number; max: number; median: number; outliers: number[] } {
  if (scores.length === 0) return { min: 0, max: 0, median: 0, outliers: [] };
  const sorted = [...scores].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], max: sorted[sorted.length - 1], median, outliers: scores.filter((score) => Math.abs(score - median) > 1) };
}

/** A compliant total this far (%) under the median of the compliant totals is flagged as possibly abnormally low. */
export const ABNORMALLY_LOW_PERCENT = 25;

/**
 * Compliant totals more than `percentBelowMedian` under the median of the
 * compliant totals (at least two needed). The panel asks the provider to
 * explain and records why it accepts or rejects the price before awarding.
 */
export function abnormallyLowBids(bids: Array<{ bidId: string; totalPence: number; compliant: boolean }>, percentBelowMedian: number): string[] {
  const totals = bids
    .filter((bid) => bid.compliant)
    .map((bid) => bid.totalPence)
    .sort((a, b) => a - b);
  if (totals.length < 2) return [];
  const middle = Math.floor(totals.length / 2);
  const median = totals.length % 2 ? totals[middle] : (totals[middle - 1] + totals[middle]) / 2;
  const threshold = median * (1 - percentBelowMedian / 100);
  return bids.filter((bid) => bid.compliant && bid.totalPence < threshold).map((bid) => bid.bidId);
}
