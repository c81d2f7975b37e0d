import { addDays } from '../common/calendar/dates';
import { londonInstant, londonTime } from '../common/calendar/london-time';
import { londonDate } from '../common/calendar/working-days';
import { formatDateTime } from '../common/views/format';

export interface InvitationCandidate {
  membershipStatus: 'active' | 'suspended' | 'removed';
  providerStatus: string;
  coversArea: boolean;
  /** The earliest expiry among the provider's current employer's, public liability and indemnity insurance; null if any is missing. */
  insuranceExpiresOn: string | null;
  /** On the partnership's debarment list on a mandatory ground: an excluded supplier (PA 2023 s.57(1)(b)). */
  debarredOnMandatoryGround: boolean;
}

/**
 * BR-4, BR-13, BR-18: a provider is invited when it holds an active
 * membership of the lot, covers the requirement's area, is itself active, and
 * its insurance is unexpired. A supplier debarred on a mandatory ground is
 * an excluded supplier and is never invited (PA 2023 s.57(1)(b)).
 */
export function isEligibleForInvitation(candidate: InvitationCandidate, today: string): boolean {
  return (
    candidate.membershipStatus === 'active' &&
    candidate.providerStatus === 'active' &&
    candidate.coversArea &&
    !candidate.debarredOnMandatoryGround &&
    candidate.insuranceExpiresOn !== null &&
    candidate.insuranceExpiresOn >= today
  );
}

export interface QualityCriterion {
  question: string;
  wordLimit: number;
  weight: number;
}

/** BR-8: the quality weights and the price weight are whole numbers that sum to 100. */
export function weightsProblem(criteria: Array<Pick<QualityCriterion, 'weight'>>, priceWeight: number): string | null {
  if (criteria.length === 0) return 'Add at least one quality question';
  const total = criteria.reduce((sum, criterion) => sum + criterion.weight, priceWeight);
  if (total !== 100) return `The weights must add up to 100. They add up to ${total}`;
  if (criteria.some((criterion) => criterion.weight <= 0)) return 'Give each quality question a weight of at least 1';
  return null;
}

export interface DeadlineFacts {
  now: Date;
  clarificationDeadline: Date;
  bidDeadline: Date;
  /** The framework route's minimum bid period in calendar days (BR-5). */
  minimumBidPeriodDays: number;
}

/**
 * The earliest bid deadline: the same UK wall-clock minute, the route's
 * minimum number of days after publication (so 241 hours across the autumn
 * clock change). The seconds of the publishing minute are ignored.
 */
export function earliestBidDeadline(publishedAt: Date, minimumBidPeriodDays: number): Date {
  return londonInstant(addDays(londonDate(publishedAt), minimumBidPeriodDays), londonTime(publishedAt));
}

/**
 * BR-5: the bid deadline is at least the route's minimum period after
 * publication, compared as instants to the minute, and questions close before bids do.
 */
export function deadlineProblems(facts: DeadlineFacts): { clarificationDeadline?: string; bidDeadline?: string } {
  const problems: { clarificationDeadline?: string; bidDeadline?: string } = {};
  const earliest = earliestBidDeadline(facts.now, facts.minimumBidPeriodDays);
  if (facts.bidDeadline.getTime() <= facts.now.getTime()) problems.bidDeadline = 'The bid deadline must be in the future';
  else if (facts.bidDeadline.getTime() < earliest.getTime()) {
    problems.bidDeadline = `The bid deadline must be at least ${facts.minimumBidPeriodDays} days after publication, so at or after ${formatDateTime(earliest)}`;
  }
  if (facts.clarificationDeadline.getTime() <= facts.now.getTime()) problems.clarificationDeadline = 'The deadline for questions must be in the future';
  else if (facts.clarificationDeadline.getTime() >= facts.bidDeadline.getTime())
    problems.clarificationDeadline = 'The deadline for questions must be before the bid deadline';
  return problems;
}

/** Opportunities closing within this many hours are shown as closing soon, and get a reminder (48 hours). */
export const CLOSING_SOON_HOURS = 48;
