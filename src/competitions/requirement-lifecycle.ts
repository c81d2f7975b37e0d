import { defineLifecycle } from '../common/lifecycle';

export const REQUIREMENT_STATUSES = ['draft', 'published', 'closed', 'evaluating', 'awarded', 'no_award', 'cancelled'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

/** DESIGN.md §4: draft → published → closed → evaluating → awarded | no_award; cancelled from published or closed; draft → awarded for a user-choice direct award. */
export const requirementLifecycle = defineLifecycle<RequirementStatus>('A requirement', {
  // Issue 22: a draft awarded directly to the family's chosen provider (user choice) is never published.
  draft: ['published', 'awarded'],
  published: ['closed', 'cancelled'],
  closed: ['evaluating', 'cancelled'],
  evaluating: ['awarded', 'no_award'],
  // An award withdrawn during its standstill (BR-11) returns the requirement to the panel.
  awarded: ['evaluating'],
  no_award: [],
  cancelled: [],
});

/**
 * The status people should see: a published requirement reads as closed from
 * the moment its bid deadline passes, before the closing job has run.
 */
export function effectiveStatus(requirement: { status: RequirementStatus; bidDeadline: Date | null }, now: Date): RequirementStatus {
  if (requirement.status === 'published' && requirement.bidDeadline && requirement.bidDeadline.getTime() <= now.getTime()) return 'closed';
  return requirement.status;
}

/** Open for bids: published with a deadline still ahead (a direct award has none and never is). */
export function isOpenForBids(requirement: { status: RequirementStatus; bidDeadline: Date | null }, now: Date): boolean {
  return requirement.status === 'published' && requirement.bidDeadline !== null && requirement.bidDeadline.getTime() > now.getTime();
}

// The SQL twins of these rules, for the requirements row with the alias given,
// by the database's clock. test/requirement-sql-rules.test.ts checks each
// against its function on the same rows; use them instead of writing a rule again.

/** A published row past its deadline, not yet closed by the job: `effectiveStatus` says closed. */
export const effectivelyClosedSql = (r: string) => `(${r}.status = 'published' AND ${r}.bid_deadline <= now())`;

/** `isOpenForBids` in SQL. */
export const openForBidsSql = (r: string) => `(${r}.status = 'published' AND ${r}.bid_deadline > now())`;

/** `effectiveStatus` in SQL, as text. */
export const effectiveStatusSql = (r: string) => `(CASE WHEN ${effectivelyClosedSql(r)} THEN 'closed' ELSE ${r}.status::text END)`;

/**
 * `statuses.includes(effectiveStatus(r))` in SQL, written as ORs on the stored
 * status so the planner can still use the status indexes.
 */
export function effectiveStatusInSql(r: string, statuses: readonly RequirementStatus[]): string {
  const parts: string[] = [];
  const stored = statuses.filter((status) => status !== 'published');
  if (stored.length) parts.push(`${r}.status IN (${stored.map((status) => `'${status}'`).join(', ')})`);
  if (statuses.includes('closed')) parts.push(effectivelyClosedSql(r));
  if (statuses.includes('published')) parts.push(`(${r}.status = 'published' AND (${r}.bid_deadline IS NULL OR ${r}.bid_deadline > now()))`);
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

export const REQUIREMENT_STATUS_TAGS: Record<RequirementStatus, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  published: { text: 'Open for bids', classes: 'govuk-tag--blue' },
  closed: { text: 'Closed', classes: 'govuk-tag--purple' },
  evaluating: { text: 'Being evaluated', classes: 'govuk-tag--purple' },
  awarded: { text: 'Awarded', classes: 'govuk-tag--green' },
  no_award: { text: 'Not awarded', classes: 'govuk-tag--orange' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
};
