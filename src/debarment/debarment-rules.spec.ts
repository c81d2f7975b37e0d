import {
  debarmentMatches,
  DebarmentEntryFacts,
  entryDateProblems,
  entryInForce,
  entryNames,
  normaliseCompanyNumber,
  normaliseSupplierName,
  onMandatoryGround,
} from './debarment-rules';

const entry = (overrides: Partial<DebarmentEntryFacts> = {}): DebarmentEntryFacts => ({
  id: 'e1',
  supplierName: 'Oakleaf Family Therapy Ltd',
  companiesHouseNumber: '01234567',
  groundKind: 'mandatory',
  ground: 'Fraud',
  addedOn: '2026-06-01',
  endsOn: '2031-06-01',
  endedOn: null,
  ...overrides,
});

describe('the debarment list (PA 2023 ss.62-64)', () => {
  it('normalises Companies House numbers to their 8 characters', () => {
    expect(normaliseCompanyNumber('1234567')).toBe('01234567');
    expect(normaliseCompanyNumber(' sc 123456 ')).toBe('SC123456');
    expect(normaliseCompanyNumber('')).toBeNull();
    expect(normaliseCompanyNumber(null)).toBeNull();
  });

  it('normalises names: case, punctuation, "&", a leading "the" and the legal form do not count', () => {
    expect(normaliseSupplierName('The Oakleaf Family-Therapy Limited')).toBe('oakleaf family therapy');
    expect(normaliseSupplierName('OAKLEAF FAMILY THERAPY LTD.')).toBe('oakleaf family therapy');
    expect(normaliseSupplierName('Smith & Jones Play Therapy CIC')).toBe(normaliseSupplierName('Smith and Jones Play Therapy'));
    expect(normaliseSupplierName('Café Therapy Ltd')).toBe('cafe therapy');
    // A name that is only a legal form names nobody.
    expect(normaliseSupplierName('Limited')).toBe('limited');
  });

  it('matches by Companies House number even when the names differ, and by normalised name without a number', () => {
    expect(entryNames(entry(), { name: 'Renamed Therapy Ltd', companiesHouseNumber: '1234567' })).toBe(true);
    expect(entryNames(entry({ companiesHouseNumber: null }), { name: 'oakleaf family therapy limited', companiesHouseNumber: null })).toBe(true);
    expect(entryNames(entry(), { name: 'Oakleaf Family Therapy', companiesHouseNumber: '07654321' })).toBe(true);
    expect(entryNames(entry(), { name: 'Harbour Therapy Ltd', companiesHouseNumber: '07654321' })).toBe(false);
    expect(entryNames(entry({ supplierName: '' }), { name: '', companiesHouseNumber: null })).toBe(false);
  });

  it('applies from the day added until the end date, or until it is ended early', () => {
    expect(entryInForce(entry(), '2026-05-31')).toBe(false);
    expect(entryInForce(entry(), '2026-06-01')).toBe(true);
    expect(entryInForce(entry(), '2031-05-31')).toBe(true);
    expect(entryInForce(entry(), '2031-06-01')).toBe(false);
    expect(entryInForce(entry({ endedOn: '2027-01-10' }), '2027-01-09')).toBe(true);
    expect(entryInForce(entry({ endedOn: '2027-01-10' }), '2027-01-10')).toBe(false);
  });

  it('finds the entries in force that name a supplier, and whether one is on a mandatory ground', () => {
    const entries = [
      entry({ id: 'a', groundKind: 'discretionary' }),
      entry({ id: 'b', endedOn: '2026-07-01' }),
      entry({ id: 'c', supplierName: 'Harbour', companiesHouseNumber: null }),
    ];
    const matches = debarmentMatches({ name: 'Oakleaf Family Therapy Ltd', companiesHouseNumber: '01234567' }, entries, '2026-12-03');
    expect(matches.map((match) => match.id)).toEqual(['a']);
    expect(onMandatoryGround(matches)).toBe(false);
    expect(onMandatoryGround(debarmentMatches({ name: 'x', companiesHouseNumber: '01234567' }, entries, '2026-06-15'))).toBe(true);
  });

  it('refuses an end date on or before the day added', () => {
    expect(entryDateProblems('2026-06-01', '2026-05-31').endsOn).toMatch(/must be after/);
    expect(entryDateProblems('2026-06-01', '2026-06-01').endsOn).toMatch(/must be after/);
    expect(entryDateProblems('2026-06-01', '2026-06-02')).toEqual({});
  });
});
