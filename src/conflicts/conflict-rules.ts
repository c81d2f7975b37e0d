/**
 * Conflicts of interest (BR-9; Procurement Act 2023 Part 5, ss.81-83) as
 * pure rules: who acts on a requirement, whether they may read its bids,
 * and who may act as chair when the chair cannot.
 */

/** The capacities in which agency staff act on a requirement once its bids have closed. */
export const CAPACITIES = ['commissioner', 'panel_member', 'framework_manager'] as const;
export type Capacity = (typeof CAPACITIES)[number];

export const CAPACITY_LABELS: Record<Capacity, string> = {
  commissioner: 'Commissioner',
  panel_member: 'Panel member',
  framework_manager: 'Framework manager',
};

/**
 * The capacities a person acts in on a requirement: a commissioner of the
 * agency that owns it, an active panel member of its partnership, a
 * framework manager of its partnership. Empty means no access.
 */
export function capacitiesOn(
  person: { roles: readonly string[]; agencyId: string | null; partnershipId: string | null; activePanelMember: boolean },
  requirement: { agencyId: string; partnershipId: string },
): Capacity[] {
  if (!person.partnershipId || person.partnershipId !== requirement.partnershipId) return [];
  const capacities: Capacity[] = [];
  if (person.roles.includes('commissioner') && person.agencyId === requirement.agencyId) capacities.push('commissioner');
  if (person.roles.includes('panel_member') && person.activePanelMember) capacities.push('panel_member');
  if (person.roles.includes('framework_manager')) capacities.push('framework_manager');
  return capacities;
}

/** The choices for each bidder on a declaration form. */
export const DECLARATION_ITEMS = [
  { value: 'none', text: 'No conflict of interest' },
  { value: 'conflict', text: 'I have a conflict of interest' },
];

export type BidAccess = 'undeclared' | 'conflicted' | 'clear';

/**
 * Whether a person may read a requirement's bids from their current
 * declarations (one per bidder). A conflict with any bidder excludes them
 * from every bid on the requirement: evaluation compares bids, so seeing a
 * rival's price or answers could advantage the bidder they have an interest
 * in (PA 2023 s.82).
 */
export function bidAccess(declarations: ReadonlyArray<{ providerId: string; conflicted: boolean }>, bidderIds: readonly string[]): BidAccess {
  if (declarations.some((declaration) => declaration.conflicted)) return 'conflicted';
  const declared = new Set(declarations.map((declaration) => declaration.providerId));
  // A declaration must cover every bidder; bidders are fixed once bids close.
  // With no bids there is no one to be conflicted with, and nothing to see.
  if (bidderIds.some((id) => !declared.has(id))) return 'undeclared';
  return 'clear';
}

/**
 * Why this panel member cannot act as chair on a requirement (moderate,
 * review a price, record or withdraw the decision); null when they can.
 * A chair acts unless conflicted (checked with the bids). An alternate chair
 * acts only when no chair is available: every active chair of the
 * partnership has declared a conflict on the requirement, or has not
 * declared at all (absent). The conflict check on the alternate's own
 * declarations still applies.
 */
export function actingChairProblem(
  member: { isChair: boolean; isAlternateChair: boolean },
  chairs: ReadonlyArray<{ declared: boolean; conflicted: boolean }>,
  action: string,
): string | null {
  if (member.isChair) return null;
  if (!member.isAlternateChair) return `Only the panel chair can ${action}`;
  if (chairs.some((chair) => chair.declared && !chair.conflicted))
    return `The panel chair has declared no conflict of interest on this requirement, so only the chair can ${action}`;
  return null;
}

/** The portal's mitigation of a declared conflict, as the conflicts assessment shows it (PA 2023 s.82). */
export function mitigationText(conflicted: boolean, capacities: readonly Capacity[]): string {
  if (!conflicted) return 'None needed';
  const parts = ['Cannot see any bid on this requirement'];
  if (capacities.includes('panel_member'))
    parts.push(
      'cannot score, moderate or record the decision, and any scores already given are left out of moderation',
      'does not count towards the quorum for the decision',
    );
  return `${parts.join('; ')}.`;
}
