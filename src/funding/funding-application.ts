import { addYears } from '../common/calendar/dates';
import { formatIsoDate, formatPence } from '../common/views/format';
import { checkFairAccess, FairAccessLimitRule, financialYearLabel, financialYearOf, FundingLine } from './funding-rules';

/** An ASGSF application for one child and one package, from the agency's draft to the fund's money spent. */
export const FUNDING_STATUSES = ['drafted', 'submitted', 'approved', 'partly_approved', 'declined', 'claimed', 'closed'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export const FUNDING_STATUS_LABELS: Record<FundingStatus, string> = {
  drafted: 'Drafted',
  submitted: 'Submitted to the fund',
  approved: 'Approved',
  partly_approved: 'Partly approved',
  declined: 'Declined',
  claimed: 'Claimed',
  closed: 'Closed',
};

/** A declined application expects nothing from the fund; every other one counts against the child's limit. */
export const LIVE_FUNDING_STATUSES: readonly FundingStatus[] = ['drafted', 'submitted', 'approved', 'partly_approved', 'claimed', 'closed'];

export const LEGAL_ORDERS = {
  adopted: 'Adopted (from care in the UK, or from abroad with a recognised adoption)',
  placed_for_adoption: 'Placed for adoption and waiting for the order',
  special_guardianship_order: 'Special guardianship order',
  child_arrangements_order: 'Child arrangements order (or residence order)',
  none: 'None of these',
} as const;
export type LegalOrder = keyof typeof LEGAL_ORDERS;

export interface EligibilityFacts {
  legalOrder: LegalOrder;
  previouslyLookedAfter: boolean;
  livesInEngland: boolean;
  ehcPlan: boolean;
  dateOfBirth: string;
}

export interface Eligibility {
  eligible: boolean;
  /** Why not, in words for the commissioner; empty when eligible. */
  reasons: string[];
}

/**
 * Who the ASGSF can fund (DfE, "Adoption and special guardianship support
 * fund (ASGSF)" guidance, funding eligibility): children and young people up
 * to and including the age of 21, or 25 with an education, health and care
 * plan, living in England, who are adopted or placed for adoption, or under a
 * special guardianship or child arrangements order having been looked after
 * before it. The age is taken on `onDate`, the day the package starts.
 */
export function asgsfEligibility(facts: EligibilityFacts, onDate: string): Eligibility {
  const reasons: string[] = [];
  if (facts.legalOrder === 'none') reasons.push('The child is not adopted, placed for adoption, or under a special guardianship or child arrangements order.');
  if ((facts.legalOrder === 'special_guardianship_order' || facts.legalOrder === 'child_arrangements_order') && !facts.previouslyLookedAfter) {
    reasons.push('A child under a special guardianship or child arrangements order is eligible only if they were looked after before the order.');
  }
  if (!facts.livesInEngland) reasons.push('The child must live in England.');
  const lastAge = facts.ehcPlan ? 25 : 21;
  const ageLimitEnds = addYears(facts.dateOfBirth, lastAge + 1);
  if (onDate >= ageLimitEnds) {
    reasons.push(
      `The fund is for children and young people up to and including the age of ${lastAge}${facts.ehcPlan ? ' with an education, health and care plan' : ' (25 with an education, health and care plan)'}: this child is ${ageOn(facts.dateOfBirth, onDate)} on ${formatIsoDate(onDate)}.`,
    );
  }
  return { eligible: reasons.length === 0, reasons };
}

/**
 * What the child's age alone says before any facts are entered: nothing while
 * they are 21 or under, eligible only with an education, health and care plan
 * at 22 to 25, and not eligible from 26.
 */
export function ageEligibilityNotice(dateOfBirth: string, onDate: string): string | null {
  const age = ageOn(dateOfBirth, onDate);
  if (age > 25)
    return `This child is not eligible for the ASGSF: they are ${age} on ${formatIsoDate(onDate)}, and the fund is for children and young people up to and including 21, or 25 with an education, health and care plan.`;
  if (age > 21) return `This child is ${age} on ${formatIsoDate(onDate)}: they are eligible for the ASGSF only with an education, health and care plan.`;
  return null;
}

/** Whole years of age on a day. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  let age = Number(onDate.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  if (onDate.slice(5) < dateOfBirth.slice(5)) age -= 1;
  return age;
}

export interface PackageLines {
  therapyPence: number;
  assessmentPence: number;
}

export interface PackageCheck {
  financialYear: number;
  /** What the fund is asked for: the package's lines together. */
  asgsfPence: number;
  /** The part above the fair access limit: agency-funded, and for the panel to decide. */
  excessPence: number;
  limitPence: number;
  alreadyExpectedPence: number;
  /** Problems that stop the application (shown on the field named). */
  refusals: Array<{ field: 'assessment' | 'therapy' | 'endsOn'; text: string }>;
  warnings: string[];
}

