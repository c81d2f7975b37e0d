import { DateParts, parseDateParts } from '../common/forms/date-parts';
import type { FieldError } from '../common/forms/form-invalid.error';
import { parsePoundsToPence } from '../common/money';
import { ComplianceDocumentType, INSURANCE_TYPES } from './compliance-document.entity';

export const DOCUMENT_TYPE_LABELS: Record<ComplianceDocumentType, string> = {
  employers_liability: 'Employer’s liability insurance',
  public_liability: 'Public liability insurance',
  professional_indemnity: 'Professional indemnity insurance',
  safeguarding_policy: 'Safeguarding policy',
  data_protection_policy: 'Data protection policy',
  other: 'Another document',
};

/**
 * Insurance needs its cover and expiry date; "another document" needs a
 * name; policies may give a review date. Returns the values to store.
 */
export interface DocumentDetails {
  type: ComplianceDocumentType;
  title: string | null;
  coverAmountPence: number | null;
  expiresOn: string | null;
}

export function documentDetails(
  input: { type: ComplianceDocumentType; title?: string; coverAmount?: string; expiresOn?: DateParts },
  today: string,
): { details: DocumentDetails } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const insurance = INSURANCE_TYPES.includes(input.type);
  if (input.type === 'other' && !input.title) errors.push({ field: 'title', href: '#title', text: 'Enter the name of the document' });

  let coverAmountPence: number | null = null;
  if (insurance) {
    coverAmountPence = input.coverAmount === undefined ? null : parsePoundsToPence(input.coverAmount);
    if (input.coverAmount === undefined) errors.push({ field: 'coverAmount', href: '#coverAmount', text: 'Enter the amount of cover' });
    else if (!coverAmountPence) errors.push({ field: 'coverAmount', href: '#coverAmount', text: 'Enter the cover as an amount in pounds, like £5,000,000' });
  }

  let expiresOn: string | null = null;
  if (insurance || input.expiresOn) {
    const parsed = parseDateParts(input.expiresOn, insurance ? 'the date the insurance expires' : 'the review date');
    if ('error' in parsed) errors.push({ field: 'expiresOn', href: '#expiresOn-day', text: parsed.error });
    else if (insurance && parsed.date < today)
      errors.push({ field: 'expiresOn', href: '#expiresOn-day', text: 'The insurance has expired – upload a current certificate' });
    else expiresOn = parsed.date;
  }
  if (errors.length) return { errors };
  return { details: { type: input.type, title: input.type === 'other' ? input.title! : null, coverAmountPence, expiresOn } };
}

/** How a document's expiry reads in lists: expired, expiring within 30 days, or fine. */
export function expiryState(expiresOn: string | null, today: string): 'expired' | 'expiring' | 'current' | 'none' {
  if (!expiresOn) return 'none';
  if (expiresOn < today) return 'expired';
  const soon = new Date(`${today}T12:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 30);
  return expiresOn <= soon.toISOString().slice(0, 10) ? 'expiring' : 'current';
}
