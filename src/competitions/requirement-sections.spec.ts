import { pricingUnits, requirementProblems } from './requirement-sections';

const complete = {
  purchaseType: 'spot' as const,
  ageBand: '8 to 10',
  presentingNeeds: ['Anxiety'],
  practitionerGender: 'any',
  sessionCount: 12,
  blockVolume: null,
  startBy: '2027-01-04',
  ceilingPence: 150_000,
  asgsfPence: 150_000,
  needsAssessedOn: '2026-11-01',
  criteria: [{ question: 'How?', wordLimit: 200, weight: 60 }],
  priceWeight: 40,
  scaleMax: 4,
  scaleDescriptors: ['0', '1', '2', '3', '4'],
  bidDeadline: new Date(),
};

describe('requirement sections', () => {
  it('has nothing outstanding when complete', () => {
    expect(Object.values(requirementProblems(complete, true)).flat()).toEqual([]);
  });

  it('lists what each section still needs', () => {
    const problems = requirementProblems(
      { ...complete, presentingNeeds: [], purchaseType: 'block', priceWeight: 50, scaleDescriptors: ['0'], bidDeadline: null },
      false,
    );
    expect(problems).toEqual({
      basics: [],
      needs: ['Complete the needs profile'],
      case: ['Add the child’s identifying details'],
      service: ['Add the block volume and period'],
      funding: [],
      evaluation: ['The weights must add up to 100. They add up to 110', 'Describe each level of the scoring scale'],
      dates: ['Set the deadlines'],
    });
  });

  it('cannot work out the financial year, so the funding, until the start date is given', () => {
    const problems = requirementProblems({ ...complete, startBy: null }, true);
    expect(problems.funding).toEqual(['The financial year can’t be worked out until the start date is given']);
    expect(requirementProblems({ ...complete, startBy: null, asgsfPence: null }, true).funding).toEqual(['Add the funding']);
  });

  it('prices a spot purchase per session and a block per its unit', () => {
    expect(pricingUnits({ purchaseType: 'spot', sessionCount: 12, blockVolume: null, blockUnit: null })).toEqual({ units: 12, unitName: 'sessions' });
    expect(pricingUnits({ purchaseType: 'block', sessionCount: 1, blockVolume: 200, blockUnit: 'hours' })).toEqual({ units: 200, unitName: 'hours' });
  });
});
