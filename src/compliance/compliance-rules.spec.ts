import { complianceProblems, dbsRenewalDate, reminderStage } from './compliance-rules';

const today = '2026-11-23';
const amara = { id: 'a', fullName: 'Amara', therapyTypeIds: ['theraplay'], registrationExpiresOn: '2028-01-01', dbsIssuedOn: '2025-01-01' };

describe('reminderStage', () => {
  it.each([
    ['2027-01-30', null],
    ['2026-12-23', 30],
    ['2026-12-08', 30],
    ['2026-12-07', 14],
    ['2026-11-24', 14],
    ['2026-11-23', 0],
    ['2026-11-22', null],
  ])('%s → %p', (date, stage) => expect(reminderStage(date, today)).toBe(stage));
});

describe('dbsRenewalDate', () => {
  it('is three years after issue', () => expect(dbsRenewalDate('2025-01-01')).toBe('2028-01-01'));
});

describe('complianceProblems', () => {
  it('finds nothing wrong with current insurance and practitioners', () => {
    expect(complianceProblems({ currentInsurance: { public_liability: '2027-01-01' }, practitioners: [amara] }, ['theraplay'], today)).toEqual({
      allLots: [],
      byLot: {},
    });
  });

  it('affects every lot when insurance has expired', () => {
    expect(
      complianceProblems(
        { currentInsurance: { professional_indemnity: '2026-11-22', public_liability: '2027-01-01' }, practitioners: [amara] },
        ['theraplay'],
        today,
      ).allLots,
    ).toEqual(['Expired professional indemnity insurance']);
  });

  it('affects a lot left without a valid practitioner', () => {
    const expired = { ...amara, registrationExpiresOn: '2026-11-01' };
    expect(complianceProblems({ currentInsurance: {}, practitioners: [expired] }, ['theraplay', 'ddp'], today).byLot).toEqual({
      theraplay: 'No practitioner with a current registration and DBS check for this lot',
      ddp: 'No practitioner with a current registration and DBS check for this lot',
    });
  });
});
