/**
 * Requests the multi-agency resource panel decides before a requirement is
 * published (seed 002: the panel considers ASGSF applications that exceed the
 * fair access limit, and requests to block purchase services).
 */
export const PANEL_REQUEST_KINDS = {
  block_purchase: 'Block purchase',
  excess_funding: 'Agency funding above the fair access limit',
} as const;
export type PanelRequestKind = keyof typeof PANEL_REQUEST_KINDS;

export const PANEL_OUTCOMES = { approved: 'Approved', declined: 'Declined', deferred: 'Deferred' } as const;
export type PanelOutcome = keyof typeof PANEL_OUTCOMES;
export type PanelRequestStatus = 'pending' | PanelOutcome;

export interface PanelNeed {
  kind: PanelRequestKind;
  /** For excess funding: the part of the child's ASGSF above the fair access limit, which the agency would fund. */
  excessPence: number;
}

/**
 * The one place that decides which panel decisions a requirement needs: a
 * block purchase always needs one; a spot purchase needs one when its
 * expected ASGSF takes the child over the fair access limit (the excess from
 * checkFairAccess in src/funding/funding-rules.ts).
 */
export function panelDecisionsNeeded(requirement: { purchaseType: 'spot' | 'block' }, fairAccess: { excessPence: number } | null): PanelNeed[] {
  if (requirement.purchaseType === 'block') return [{ kind: 'block_purchase', excessPence: 0 }];
  if (fairAccess && fairAccess.excessPence > 0) return [{ kind: 'excess_funding', excessPence: fairAccess.excessPence }];
  return [];
}
