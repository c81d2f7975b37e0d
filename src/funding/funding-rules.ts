import { addDays, addMonths } from '../common/calendar/dates';
import { formatIsoDate, formatPence } from '../common/views/format';

export type FundingKind = 'therapy' | 'assessment';

export interface FairAccessLimitRule {
  appliesFrom: string;
  /** One limit for therapy and assessment together (from April 2025), or null for separate limits. */
  combinedLimitPence: number | null;
  therapyLimitPence: number | null;
  /** The assessment limit: separate under the older rules, a cap inside the combined limit from April 2025. */
  assessmentLimitPence: number | null;
  /** Therapy must be completed within the financial year it is funded in (from April 2025). */
  completeWithinYear: boolean;
}

export interface FundingLine {
  kind: FundingKind;
  asgsfPence: number;
}

export interface FairAccessResult {
  limitPence: number;
  /** ASGSF already expected for the child that counts against the same limit. */
  alreadyCommittedPence: number;
  /** The part of this request above the limit, recorded as agency-funded. */
  excessPence: number;
  withinLimit: boolean;
  /** The assessment cap inside a combined limit is what the request breaks. */
  assessmentCap?: true;
}

/** The financial year (by its starting calendar year) a date falls in: April to March. */
export function financialYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

export const financialYearLabel = (startYear: number) => `April ${startYear} to March ${startYear + 1}`;

/** The limit in force on a day: the latest that applies from on or before it, so a change part-way through a year applies from its date. */
export function limitInForceOn<T extends Pick<FairAccessLimitRule, 'appliesFrom'>>(limits: T[], date: string): T | null {
  return limits.filter((limit) => limit.appliesFrom <= date).sort((a, b) => b.appliesFrom.localeCompare(a.appliesFrom))[0] ?? null;
}

/**
 * BR-15: therapy plus assessment for one child in one financial year may not
 * exceed the fair access limit without an agency top-up. `earlier` is the
 * ASGSF already expected for the same child in the same year, on other
 * requirements and contracts; whatever of `current` takes the total over the
 * limit is agency-funded.
 */
export function checkFairAccess(limit: FairAccessLimitRule, earlier: FundingLine[], current: FundingLine): FairAccessResult {
  const combined = limit.combinedLimitPence !== null;
  const limitPence = combined ? limit.combinedLimitPence! : ((current.kind === 'assessment' ? limit.assessmentLimitPence : limit.therapyLimitPence) ?? 0);
  const counted = combined ? earlier : earlier.filter((line) => line.kind === current.kind);
  const result = againstLimit(limitPence, counted, current);
  // From April 2025 an assessment is also capped inside the combined limit; whichever leaves more excess binds.
  if (combined && current.kind === 'assessment' && limit.assessmentLimitPence !== null) {
    const capped = againstLimit(
      limit.assessmentLimitPence,
      earlier.filter((line) => line.kind === 'assessment'),
      current,
    );
    if (capped.excessPence > result.excessPence) return { ...capped, assessmentCap: true };
  }
  return result;
}

function againstLimit(limitPence: number, counted: FundingLine[], current: FundingLine): FairAccessResult {
  const alreadyCommittedPence = counted.reduce((sum, line) => sum + line.asgsfPence, 0);
  const headroom = Math.max(0, limitPence - alreadyCommittedPence);
  const excessPence = Math.max(0, current.asgsfPence - headroom);
  return { limitPence, alreadyCommittedPence, excessPence, withinLimit: excessPence === 0 };
}

export function fairAccessWarning(result: FairAccessResult, financialYear: number): string | null {
  if (result.withinLimit) return null;
  const over = result.assessmentCap
    ? `for specialist assessment in ${financialYearLabel(financialYear)} over the assessment cap of`
    : `for ${financialYearLabel(financialYear)} over the fair access limit of`;
  return (
    `This takes the child’s ASGSF funding ${over} ${formatPence(result.limitPence)}` +
    ` (${formatPence(result.alreadyCommittedPence)} is already expected). ${formatPence(result.excessPence)} will be recorded as agency-funded.`
  );
}

/**
 * BR-16: funding is applied for within 3 months of the needs assessment and
 * before therapy starts. Returns the warnings to show; none stops publishing.
 */
export function fundingTimingWarnings(needsAssessedOn: string, startBy: string | null, today: string): string[] {
  const warnings: string[] = [];
  const applyBy = addMonths(needsAssessedOn, 3);
  if (applyBy < today) {
    warnings.push(
      `The needs assessment was on ${formatIsoDate(needsAssessedOn)}, more than 3 months ago. ASGSF funding should be applied for by ${formatIsoDate(applyBy)}.`,
    );
  }
  if (startBy && startBy <= today) {
    warnings.push('Therapy would start before funding can be approved. Apply for ASGSF funding before therapy starts.');
  }
  return warnings;
}

/**
 * From April 2025 ASGSF therapy must be completed within the financial year
 * it is funded in. A package of `durationWeeks` from `startOn` that would run
 * past 31 March gets a warning; under the older rules it could carry over.
 */
export function yearEndWarning(limit: Pick<FairAccessLimitRule, 'completeWithinYear'>, startOn: string, durationWeeks: number): string | null {
  if (!limit.completeWithinYear) return null;
  const yearEnd = `${financialYearOf(startOn) + 1}-03-31`;
  const endsOn = addDays(startOn, durationWeeks * 7 - 1);
  if (endsOn <= yearEnd) return null;
  return (
    `ASGSF therapy must be completed within the financial year, by ${formatIsoDate(yearEnd)}. Starting on ${formatIsoDate(startOn)} and lasting ${durationWeeks} weeks,` +
    ` this would run to ${formatIsoDate(endsOn)}: shorten it, start it earlier, or fund the rest from the agency.`
  );
}
