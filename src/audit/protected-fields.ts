/**
 * Free-text and identifying fields whose values never enter the audit log
 * (DESIGN.md §6; UK GDPR Art. 5(1)(c) data minimisation and 5(1)(e) storage
 * limitation). The log is append-only, so a value written there could never
 * be erased: it records that such a field changed, and who changed it, only.
 * Keyed by the event's entity type; the SQL in the redaction migration
 * (migrations/1796282600000-RedactChildrensDataFromAudit.ts) uses the same lists.
 */
export const PROTECTED_AUDIT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  requirement: ['needsDescription', 'previousInterventions', 'accessibility', 'language', 'childName', 'dateOfBirth', 'childReference', 'reason'],
  contract: ['childReference', 'childName', 'dateOfBirth', 'summary', 'nextSteps', 'goal', 'detail', 'comment'],
  feedback: ['comment'],
  // A dispute's reason is free text, which could name the child the sessions were for.
  invoice: ['disputeReason'],
};

export const NOT_RECORDED = '[not recorded]';

/** The event's before or after, with the values of its protected fields replaced by NOT_RECORDED. */
export function withoutProtectedValues(entityType: string, values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  const protectedFields = PROTECTED_AUDIT_FIELDS[entityType];
  if (!protectedFields) return values;
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, protectedFields.includes(key) && value !== null && value !== undefined ? NOT_RECORDED : value]),
  );
}
