import { ComplianceDocumentType, INSURANCE_TYPES } from '../documents/compliance-document.entity';

/**
 * BR-4, BR-7 and BR-13: a provider is insured while it holds a document of
 * every insurance type. Its cover lasts until the earliest of each type's
 * latest expiry; with any type missing it has no cover at all.
 */
export function insuranceCoverExpiresOn(documents: ReadonlyArray<{ type: ComplianceDocumentType; expiresOn: string | null }>): string | null {
  let earliest: string | null = null;
  for (const type of INSURANCE_TYPES) {
    const latest = documents
      .filter((document) => document.type === type && document.expiresOn !== null)
      .map((document) => document.expiresOn as string)
      .sort()
      .pop();
    if (latest === undefined) return null;
    if (earliest === null || latest < earliest) earliest = latest;
  }
  return earliest;
}

/** Whether the provider holds every insurance type, each in date on `today` (YYYY-MM-DD). */
export function holdsEveryInsurance(documents: ReadonlyArray<{ type: ComplianceDocumentType; expiresOn: string | null }>, today: string): boolean {
  const cover = insuranceCoverExpiresOn(documents);
  return cover !== null && cover >= today;
}

/**
 * insuranceCoverExpiresOn in SQL, for the provider whose id is the SQL
 * expression given: the cover's last day as 'YYYY-MM-DD', or NULL. The
 * insurance types are inlined from INSURANCE_TYPES (fixed identifiers, not input).
 * test/insurance-cover.test.ts checks it against the function on the same documents.
 */
export function insuranceCoverExpiresOnSql(providerId: string): string {
  const types = INSURANCE_TYPES.map((type) => `'${type}'`).join(', ');
  return `(SELECT CASE WHEN count(*) = ${INSURANCE_TYPES.length} THEN to_char(min(cover.latest), 'YYYY-MM-DD') END
             FROM (SELECT max(d.expires_on) AS latest FROM compliance_documents d
                    WHERE d.provider_id = ${providerId} AND d.type IN (${types}) AND d.expires_on IS NOT NULL GROUP BY d.type) cover)`;
}
