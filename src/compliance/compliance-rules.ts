import { addYears } from '../common/calendar/dates';
import { DBS_VALID_YEARS, PractitionerFacts, practitionerProblem } from '../applications/application-rules';
import type { ComplianceDocumentType } from '../documents/compliance-document.entity';

export const REMINDER_DAYS = [30, 14, 0] as const;
export type ReminderStage = (typeof REMINDER_DAYS)[number];

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/**
 * Which reminder is due for something expiring on `expiresOn`: the 30-day,
 * 14-day or on-the-day one. A day the job did not run is caught up on the next
 * run, because the latest stage reached is sent (once, by its event key).
 */
export function reminderStage(expiresOn: string, today: string): ReminderStage | null {
  const days = daysBetween(today, expiresOn);
  if (days < 0) return null;
  if (days === 0) return 0;
  if (days <= 14) return 14;
  if (days <= 30) return 30;
  return null;
}

export function dbsRenewalDate(dbsIssuedOn: string): string {
  return addYears(dbsIssuedOn, DBS_VALID_YEARS);
}

const INSURANCE: Array<[ComplianceDocumentType, string]> = [
  ['employers_liability', 'employer’s liability insurance'],
  ['public_liability', 'public liability insurance'],
  ['professional_indemnity', 'professional indemnity insurance'],
];

export interface ProviderComplianceFacts {
  /** The newest document of each insurance type, if any. */
  currentInsurance: Partial<Record<ComplianceDocumentType, string | null>>;
  practitioners: PractitionerFacts[];
}

/**
 * BR-13 and BR-18: what makes a provider's memberships invalid today.
 * Expired insurance affects every lot; a lot with no practitioner qualified
 * for it who is currently registered and DBS-checked affects that lot.
 */
export function complianceProblems(facts: ProviderComplianceFacts, lots: string[], today: string): { allLots: string[]; byLot: Record<string, string> } {
  const allLots = INSURANCE.filter(([type]) => {
    const expiresOn = facts.currentInsurance[type];
    return expiresOn !== undefined && expiresOn !== null && expiresOn < today;
  }).map(([, name]) => `Expired ${name}`);
  const valid = facts.practitioners.filter((practitioner) => practitionerProblem(practitioner, today) === null);
  const byLot: Record<string, string> = {};
  for (const lot of lots) {
    if (!valid.some((practitioner) => practitioner.therapyTypeIds.includes(lot)))
      byLot[lot] = 'No practitioner with a current registration and DBS check for this lot';
  }
  return { allLots, byLot };
}
