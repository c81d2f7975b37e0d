import { addDays } from '../common/calendar/dates';
import { formatIsoDate } from '../common/views/format';
import { defineLifecycle } from '../common/lifecycle';

/** `awaiting_notice`: decided, waiting for the contract award notice a public contract needs before it is entered into (PA 2023 s.50). */
export const AWARD_STATUSES = ['awaiting_notice', 'standstill', 'confirmed', 'withdrawn'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export const awardLifecycle = defineLifecycle<AwardStatus>(
  'An award',
  { awaiting_notice: ['standstill', 'confirmed', 'withdrawn'], standstill: ['confirmed', 'withdrawn'], confirmed: [], withdrawn: [] },
  (state) => (state === 'standstill' ? 'in standstill' : state === 'awaiting_notice' ? 'waiting for its contract award notice' : state),
);

/** The states a decision can be recorded in: never already withdrawn. */
export const AWARD_OPENING_STATUSES: readonly AwardStatus[] = ['awaiting_notice', 'standstill', 'confirmed'];

export const CONTRACT_STATUSES = ['pending', 'active', 'completed', 'ended_early', 'exhausted'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
/** DESIGN.md §4, with `pending` before outcome tools are chosen (BR-17). */
export const contractLifecycle = defineLifecycle<ContractStatus>('A contract', {
  pending: ['active'],
  active: ['completed', 'ended_early', 'exhausted'],
  exhausted: ['completed'],
  completed: [],
  ended_early: [],
});

/** The contract facts that decide whether its provider may see the child's identifying details. */
export interface CaseDetailsFacts {
  kind: 'spot' | 'block';
  status: ContractStatus;
  /** The first day of the work: nothing is shared before it (issue: released at activation, not at the start). */
  startsOn: string | null;
  /** The last session, recorded at the ending. */
  endedOn: string | null;
  /** The planned end, used when an ended contract has no recorded last session. */
  endsOn: string | null;
}

/**
 * DESIGN.md §6: a spot contract's provider sees the child's identifying
 * details only while the work runs (active from its start date, or exhausted for a block) and for
 * `daysAfterEnd` days after it ends, counted from the last session. With 0
 * they are withdrawn as soon as the contract ends.
 */
export function caseDetailsReleased(contract: CaseDetailsFacts, today: string, daysAfterEnd: number): boolean {
  if (contract.kind !== 'spot') return false;
  if (contract.status === 'active' || contract.status === 'exhausted') return contract.startsOn !== null && contract.startsOn <= today;
  if (contract.status !== 'completed' && contract.status !== 'ended_early') return false;
  const endedOn = contract.endedOn ?? contract.endsOn;
  return daysAfterEnd > 0 && endedOn !== null && today <= addDays(endedOn, daysAfterEnd);
}

/** A call-off's own period: a null start is a call-off made before call-offs had dates, which shares nothing. */
export interface CallOffPeriod {
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * DESIGN.md §6 for a block: the provider sees a call-off's child only for
 * that call-off, from its start to its planned last day while the block
 * runs, and for `daysAfterEnd` days after (counted from the last day of the
 * call-off, or of the block if it ended first).
 */
export function callOffDetailsReleased(contract: CaseDetailsFacts, callOff: CallOffPeriod, today: string, daysAfterEnd: number): boolean {
  if (contract.kind !== 'block' || callOff.startsOn === null || callOff.endsOn === null || today < callOff.startsOn) return false;
  const running = contract.status === 'active' || contract.status === 'exhausted';
  const finished = contract.status === 'completed' || contract.status === 'ended_early';
  if (!running && !finished) return false;
  const blockEnd = finished ? (contract.endedOn ?? contract.endsOn) : null;
  const lastDay = blockEnd && blockEnd < callOff.endsOn ? blockEnd : callOff.endsOn;
  if (finished && daysAfterEnd === 0) return false;
  return today <= addDays(lastDay, daysAfterEnd);
}

/** A call-off's dates: within the block's term, and ending after it starts. */
export function callOffDateProblems(
  contract: { startsOn: string | null; endsOn: string | null },
  callOff: { startsOn: string; endsOn: string },
): Array<{ field: 'startsOn' | 'endsOn'; text: string }> {
  const problems: Array<{ field: 'startsOn' | 'endsOn'; text: string }> = [];
  if (contract.startsOn && callOff.startsOn < contract.startsOn)
    problems.push({ field: 'startsOn', text: `The call-off cannot start before the contract does, on ${formatIsoDate(contract.startsOn)}` });
  if (callOff.endsOn <= callOff.startsOn) problems.push({ field: 'endsOn', text: 'The call-off must end after it starts' });
  else if (contract.endsOn && callOff.endsOn > contract.endsOn)
    problems.push({ field: 'endsOn', text: `The call-off must end by the contract’s end, ${formatIsoDate(contract.endsOn)}` });
  return problems;
}

/**
 * A contract's dates when it starts: it cannot start before the award that
 * created it (the market report's days from award to start would go below
 * zero), and it ends after it starts. Each problem names its field.
 */
export function contractDateProblems(dates: { startsOn: string; endsOn: string; awardedOn: string }): Array<{ field: 'startsOn' | 'endsOn'; text: string }> {
  const problems: Array<{ field: 'startsOn' | 'endsOn'; text: string }> = [];
  if (dates.startsOn < dates.awardedOn)
    problems.push({ field: 'startsOn', text: `The start date must be on or after the award date, ${formatIsoDate(dates.awardedOn)}` });
  if (dates.endsOn <= dates.startsOn) problems.push({ field: 'endsOn', text: 'The end date must be after the start date' });
  return problems;
}

export const OUTCOME_TOOLS = {
  SDQ: 'Strengths and Difficulties Questionnaire (SDQ)',
  GBO: 'Goal Based Outcomes (GBO)',
  AC: 'Assessment Checklist (AC)',
  BAC: 'Brief Assessment Checklist (BAC)',
  'TAYC-R': 'Thinking About Your Child – Revised (TAYC-R)',
} as const;
export type OutcomeTool = keyof typeof OUTCOME_TOOLS;

/** The share of a block used at which the commissioner is warned. */
export const LOW_BALANCE_SHARE = 0.8;

export interface CallOffCheck {
  allowed: boolean;
  usedAfter: number;
  remainingAfter: number;
  /** At or beyond 80% used after this call-off. */
  lowBalance: boolean;
  message: string | null;
}

/** A call-off against a block: refused beyond the volume, warned at 80% used. */
export function checkCallOff(volume: number, used: number, requested: number, unit: string): CallOffCheck {
  const usedAfter = used + requested;
  if (!Number.isInteger(requested) || requested <= 0)
    return { allowed: false, usedAfter: used, remainingAfter: volume - used, lowBalance: false, message: `Enter the number of ${unit}, 1 or more` };
  if (usedAfter > volume) {
    return {
      allowed: false,
      usedAfter: used,
      remainingAfter: volume - used,
      lowBalance: used >= volume * LOW_BALANCE_SHARE,
      message: `Only ${volume - used} ${unit} remain in this block, so ${requested} cannot be called off`,
    };
  }
  const lowBalance = usedAfter >= volume * LOW_BALANCE_SHARE;
  return {
    allowed: true,
    usedAfter,
    remainingAfter: volume - usedAfter,
    lowBalance,
    message: lowBalance ? `${Math.round((usedAfter / volume) * 100)}% of the block is used; ${volume - usedAfter} ${unit} remain` : null,
  };
}

/** CPV 85121270: psychiatrist or psychologist services, the closest common code for therapy. */
export const THERAPY_CPV = '85121270';

export interface PublicationFacts {
  title: string;
  buyer: string;
  supplier: string;
  valuePence: number;
  awardedOn: string;
  startsOn: string | null;
  endsOn: string | null;
  procedure: string;
}

/**
 * BR-12: the fields a UK contract award notice and a contract details notice
 * need, kept with each award and contract for publication and the OCDS export.
 */
export function publicationFields(facts: PublicationFacts) {
  return {
    ...facts,
    cpv: THERAPY_CPV,
    currency: 'GBP',
    valuePounds: (facts.valuePence / 100).toFixed(2),
  };
}
