import { holdsEveryInsurance, insuranceCoverExpiresOn } from './insurance-cover';

describe('insurance cover', () => {
  const all = [
    { type: 'employers_liability' as const, expiresOn: '2027-03-01' },
    { type: 'public_liability' as const, expiresOn: '2027-01-01' },
    { type: 'public_liability' as const, expiresOn: '2026-06-01' },
    { type: 'professional_indemnity' as const, expiresOn: '2027-02-01' },
  ];

  it('lasts until the earliest of each type’s latest expiry', () => {
    expect(insuranceCoverExpiresOn(all)).toBe('2027-01-01');
    expect(holdsEveryInsurance(all, '2027-01-01')).toBe(true);
    expect(holdsEveryInsurance(all, '2027-01-02')).toBe(false);
  });

  it('is missing when any type is missing', () => {
    const noIndemnity = all.filter((document) => document.type !== 'professional_indemnity');
    expect(insuranceCoverExpiresOn(noIndemnity)).toBeNull();
    expect(holdsEveryInsurance(noIndemnity, '2020-01-01')).toBe(false);
  });
});
