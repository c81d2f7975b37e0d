import type { ProcurementRoute } from '../frameworks/procurement-routes';

/**
 * Issue 22: a user-choice direct award. Where the family has a clear
 * preference for one admitted provider, the Procurement Act 2023 lets the
 * agency award a light touch contract to it directly, without a competition
 * (s.41, with the user choice contracts justification in Schedule 5), after a
 * transparency notice (s.44). See docs/procurement-rules.md for what was and
 * was not verified.
 */
export const USER_CHOICE_GROUND = 'Procurement Act 2023, section 41 and Schedule 5 (direct award justifications: user choice contracts)';

export interface UserChoiceFacts {
  route: ProcurementRoute;
  /** The lot's light touch flag (PA 2023 s.9; Procurement Regulations 2024 Sch. 1). */
  lightTouch: boolean;
  requirementStatus: string;
  /** The chosen provider's membership of the requirement's lot; null when it has none. */
  membershipStatus: 'active' | 'suspended' | 'removed' | null;
}

export interface UserChoiceProblem {
  field: 'providerId' | 'legalGround';
  text: string;
}

/** Why this direct award cannot be made, or null when the ground can apply. */
export function userChoiceProblem(facts: UserChoiceFacts): UserChoiceProblem | null {
  if (facts.requirementStatus !== 'draft')
    return { field: 'legalGround', text: 'Only a draft requirement can be awarded directly: this one has been published for bids' };
  if (facts.route === 'legacy_dps') {
    return {
      field: 'legalGround',
      text: 'A direct award to the family’s chosen provider is a ground of the Procurement Act 2023; this framework is a dynamic purchasing system under the Public Contracts Regulations 2015, so publish the requirement for bids instead',
    };
  }
  if (!facts.lightTouch) {
    return {
      field: 'legalGround',
      text: 'A user choice direct award is only for light touch services, and this lot is not light touch, so publish the requirement for bids instead',
    };
  }
  if (facts.membershipStatus !== 'active') {
    return {
      field: 'providerId',
      text:
        facts.membershipStatus === 'suspended'
          ? 'That provider’s membership of this lot is suspended, so it cannot be awarded a contract'
          : 'Select a provider admitted to this lot',
    };
  }
  return null;
}
