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
  if (agencies < rule.minimumAgencies) problems.push(`It needs members from at least ${rule.minimumAgencies} agencies; ${agencies === 1 ? '1 agency was' : `${agencies} agencies were`} represented`);
  return problems;
}
