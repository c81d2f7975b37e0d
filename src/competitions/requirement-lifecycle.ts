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

export const REQUIREMENT_STATUS_TAGS: Record<RequirementStatus, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--grey' },
  published: { text: 'Open for bids', classes: 'govuk-tag--blue' },
  closed: { text: 'Closed', classes: 'govuk-tag--purple' },
  evaluating: { text: 'Being evaluated', classes: 'govuk-tag--purple' },
  awarded: { text: 'Awarded', classes: 'govuk-tag--green' },
  no_award: { text: 'Not awarded', classes: 'govuk-tag--orange' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--red' },
};
