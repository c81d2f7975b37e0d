import { formatDateTime, formatIsoDate, formatPence } from '../common/views/format';
import { earliestBidDeadline, QualityCriterion, weightsProblem } from './competition-rules';

/** What an amendment may change on a published requirement, as stored in its version (dates as ISO strings). */
export interface AmendableTerms {
  clarificationDeadline: string;
  bidDeadline: string;
  sessionCount: number | null;
  sessionMinutes: number | null;
  startBy: string | null;
  durationWeeks: number | null;
  ceilingPence: number | null;
  criteria: QualityCriterion[];
  priceWeight: number | null;
}

export type AmendableField = keyof AmendableTerms;

/**
 * A material change alters what is bid for or how bids are judged (the
 * criteria, weights, sessions or the price ceiling): bids submitted before it
 * were written to other terms, so their providers are asked to confirm or resubmit.
 */
export const MATERIAL_FIELDS: ReadonlySet<AmendableField> = new Set(['criteria', 'priceWeight', 'sessionCount', 'sessionMinutes', 'ceilingPence']);

const LABELS: Record<AmendableField, string> = {
  clarificationDeadline: 'Questions close',
  bidDeadline: 'Bids close',
  sessionCount: 'Number of sessions',
  sessionMinutes: 'Length of each session',
  startBy: 'Start by',
  durationWeeks: 'Expected duration',
  ceilingPence: 'Ceiling price',
  criteria: 'Quality questions',
  priceWeight: 'Price weight',
};

/** JSON with object keys sorted: jsonb hands keys back in its own order, so key order must not count as a change. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The fields whose values differ, in a fixed order. */
export function changedFields(before: AmendableTerms, after: AmendableTerms): AmendableField[] {
  return (Object.keys(LABELS) as AmendableField[]).filter((field) => !same(before[field], after[field]));
}

export const isMaterial = (fields: readonly AmendableField[]) => fields.some((field) => MATERIAL_FIELDS.has(field));

function show(field: AmendableField, value: unknown): string {
  if (value === null || value === undefined) return 'Not set';
  switch (field) {
    case 'clarificationDeadline':
    case 'bidDeadline':
      return formatDateTime(new Date(value as string));
    case 'startBy':
      return formatIsoDate(value as string);
    case 'ceilingPence':
      return formatPence(value as number);
    case 'sessionMinutes':
      return `${value} minutes`;
    case 'durationWeeks':
      return `${value} weeks`;
    case 'priceWeight':
      return `${value}%`;
    case 'criteria':
      return (value as QualityCriterion[])
        .map((criterion, index) => `${index + 1}. ${criterion.question} (${criterion.weight}%, ${criterion.wordLimit} words)`)
        .join(' ');
    default:
      return String(value);
  }
}

/** The change history's lines: what each changed field was and now is, in words. */
export function describeChanges(before: Partial<AmendableTerms>, after: Partial<AmendableTerms>): Array<{ label: string; before: string; after: string }> {
  return (Object.keys(LABELS) as AmendableField[])
    .filter((field) => field in after)
    .map((field) => ({ label: LABELS[field], before: show(field, before[field]), after: show(field, after[field]) }));
}

export interface AmendmentFacts {
  now: Date;
  current: AmendableTerms;
  proposed: AmendableTerms;
  /** The framework route's minimum bid period in days (BR-5). */
  minimumBidPeriodDays: number;
  /** True when the amendment adds an addendum or a document, which counts as a change on its own. */
  addsText: boolean;
}

export type AmendmentProblems = Partial<Record<'bidDeadline' | 'clarificationDeadline' | 'priceWeight' | 'change', string>>;

/**
 * PA 2023 s.31 and s.54(1)(d): a published requirement may be changed only
 * before its bid deadline; a deadline only moves later; after a material
 * change bidders get at least the route's minimum period again, counted from
 * the change; the weights still sum to 100 (BR-8); and something must change.
 */
export function amendmentProblems(facts: AmendmentFacts): AmendmentProblems {
  const problems: AmendmentProblems = {};
  const { current, proposed } = facts;
  const time = (iso: string) => new Date(iso).getTime();
  const fields = changedFields(current, proposed);
  if (!fields.length && !facts.addsText) problems.change = 'Change something, or add an addendum';
  if (time(proposed.bidDeadline) < time(current.bidDeadline)) problems.bidDeadline = 'The bid deadline can only move later';
  else if (isMaterial(fields)) {
    const earliest = earliestBidDeadline(facts.now, facts.minimumBidPeriodDays);
    if (time(proposed.bidDeadline) < earliest.getTime()) {
      problems.bidDeadline = `This change alters what is bid for or how bids are judged, so bidders need at least ${facts.minimumBidPeriodDays} days from now: move the bid deadline to ${formatDateTime(earliest)} or later`;
    }
  }
  if (time(proposed.clarificationDeadline) < time(current.clarificationDeadline))
    problems.clarificationDeadline = 'The deadline for questions can only move later';
  else if (time(proposed.clarificationDeadline) >= time(proposed.bidDeadline))
    problems.clarificationDeadline = 'The deadline for questions must be before the bid deadline';
  if (proposed.priceWeight !== null) {
    const weights = weightsProblem(proposed.criteria, proposed.priceWeight);
    if (weights) problems.priceWeight = weights;
  }
  return problems;
}

/**
 * The material amendment a provider's bid predates and has not confirmed:
 * the latest material one made after the bid's last submission. Null when
 * the bid is up to date, or was never submitted.
 */
export function amendmentBidPredates(
  bidSubmittedAt: Date | null,
  amendments: ReadonlyArray<{ number: number; material: boolean; createdAt: Date }>,
  confirmedNumbers: ReadonlySet<number>,
): number | null {
  if (!bidSubmittedAt) return null;
  const later = amendments.filter((amendment) => amendment.material && amendment.createdAt.getTime() > bidSubmittedAt.getTime());
  const latest = later.reduce<number | null>((max, amendment) => (max === null || amendment.number > max ? amendment.number : max), null);
  return latest !== null && !confirmedNumbers.has(latest) ? latest : null;
}
