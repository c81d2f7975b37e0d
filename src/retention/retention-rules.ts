/**
 * The retention schedule for children's data (UK GDPR Art. 5(1)(e), storage
 * limitation). Each kind of record is kept for a whole number of months after
 * its anchor date, then erased or anonymised by the retention job. The rules
 * are pure functions; where the job needs the same rule in SQL, the fragment
 * sits beside its function.
 */

export const RETENTION_KINDS = ['case_details', 'needs_profile', 'feedback_comments', 'delivery_reports', 'compliance_documents', 'unsuccessful_bids'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Months each kind is kept, as configured. */
export type RetentionPeriods = Record<RetentionKind, number>;

export interface RetentionKindDefinition {
  /** The environment variable that sets the period. */
  envVar: string;
  defaultMonths: number;
  /** What is erased, for the admin and privacy pages. */
  label: string;
  /** From when the period runs, for the admin and privacy pages. */
  after: string;
  /** What one run's count is of, in the flash message. */
  countNoun: string;
}

export const RETENTION_SCHEDULE: Record<RetentionKind, RetentionKindDefinition> = {
  case_details: {
    envVar: 'RETENTION_CASE_DETAILS_MONTHS',
    defaultMonths: 12,
    label: 'The child’s case details (name, date of birth and case reference)',
    after: 'after the contract (or the block call-off) ends, or after the requirement is cancelled or closed with no award',
    countNoun: 'case details',
  },
  needs_profile: {
    envVar: 'RETENTION_NEEDS_PROFILE_MONTHS',
    defaultMonths: 24,
    label: 'The free text of the needs profile (needs, previous interventions and accessibility)',
    after: 'after the contract ends, or after the requirement is cancelled or closed with no award',
    countNoun: 'needs profiles',
  },
  feedback_comments: {
    envVar: 'RETENTION_FEEDBACK_MONTHS',
    defaultMonths: 24,
    label: 'Comments in feedback from families and professionals',
    after: 'after the feedback is given',
    countNoun: 'feedback comments',
  },
  delivery_reports: {
    envVar: 'RETENTION_DELIVERY_REPORTS_MONTHS',
    defaultMonths: 72,
    label: 'The free text of progress and end reports, the goals in the family’s words, and the details of how the work ended',
    after: 'after the contract ends',
    countNoun: 'delivery reports, goals and endings',
  },
  compliance_documents: {
    envVar: 'RETENTION_COMPLIANCE_DOCUMENTS_MONTHS',
    defaultMonths: 72,
    label: 'Providers’ compliance documents (the uploaded files)',
    after: 'after they expire or are replaced',
    countNoun: 'compliance documents',
  },
  unsuccessful_bids: {
    envVar: 'RETENTION_UNSUCCESSFUL_BIDS_MONTHS',
    defaultMonths: 36,
    label: 'The answers in unsuccessful bids',
    after: 'after the award decision',
    countNoun: 'unsuccessful bids',
  },
};

/** Longest period accepted: 100 years. */
export const MAX_RETENTION_MONTHS = 1200;

/** `date` plus whole calendar months in UTC; the 31st becomes the month's last day, as PostgreSQL's interval arithmetic does. */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const target = new Date(Date.UTC(year, month, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** When a record anchored at `anchor` falls due for erasure; null when its period has not started. */
export function erasureDueAt(anchor: Date | null, months: number): Date | null {
  return anchor ? addMonths(anchor, months) : null;
}

export function isDue(anchor: Date | null, months: number, now: Date): boolean {
  const due = erasureDueAt(anchor, months);
  return due !== null && due.getTime() <= now.getTime();
}

/** The SQL twin of erasureDueAt: the anchor (a timestamptz expression) plus the months (a parameter), in UTC. */
export const erasureDueAtSql = (anchor: string, months: string) =>
  `((${anchor}) AT TIME ZONE 'UTC' + make_interval(months => ${months}::int)) AT TIME ZONE 'UTC'`;

/** A calendar date (YYYY-MM-DD) as midnight UTC: dates in the schema have no time of day. */
export function dateAnchor(isoDate: string | null): Date | null {
  return isoDate ? new Date(`${isoDate}T00:00:00Z`) : null;
}

/** The SQL twin of dateAnchor. */
export const dateAnchorSql = (column: string) => `((${column})::timestamp AT TIME ZONE 'UTC')`;

/** Contract statuses in which the work has finished. */
export const FINISHED_CONTRACT_STATUSES = ['completed', 'ended_early'] as const;

export interface RequirementEnding {
  status: string;
  cancelledAt: Date | null;
  /** When the live no-award decision was made, if there is one. */
  noAwardDecidedAt: Date | null;
  /** The contracts of the live award. */
  contracts: Array<{ status: string; endedOn: string | null }>;
}

/**
 * When a requirement finished, from which its case details and needs profile
 * are kept: cancelled, decided with no award, or awarded with every contract
 * ended (the last ending counts). Null while it is still live.
 */
export function requirementFinishedAt(requirement: RequirementEnding): Date | null {
  if (requirement.status === 'cancelled') return requirement.cancelledAt;
  if (requirement.status === 'no_award') return requirement.noAwardDecidedAt;
  if (requirement.status !== 'awarded' || requirement.contracts.length === 0) return null;
  if (!requirement.contracts.every((contract) => (FINISHED_CONTRACT_STATUSES as readonly string[]).includes(contract.status) && contract.endedOn)) return null;
  return requirement.contracts.map((contract) => dateAnchor(contract.endedOn)!).reduce((latest, ended) => (ended > latest ? ended : latest));
}

/** The SQL twin of requirementFinishedAt, for the requirement with alias `r`: the live award's contracts, found through the indexes on awards and contracts. */
export const requirementFinishedAtSql = (r: string) => `(CASE
  WHEN ${r}.status = 'cancelled' THEN ${r}.cancelled_at
  WHEN ${r}.status = 'no_award' THEN (SELECT max(a.decided_at) FROM awards a WHERE a.requirement_id = ${r}.id AND a.status <> 'withdrawn' AND a.outcome = 'no_award')
  WHEN ${r}.status = 'awarded' THEN (SELECT max(${dateAnchorSql('c.ended_on')}) FROM awards a JOIN contracts c ON c.award_id = a.id
    WHERE a.requirement_id = ${r}.id AND a.status <> 'withdrawn' HAVING bool_and(c.status IN ('completed', 'ended_early') AND c.ended_on IS NOT NULL))
END)`;

/** When a contract's work ended; null while it goes on. */
export function contractEndedAt(contract: { status: string; endedOn: string | null }): Date | null {
  return (FINISHED_CONTRACT_STATUSES as readonly string[]).includes(contract.status) ? dateAnchor(contract.endedOn) : null;
}

/** The SQL twin of contractEndedAt, for the contract with alias `c`. */
export const contractEndedAtSql = (c: string) => `(CASE WHEN ${c}.status IN ('completed', 'ended_early') THEN ${dateAnchorSql(`${c}.ended_on`)} END)`;

/**
 * When a block call-off's work ended, from which its child's details are
 * kept: its planned last day once that has passed, or the block's ending if
 * that came first. Null while it goes on.
 */
export function callOffEndedAt(callOff: { endsOn: string | null }, contract: { status: string; endedOn: string | null }, now: Date): Date | null {
  const candidates = [dateAnchor(callOff.endsOn), contractEndedAt(contract)].filter((date): date is Date => date !== null && date <= now);
  return candidates.length ? new Date(Math.min(...candidates.map((date) => date.getTime()))) : null;
}

/** The SQL twin of callOffEndedAt, for the call-off `co` of contract `c`, with `now` the parameter given. */
export const callOffEndedAtSql = (co: string, c: string, now: string) =>
  `(SELECT min(anchor) FROM (VALUES (${dateAnchorSql(`${co}.ends_on`)}), (${contractEndedAtSql(c)})) AS anchors(anchor) WHERE anchor <= ${now})`;

/**
 * When a compliance document stopped being needed: when it expired or when
 * a newer one of the same type replaced it, whichever came first. "Other"
 * documents are not replaced by each other. Null while current and unexpired-by-date.
 */
export function documentEndedAt(document: { expiresOn: string | null; replacedAt: Date | null }): Date | null {
  const expired = dateAnchor(document.expiresOn);
  if (expired && document.replacedAt) return expired < document.replacedAt ? expired : document.replacedAt;
  return expired ?? document.replacedAt;
}

/** The SQL twin of documentEndedAt, for the document with alias `d` (least() ignores NULLs). */
export const documentEndedAtSql = (d: string) => `least(${dateAnchorSql(`${d}.expires_on`)},
  (SELECT min(n.uploaded_at) FROM compliance_documents n WHERE n.provider_id = ${d}.provider_id AND n.type = ${d}.type AND ${d}.type <> 'other' AND n.uploaded_at > ${d}.uploaded_at))`;

/** The default periods, for tests and the config's fallback. */
export const DEFAULT_RETENTION_PERIODS: RetentionPeriods = Object.fromEntries(
  RETENTION_KINDS.map((kind) => [kind, RETENTION_SCHEDULE[kind].defaultMonths]),
) as RetentionPeriods;

/** "1 month", "18 months", and whole years from two: "6 years". */
export function describePeriod(months: number): string {
  if (months >= 24 && months % 12 === 0) return `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}
