import { defineLifecycle } from '../common/lifecycle';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'under_evaluation', 'clarification_requested', 'decided'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** draft → submitted → under_evaluation ⇄ clarification_requested → decided (DESIGN.md §4). */
export const applicationLifecycle = defineLifecycle<ApplicationStatus>('An application', {
  draft: ['submitted'],
  submitted: ['under_evaluation'],
  under_evaluation: ['clarification_requested', 'decided'],
  clarification_requested: ['under_evaluation'],
  decided: [],
});

export const LOT_DECISIONS = ['admitted', 'rejected'] as const;
export type LotDecision = (typeof LOT_DECISIONS)[number];