/**
 * The 2025 rules on one package for one child (BR-15): its financial year comes
 * from its start date; the limit is the one in force that day; `earlier` is what
 * the fund is already expected to pay for the same child that year, across the
 * partnership. An assessment above the cap stops (no match funding from April
 * 2025); therapy above the limit is agency-funded; a package running past
 * 31 March under a complete-within-year rule warns.
 */
export function checkPackage(
  limit: FairAccessLimitRule,
  earlier: FundingLine[],
  lines: PackageLines,
  dates: { startsOn: string; endsOn: string },
): PackageCheck {
  const financialYear = financialYearOf(dates.startsOn);
  const refusals: PackageCheck['refusals'] = [];
  const warnings: string[] = [];
  let counted = [...earlier];
  let excessPence = 0;
  let limitPence = limit.combinedLimitPence ?? limit.therapyLimitPence ?? 0;
  const alreadyExpectedPence = earlier.reduce((sum, line) => sum + line.asgsfPence, 0);
  if (lines.assessmentPence > 0) {
    const result = checkFairAccess(limit, counted, { kind: 'assessment', asgsfPence: lines.assessmentPence });
    if (result.assessmentCap) {
      refusals.push({
        field: 'assessment',
        text: `Specialist assessment for one child is capped at ${formatPence(result.limitPence)} in ${financialYearLabel(financialYear)}, and the fund does not match-fund above it: ${formatPence(result.alreadyCommittedPence)} is already expected, so enter ${formatPence(Math.max(0, result.limitPence - result.alreadyCommittedPence))} or less`,
      });
    } else {
      excessPence += result.excessPence;
      if (limit.combinedLimitPence === null) limitPence = result.limitPence;
    }
    counted = [...counted, { kind: 'assessment', asgsfPence: lines.assessmentPence - result.excessPence }];
  }
  if (lines.therapyPence > 0) {
    const result = checkFairAccess(limit, counted, { kind: 'therapy', asgsfPence: lines.therapyPence });
    excessPence += result.excessPence;
    limitPence = result.limitPence;
  }
  if (limit.completeWithinYear && dates.endsOn > `${financialYear + 1}-03-31`) {
    warnings.push(
      `ASGSF therapy must be completed within the financial year, by ${formatIsoDate(`${financialYear + 1}-03-31`)}. This package runs to ${formatIsoDate(dates.endsOn)}: shorten it, or fund the rest from the agency.`,
    );
  }
  if (excessPence > 0 && refusals.length === 0) {
    warnings.push(
      `This takes the child’s ASGSF funding for ${financialYearLabel(financialYear)} over the fair access limit (${formatPence(alreadyExpectedPence)} is already expected across the partnership). ${formatPence(excessPence)} is above it: agency-funded, and for the panel to decide.`,
    );
  }
  return { financialYear, asgsfPence: lines.therapyPence + lines.assessmentPence, excessPence, limitPence, alreadyExpectedPence, refusals, warnings };
}

export interface FundingState {
  status: FundingStatus;
  asgsfPence: number;
  excessPence: number;
  approvedPence: number | null;
}

export type FundingAction =
  | { action: 'submit'; asgsfReference: string; submittedOn: string }
  | { action: 'approve' }
  | { action: 'partly_approve'; approvedPence: number }
  | { action: 'decline' }
  | { action: 'claim'; claimedPence: number }
  | { action: 'close' };

export type FundingActionName = FundingAction['action'];

