import { addDays } from '../common/calendar/dates';

export const PROFESSIONS = {
  clinical_psychologist: 'Clinical psychologist',
  educational_psychologist: 'Educational psychologist',
  social_work_manager: 'Social work manager',
  other: 'Other',
} as const;
export type Profession = keyof typeof PROFESSIONS;

/** A partnership's quorum rule, kept as data. */
export interface QuorumRule {
  minimumMembers: number;
  minimumAgencies: number;
  /** Each group needs at least one attendee with one of its professions. */
  requiredGroups: Array<{ label: string; professions: Profession[] }>;
}

export const DEFAULT_QUORUM: QuorumRule = {
  minimumMembers: 3,
  minimumAgencies: 2,
  requiredGroups: [
    { label: 'a psychologist', professions: ['clinical_psychologist', 'educational_psychologist'] },
    { label: 'a social work manager', professions: ['social_work_manager'] },
  ],
};

/** A partnership's own rule, or the default when it has not set one. */
export const quorumRuleOf = (partnership: { panelQuorum: QuorumRule | null }): QuorumRule => partnership.panelQuorum ?? DEFAULT_QUORUM;

/** Why a meeting with these attendees is not quorate; empty when it is. */
export function quorumProblems(rule: QuorumRule, attendees: Array<{ profession: Profession; agencyId: string }>): string[] {
  const problems: string[] = [];
  if (attendees.length < rule.minimumMembers) problems.push(`It needs at least ${rule.minimumMembers} members; ${attendees.length} attended`);
  for (const group of rule.requiredGroups) {
    if (!attendees.some((attendee) => group.professions.includes(attendee.profession))) problems.push(`It needs ${group.label}`);
  }
  const agencies = new Set(attendees.map((attendee) => attendee.agencyId)).size;
  if (agencies < rule.minimumAgencies)
    problems.push(
      `It needs members from at least ${rule.minimumAgencies} agencies; ${agencies === 1 ? '1 agency was' : `${agencies} agencies were`} represented`,
    );
  return problems;
}

/**
 * BR-9: the quorum for one agenda item counts only the attendees without a
 * conflict of interest on it. A conflicted member may sit in the meeting but
 * cannot make up its numbers for that decision.
 */
export function agendaItemQuorumProblems<A extends { id: string; profession: Profession; agencyId: string }>(
  rule: QuorumRule,
  attendees: A[],
  conflictedMemberIds: Iterable<string>,
): string[] {
  const conflicted = new Set(conflictedMemberIds);
  const counted = attendees.filter((attendee) => !conflicted.has(attendee.id));
  const problems = quorumProblems(rule, counted);
  const excluded = attendees.length - counted.length;
  if (problems.length === 0 || excluded === 0) return problems;
  return [
    `${excluded === 1 ? '1 attendee' : `${excluded} attendees`} declared a conflict of interest on this requirement, so ${excluded === 1 ? 'does' : 'do'} not count towards its quorum`,
    ...problems,
  ];
}

/** How far ahead of today (London) a meeting may be dated and still record decisions: a day, for a meeting recorded late against the next date. */
export const DECISION_MEETING_DAYS_AHEAD = 1;

/** Why a meeting on this date cannot have decided anything yet; null when it can. */
export function decisionMeetingDateProblem(meetingDate: string, today: string): string | null {
  return meetingDate > addDays(today, DECISION_MEETING_DAYS_AHEAD)
    ? 'That meeting has not happened yet, so it cannot have decided. Choose the meeting where the panel decided'
    : null;
}
