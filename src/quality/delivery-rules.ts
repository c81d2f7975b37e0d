import { addDays } from '../common/calendar/dates';

/** The share of contracted sessions delivered at which the commissioner is alerted to plan the ending. */
export const SESSIONS_ALERT_SHARE = 0.8;

/** The end report is due this many days after the contract's end date. */
export const END_REPORT_GRACE_DAYS = 14;

export const REPORT_INTERVAL_WEEKS = [4, 6, 8, 12] as const;
export const DEFAULT_REPORT_INTERVAL_WEEKS = 6;

export interface ScheduledReport {
  number: number;
  dueOn: string;
  submittedOn: string | null;
  onTime: boolean | null;
  overdue: boolean;
}

/**
 * The progress reports a contract asks for: one every `intervalWeeks` from
 * the start, up to (not including) the end date, which the end report covers.
 * Reports are matched to due dates in the order they were submitted.
 */
export function progressReportSchedule(
  startsOn: string,
  endsOn: string,
  intervalWeeks: number,
  submittedOn: readonly string[],
  today: string,
): ScheduledReport[] {
  const schedule: ScheduledReport[] = [];
  for (let number = 1; ; number++) {
    const dueOn = addDays(startsOn, number * intervalWeeks * 7);
    if (dueOn >= endsOn) break;
    const submitted = submittedOn[number - 1] ?? null;
    schedule.push({
      number,
      dueOn,
      submittedOn: submitted,
      onTime: submitted === null ? null : submitted <= dueOn,
      overdue: submitted === null && today > dueOn,
    });
  }
  return schedule;
}

export function endReportDueOn(endsOn: string, endedOn: string | null): string {
  return addDays(endedOn && endedOn < endsOn ? endedOn : endsOn, END_REPORT_GRACE_DAYS);
}

export interface SessionCheck {
  allowed: boolean;
  deliveredAfter: number;
  /** The log takes delivery to 80% or more of the contracted sessions for the first time. */
  crossesAlert: boolean;
  message: string | null;
}

/** A session log against the contracted number: refused beyond it, with the 80% mark noticed once. */
export function checkSessionLog(contracted: number | null, delivered: number, logged: number): SessionCheck {
  const deliveredAfter = delivered + logged;
  if (contracted === null) return { allowed: true, deliveredAfter, crossesAlert: false, message: null };
  if (deliveredAfter > contracted) {
    const left = Math.max(0, contracted - delivered);
    return {
      allowed: false,
      deliveredAfter: delivered,
      crossesAlert: false,
      message: `Only ${left} of the ${contracted} contracted sessions are left. Ask the commissioner about extending the contract`,
    };
  }
  const mark = contracted * SESSIONS_ALERT_SHARE;
  return { allowed: true, deliveredAfter, crossesAlert: delivered < mark && deliveredAfter >= mark, message: null };
}

export const ENDING_REASONS = {
  planned: {
    goals_met: 'The goals of the work were met',
    sessions_delivered: 'All the contracted sessions were delivered',
    agreed_to_end: 'The family and therapist agreed to end',
    moved_on: 'The family moved on to other support',
  },
  unplanned: {
    family_disengaged: 'The family stopped taking part',
    placement_disruption: 'The placement was disrupted or broke down',
    safeguarding: 'A safeguarding concern',
    practitioner_unavailable: 'The practitioner became unavailable',
    family_moved: 'The family moved away',
    other: 'Another reason',
  },
} as const;
export type EndingKind = keyof typeof ENDING_REASONS;
export type EndingReason = { [K in EndingKind]: keyof (typeof ENDING_REASONS)[K] }[EndingKind];

export function endingReasonLabel(reason: string): string {
  for (const reasons of Object.values(ENDING_REASONS)) if (Object.hasOwn(reasons, reason)) return reasons[reason as keyof typeof reasons];
  return reason;
}

/** A planned ending completes the contract; an unplanned one ends it early. */
export function statusAfterEnding(kind: EndingKind): 'completed' | 'ended_early' {
  return kind === 'planned' ? 'completed' : 'ended_early';
}

export interface EndingReadiness {
  endReportSubmitted: boolean;
  toolsWithoutBaseline: string[];
  measuresWithoutEnd: number;
}

/**
 * What stops an ending. A planned ending needs the end report and an end
 * score on every measure (BR-17). An unplanned one needs only the end report,
 * since a family that has stopped coming may give no end scores.
 */
export function endingProblems(kind: EndingKind, readiness: EndingReadiness): string[] {
  const problems: string[] = [];
  if (!readiness.endReportSubmitted) problems.push('Submit the end report before ending the contract');
  if (kind === 'planned') {
    for (const tool of readiness.toolsWithoutBaseline) problems.push(`Record a baseline and end ${tool} score before a planned ending`);
    if (readiness.measuresWithoutEnd > 0)
      problems.push(
        `Record the end score for ${readiness.measuresWithoutEnd === 1 ? 'the outcome measure' : `all ${readiness.measuresWithoutEnd} outcome measures`} still without one before a planned ending`,
      );
  }
  return problems;
}

/**
 * The one report a contract owes next, for the work queues: the end report
 * once the work has ended (or its end date has come), otherwise the first
 * progress report not yet sent. Null when the end report is in.
 */
export function nextReportDue(
  contract: {
    status: string;
    startsOn: string;
    endsOn: string;
    endedOn: string | null;
    reportIntervalWeeks: number;
    progressSubmittedOn: readonly string[];
    endReportSent: boolean;
  },
  today: string,
): { kind: 'progress' | 'end'; dueOn: string } | null {
  if (contract.endReportSent) return null;
  const ended = contract.status === 'completed' || contract.status === 'ended_early' || today >= (contract.endedOn ?? contract.endsOn);
  if (ended) return { kind: 'end', dueOn: endReportDueOn(contract.endsOn, contract.endedOn) };
  const next = progressReportSchedule(contract.startsOn, contract.endsOn, contract.reportIntervalWeeks, contract.progressSubmittedOn, today).find(
    (report) => report.submittedOn === null,
  );
  return next ? { kind: 'progress', dueOn: next.dueOn } : null;
}
