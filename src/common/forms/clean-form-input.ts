/**
 * Trims every string and turns empty strings into "missing", so a field of
 * spaces fails the same "Enter …" rule as an empty one.
 */
export function cleanFormInput(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return {};
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const result = cleanValue(value);
    if (result !== undefined) cleaned[key] = result;
  }
  return cleaned;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (Array.isArray(value)) {
    const items = value.map(cleanValue).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const nested = cleanFormInput(value);
    return Object.keys(nested).length ? nested : undefined;
  }
  return value ?? undefined;
}
