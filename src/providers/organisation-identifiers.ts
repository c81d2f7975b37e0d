/**
 * Formats of the identifiers a provider gives, normalised (upper case, no
 * spaces) before checking. Each returns the normalised value, or null if the
 * value is not in that format.
 */
const normalise = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** Companies House: 8 characters, either 8 digits or a 2-letter prefix (SC, NI, OC, LP…) and 6 digits. */
export function companiesHouseNumber(value: string): string | null {
  const candidate = normalise(value);
  return /^(\d{8}|[A-Z]{2}\d{6}|R\d{7})$/.test(candidate) ? candidate : null;
}

/** Charity Commission (6 or 7 digits, optional subsidiary suffix), OSCR (SC + 6 digits) or Northern Ireland (NIC + 6 digits). */
export function charityNumber(value: string): string | null {
  const candidate = normalise(value);
  return /^(\d{6,7}(-\d{1,2})?|SC\d{6}|NIC\d{6}|\d{6})$/.test(candidate) ? candidate : null;
}

/** Ofsted unique reference number: 6 or 7 digits, with the SC prefix used for social care providers. */
export function ofstedUrn(value: string): string | null {
  const candidate = normalise(value);
  return /^(SC)?\d{6,7}$/.test(candidate) ? candidate : null;
}

/** ICO data protection fee registration: Z and 7 digits, or Z, a letter and 6 digits. */
export function icoRegistrationNumber(value: string): string | null {
  const candidate = normalise(value);
  return /^Z(\d{7}|[A-Z]\d{6})$/.test(candidate) ? candidate : null;
}

/** UK postcode, returned with its single space, e.g. "ME4 4TR". */
export function ukPostcode(value: string): string | null {
  const candidate = normalise(value);
  if (!/^([A-Z]{1,2}\d[A-Z\d]?|GIR)\d[A-Z]{2}$/.test(candidate)) return null;
  return `${candidate.slice(0, -3)} ${candidate.slice(-3)}`;
}

/** UK telephone number: 10 or 11 digits, or +44 and 9 or 10 digits, spaces and brackets allowed. */
export function ukPhoneNumber(value: string): string | null {
  const digits = value.replace(/[\s()-]/g, '');
  return /^(0\d{9,10}|\+44\d{9,10})$/.test(digits) ? value.trim() : null;
}
