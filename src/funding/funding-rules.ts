import { addMonths } from '../common/calendar/dates';
import { formatIsoDate, formatPence } from '../common/views/format';

export type FundingKind = 'therapy' | 'assessment';

export interface FairAccessLimitRule {
  appliesFrom: string;
  combinedLimitPence: number | null;
  therapyLimitPence: number | null;
  assessmentLimitPence: number | null;
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
}

/** The financial year (by its starting calendar year) a date falls in: April to March. */
export function financialYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

export const financialYearLabel = (startYear: number) => `April ${startYear} to March ${startYear + 1}`;

/** The limit in force at the start of a financial year: the latest one that applies from on or before 1 April. */
export function limitForFinancialYear<T extends FairAccessLimitRule>(limits: T[], startYear: number): T | null {
  const yearStart = `${startYear}-04-01`;
  return limits.filter((limit) => limit.appliesFrom <= yearStart).sort((a, b) => b.appliesFrom.localeCompare(a.appliesFrom))[0] ?? null;
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
  const alreadyCommittedPence = counted.reduce((sum, line) => sum + line.asgsfPence, 0);
  const headroom = Math.max(0, limitPence - alreadyCommittedPence);
  const excessPence = Math.max(0, current.asgsfPence - headroom);
  return { limitPence, alreadyCommittedPence, excessPence, withinLimit: excessPence === 0 };
}

export function fairAccessWarning(result: FairAccessResult, financialYear: number): string | null {
  if (result.withinLimit) return null;
  return (
    `This takes the child’s ASGSF funding for ${financialYearLabel(financialYear)} over the fair access limit of ${formatPence(result.limitPence)}` +
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
    warnings.push(`The needs assessment was on ${formatIsoDate(needsAssessedOn)}, more than 3 months ago. ASGSF funding should be applied for by ${formatIsoDate(applyBy)}.`);
  }
  if (startBy && startBy <= today) {
    warnings.push('Therapy would start before funding can be approved. Apply for ASGSF funding before therapy starts.');
  }
  return warnings;
}
