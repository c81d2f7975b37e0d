import { documentDetails, expiryState } from './document-rules';

const today = '2026-11-23';
const expiry = { day: '31', month: '3', year: '2027' };

describe('documentDetails', () => {
  it('needs cover and a future expiry for insurance', () => {
    expect(documentDetails({ type: 'professional_indemnity', coverAmount: '£5,000,000', expiresOn: expiry }, today)).toEqual({
      details: { type: 'professional_indemnity', title: null, coverAmountPence: 500_000_000, expiresOn: '2027-03-31' },
    });
    const missing = documentDetails({ type: 'public_liability' }, today);
    expect('errors' in missing && missing.errors.map((e) => e.text)).toEqual(['Enter the amount of cover', 'Enter the date the insurance expires']);
    const expired = documentDetails({ type: 'employers_liability', coverAmount: 'lots', expiresOn: { day: '1', month: '1', year: '2026' } }, today);
    expect('errors' in expired && expired.errors.map((e) => e.text)).toEqual([
      'Enter the cover as an amount in pounds, like £5,000,000',
      'The insurance has expired – upload a current certificate',
    ]);
  });

  it('lets a policy have an optional review date, and names other documents', () => {
    expect(documentDetails({ type: 'safeguarding_policy' }, today)).toEqual({
      details: { type: 'safeguarding_policy', title: null, coverAmountPence: null, expiresOn: null },
    });
    expect(documentDetails({ type: 'safeguarding_policy', expiresOn: expiry }, today)).toMatchObject({ details: { expiresOn: '2027-03-31' } });
    const unnamed = documentDetails({ type: 'other' }, today);
    expect('errors' in unnamed && unnamed.errors.map((e) => e.field)).toEqual(['title']);
  });
});

describe('expiryState', () => {
  it.each([
    [null, 'none'],
    ['2026-11-22', 'expired'],
    ['2026-11-23', 'expiring'],
    ['2026-12-23', 'expiring'],
    ['2026-12-24', 'current'],
  ])('%p → %s', (date, state) => expect(expiryState(date, today)).toBe(state));
});