const MOVES: Record<FundingActionName, { from: readonly FundingStatus[]; to: FundingStatus }> = {
  submit: { from: ['drafted'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  partly_approve: { from: ['submitted'], to: 'partly_approved' },
  decline: { from: ['submitted'], to: 'declined' },
  claim: { from: ['approved', 'partly_approved'], to: 'claimed' },
  close: { from: ['claimed', 'declined'], to: 'closed' },
};

export type TransitionResult =
  { ok: true; status: FundingStatus; changes: Record<string, string | number | null> } | { ok: false; field: string; text: string };

/** The actions open to an application in a status, for the page's buttons. */
export const actionsFrom = (status: FundingStatus): FundingActionName[] =>
  (Object.keys(MOVES) as FundingActionName[]).filter((name) => MOVES[name].from.includes(status));

/**
 * The one lifecycle of an ASGSF application: drafted → submitted (with the
 * fund's reference and date) → approved | partly approved (with the amount) |
 * declined → claimed → closed. Refuses an illegal move or an amount out of range,
 * saying why. `today` is the London date: a submission is never dated ahead of it.
 */
export function fundingTransition(current: FundingState, input: FundingAction, today: string): TransitionResult {
  const move = MOVES[input.action];
  if (!move.from.includes(current.status)) {
    return {
      ok: false,
      field: 'action',
      text: `An application that is ${FUNDING_STATUS_LABELS[current.status].toLowerCase()} cannot be ${ACTION_PAST[input.action]}`,
    };
  }
  const expected = current.asgsfPence - current.excessPence;
  switch (input.action) {
    case 'submit':
      if (input.submittedOn > today) return { ok: false, field: 'submittedOn', text: 'The date submitted must be today or in the past' };
      return { ok: true, status: move.to, changes: { asgsfReference: input.asgsfReference, appliedOn: input.submittedOn } };
    case 'approve':
      return { ok: true, status: move.to, changes: { approvedPence: expected, decidedOn: today } };
    case 'partly_approve':
      if (input.approvedPence <= 0 || input.approvedPence >= expected) {
        return { ok: false, field: 'approved', text: `The approved amount must be more than £0 and less than the ${formatPence(expected)} asked for` };
      }
      return { ok: true, status: move.to, changes: { approvedPence: input.approvedPence, decidedOn: today } };
    case 'decline':
      return { ok: true, status: move.to, changes: { approvedPence: 0, decidedOn: today } };
    case 'claim':
      if (input.claimedPence <= 0 || input.claimedPence > current.approvedPence!) {
        return {
          ok: false,
          field: 'claimed',
          text: `The amount claimed must be more than £0 and no more than the ${formatPence(current.approvedPence)} approved`,
        };
      }
      return { ok: true, status: move.to, changes: { claimedPence: input.claimedPence, claimedOn: today } };
    case 'close':
      return { ok: true, status: move.to, changes: { closedOn: today } };
  }
}

const ACTION_PAST: Record<FundingActionName, string> = {
  submit: 'submitted',
  approve: 'approved',
  partly_approve: 'partly approved',
  decline: 'declined',
  claim: 'claimed',
  close: 'closed',
};

/** What one application counts against the child's limit: the fund's decision once made, else what is asked within the limit. */
export function expectedFromFund(record: { status: FundingStatus; asgsfPence: number; excessPence: number; approvedPence: number | null }): number {
  if (record.status === 'declined') return 0;
  return record.approvedPence ?? record.asgsfPence - record.excessPence;
}

/**
 * A package's dates against the work it funds: inside the contract's dates, or
 * the call-off's for a block, where they are known; and ending after it starts.
 */
export function packageDateProblems(
  period: { startsOn: string | null; endsOn: string | null },
  dates: { startsOn: string; endsOn: string },
): Array<{ field: 'startsOn' | 'endsOn'; text: string }> {
  const problems: Array<{ field: 'startsOn' | 'endsOn'; text: string }> = [];
  if (period.startsOn && dates.startsOn < period.startsOn)
    problems.push({ field: 'startsOn', text: `The package cannot start before the work does, on ${formatIsoDate(period.startsOn)}` });
  if (period.endsOn && dates.startsOn > period.endsOn)
    problems.push({ field: 'startsOn', text: `The package must start by the end of the work, ${formatIsoDate(period.endsOn)}` });
  if (dates.endsOn <= dates.startsOn) problems.push({ field: 'endsOn', text: 'The package must end after it starts' });
  else if (period.endsOn && dates.endsOn > period.endsOn)
    problems.push({ field: 'endsOn', text: `The package must end by the end of the work, ${formatIsoDate(period.endsOn)}` });
  return problems;
}
