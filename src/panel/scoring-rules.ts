/**
 * BR-8, exactly: bids are ranked only on the published criteria and weights.
 * - Price score = (lowest compliant total ÷ this bid's total) × price weight.
 * - Quality score = (moderated score ÷ scale maximum) × criterion weight, summed.
 * - Ties go to the higher quality total, then the earlier final submission.
 * Non-compliant bids are shown with their reasons but are not ranked, and
 * their prices do not set the lowest compliant total.
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
  /** 1 for the best compliant bid; null for non-compliant or incompletely moderated bids. */
  rank: number | null;
}

export interface RankingResult {
  lowestCompliantTotalPence: number | null;
  complete: boolean;
  bids: RankedBid[];
}

export function rankBids(criteria: RankingCriterion[], priceWeight: number, scaleMax: number, bids: RankingBid[]): RankingResult {
  const compliant = bids.filter((bid) => bid.nonCompliance.length === 0);
  const lowest = compliant.length ? Math.min(...compliant.map((bid) => bid.totalPence)) : null;
  const complete = compliant.every((bid) => bid.moderated.length === criteria.length && bid.moderated.every((score) => score !== null));
  const scored = bids.map((bid) => {
    const isCompliant = bid.nonCompliance.length === 0;
    const qualityScores = criteria.map((criterion, index) => ((bid.moderated[index] ?? 0) / scaleMax) * criterion.weight);
    // Sum of score × weight is an integer; comparing it avoids floating-point ties going the wrong way.
    const weightedQuality = criteria.reduce((sum, criterion, index) => sum + (bid.moderated[index] ?? 0) * criterion.weight, 0);
    const qualityTotal = weightedQuality / scaleMax;
    const priceScore = isCompliant && lowest !== null && bid.totalPence > 0 ? (lowest / bid.totalPence) * priceWeight : 0;
    return { bid, isCompliant, qualityScores, qualityTotal, weightedQuality, priceScore, total: priceScore + qualityTotal };
  });
  const rankable = scored.filter((entry) => entry.isCompliant && complete);
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
