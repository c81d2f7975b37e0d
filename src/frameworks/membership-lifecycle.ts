import { defineLifecycle } from '../common/lifecycle';

export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'removed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** active ⇄ suspended → removed; an active member can also be removed at once, for example on debarment. */
export const membershipLifecycle = defineLifecycle<MembershipStatus>('A membership', {
  active: ['suspended', 'removed'],
  suspended: ['active', 'removed'],
  removed: [],
});
