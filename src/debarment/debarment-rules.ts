/**
 * The debarment list (PA 2023 ss.62-64): who is on it, and whether an entry
 * names a given supplier. Pure, so the three places that check it
 * (application, invitation, award) share one rule.
 */

export const DEBARMENT_GROUND_KINDS = ['mandatory', 'discretionary'] as const;
export type DebarmentGroundKind = (typeof DEBARMENT_GROUND_KINDS)[number];

export interface DebarmentEntryFacts {
  id: string;
  supplierName: string;
  companiesHouseNumber: string | null;
  groundKind: DebarmentGroundKind;
  ground: string;
  /** The day the entry was made on the Minister's list. */
  addedOn: string;
  /** The date the Minister expects the ground to cease to apply (s.62(4)(d)); the entry applies before it. */
  endsOn: string;
  /** Set when the entry is taken off the list early (s.64); it applies before this day. */
  endedOn: string | null;
}

export interface SupplierIdentity {
  name: string;
  companiesHouseNumber: string | null;
}

/** Companies House numbers are 8 characters: "1234567" is "01234567"; "sc 123456" is "SC123456". */
export function normaliseCompanyNumber(raw: string | null | undefined): string | null {
  const compact = (raw ?? '').replace(/\s+/g, '').toUpperCase();
  if (!compact) return null;
  return /^\d{1,8}$/.test(compact) ? compact.padStart(8, '0') : compact;
}

const LEGAL_SUFFIXES = /\s+(limited|ltd|plc|llp|lp|cic|community interest company|cio|incorporated|inc)$/;

/**
 * A name reduced to what identifies the organisation: case, punctuation,
 * "&"/"and", a leading "the" and the legal form ("Ltd", "Limited", "CIC") do not count.
 */
export function normaliseSupplierName(raw: string | null | undefined): string {
  let name = (raw ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the\s+/, '');
  for (let previous = ''; previous !== name;) {
    previous = name;
    name = name.replace(LEGAL_SUFFIXES, '').trim();
  }
  return name;
}

/** Whether an entry is on the list on `date` (ISO): from the day it was added, until it ends or is ended. */
export function entryInForce(entry: Pick<DebarmentEntryFacts, 'addedOn' | 'endsOn' | 'endedOn'>, date: string): boolean {
  return entry.addedOn <= date && date < entry.endsOn && (entry.endedOn === null || date < entry.endedOn);
}

/** Whether the entry names the supplier: the same Companies House number, or the same normalised name. */
export function entryNames(entry: Pick<DebarmentEntryFacts, 'supplierName' | 'companiesHouseNumber'>, supplier: SupplierIdentity): boolean {
  const entryNumber = normaliseCompanyNumber(entry.companiesHouseNumber);
  const supplierNumber = normaliseCompanyNumber(supplier.companiesHouseNumber);
  if (entryNumber && supplierNumber && entryNumber === supplierNumber) return true;
  const entryName = normaliseSupplierName(entry.supplierName);
  return entryName.length > 0 && entryName === normaliseSupplierName(supplier.name);
}

/** The entries in force on `date` that name the supplier. */
export function debarmentMatches<T extends DebarmentEntryFacts>(supplier: SupplierIdentity, entries: readonly T[], date: string): T[] {
  return entries.filter((entry) => entryInForce(entry, date) && entryNames(entry, supplier));
}

/** On the list by virtue of a mandatory ground: an excluded supplier (s.57(1)(b)). */
export const onMandatoryGround = (matches: ReadonlyArray<Pick<DebarmentEntryFacts, 'groundKind'>>) => matches.some((entry) => entry.groundKind === 'mandatory');

/** What is wrong with a new entry's dates, by field; an end on or before the day added is refused. */
export function entryDateProblems(addedOn: string, endsOn: string): { endsOn?: string } {
  return endsOn <= addedOn ? { endsOn: 'The end date must be after the date the supplier was added to the list' } : {};
}
