import { OUTCOME_TOOLS, OutcomeTool } from '../awards/award-rules';

export interface OutcomeScale {
  min: number;
  max: number;
  /** Which way is better: SDQ difficulties fall as a child improves, GBO goals rise. */
  better: 'lower' | 'higher';
  /** What one measure of the tool scores: its total, or (GBO) one named goal. */
  measures: 'total' | 'goal';
}

/**
 * BR-17: the range of each tool's score as its manual totals it. The SDQ
 * total difficulties is 20 items scored 0–2; GBO goals are rated 0–10; the
 * BAC is 20 items and the AC (the Assessment Checklist for Children) 120
 * items, each scored 0–2. TAYC-R is taken as a 0–100 total of parental
 * understanding, so higher is better.
 */
export const OUTCOME_SCALES: Record<OutcomeTool, OutcomeScale> = {
  SDQ: { min: 0, max: 40, better: 'lower', measures: 'total' },
  GBO: { min: 0, max: 10, better: 'higher', measures: 'goal' },
  AC: { min: 0, max: 240, better: 'lower', measures: 'total' },
  BAC: { min: 0, max: 40, better: 'lower', measures: 'total' },
  'TAYC-R': { min: 0, max: 100, better: 'higher', measures: 'total' },
};

/** GBO tracks up to three goals, each a measure of its own. */
export const MAX_GBO_GOALS = 3;

/** Why a typed score is refused for a tool, or null when it is a whole number in range. */
export function outcomeScoreProblem(tool: OutcomeTool, raw: string, which: 'baseline' | 'end'): string | null {
  const scale = OUTCOME_SCALES[tool];
  const text = raw.trim();
  if (text === '') return `Enter the ${which} score`;
  if (!/^\d{1,3}$/.test(text) || Number(text) < scale.min || Number(text) > scale.max) {
    return `The ${which} ${tool} score must be a whole number from ${scale.min} to ${scale.max}`;
  }
  return null;
}

export interface OutcomeChange {
  /** End minus baseline. */
  change: number;
  direction: 'improved' | 'worse' | 'no change';
  /** Improvement as a share of the room the baseline left, from -1 to 1; null with no room. */
  shareOfPossible: number | null;
  text: string;
}

/** The change from baseline to end, read in the tool's better direction. */
export function outcomeChange(tool: OutcomeTool, baseline: number, end: number): OutcomeChange {
  const scale = OUTCOME_SCALES[tool];
  const change = end - baseline;
  const improvement = scale.better === 'lower' ? -change : change;
  const room = scale.better === 'lower' ? baseline - scale.min : scale.max - baseline;
  const direction = improvement > 0 ? 'improved' : improvement < 0 ? 'worse' : 'no change';
  const signed = change > 0 ? `+${change}` : String(change);
  return {
    change,
    direction,
    shareOfPossible: room > 0 ? Math.max(-1, Math.min(1, improvement / room)) : null,
    text: direction === 'no change' ? 'No change' : `${signed} (${direction})`,
  };
}

export function outcomeToolName(tool: OutcomeTool): string {
  return OUTCOME_TOOLS[tool];
}
