import { AmendableTerms, amendmentBidPredates, amendmentProblems, changedFields, describeChanges, isMaterial } from './amendment-rules';

const now = new Date('2026-06-01T09:00:00Z');
const terms: AmendableTerms = {
  clarificationDeadline: '2026-06-05T16:00:00.000Z',
  bidDeadline: '2026-06-08T11:00:00.000Z',
  sessionCount: 10,
  sessionMinutes: 60,
  startBy: '2026-07-01',
  durationWeeks: 12,
  ceilingPence: 120000,
  criteria: [
    { question: 'How will you build a relationship?', wordLimit: 50, weight: 40 },
    { question: 'How will you involve parents?', wordLimit: 50, weight: 30 },
  ],
  priceWeight: 30,
};
const facts = (proposed: Partial<AmendableTerms>, addsText = false) => ({
  now,
  current: terms,
  proposed: { ...terms, ...proposed },
  minimumBidPeriodDays: 10,
  addsText,
});

describe('amendments (issue 22)', () => {
  it('needs something to change', () => {
    expect(amendmentProblems(facts({}))).toEqual({ change: 'Change something, or add an addendum' });
    expect(amendmentProblems(facts({}, true))).toEqual({});
  });

  it('moves deadlines only later', () => {
    expect(amendmentProblems(facts({ bidDeadline: '2026-06-08T10:59:00.000Z' })).bidDeadline).toBe('The bid deadline can only move later');
    expect(amendmentProblems(facts({ clarificationDeadline: '2026-06-04T16:00:00.000Z' })).clarificationDeadline).toBe(
      'The deadline for questions can only move later',
    );
    expect(amendmentProblems(facts({ bidDeadline: '2026-06-09T11:00:00.000Z' }))).toEqual({});
  });

  it('keeps questions closing before bids', () => {
    expect(amendmentProblems(facts({ clarificationDeadline: '2026-06-08T11:00:00.000Z' })).clarificationDeadline).toBe(
      'The deadline for questions must be before the bid deadline',
    );
  });

  it('gives the route’s minimum period again after a material change, counted from the change', () => {
    const ceiling = amendmentProblems(facts({ ceilingPence: 150000 }));
    expect(ceiling.bidDeadline).toMatch(/at least 10 days from now: move the bid deadline to 11 June 2026 at 10am or later/);
    expect(amendmentProblems(facts({ ceilingPence: 150000, bidDeadline: '2026-06-11T09:00:00.000Z' }))).toEqual({});
    expect(amendmentProblems(facts({ ceilingPence: 150000, bidDeadline: '2026-06-11T08:59:00.000Z' })).bidDeadline).toBeDefined();
    // A change to the start date is not material, so the deadline may stay.
    expect(amendmentProblems(facts({ startBy: '2026-07-08' }))).toEqual({});
  });

  it('keeps the weights summing to 100 (BR-8)', () => {
    expect(amendmentProblems(facts({ priceWeight: 40, bidDeadline: '2026-06-12T11:00:00.000Z' })).priceWeight).toBe(
      'The weights must add up to 100. They add up to 110',
    );
  });

  it('does not count the order of a question’s keys as a change (jsonb reorders them)', () => {
    const reordered = terms.criteria.map(({ weight, question, wordLimit }) => ({ weight, question, wordLimit }));
    expect(changedFields(terms, { ...terms, criteria: reordered })).toEqual([]);
  });

  it('knows which changes are material', () => {
    expect(isMaterial(changedFields(terms, { ...terms, startBy: '2026-07-08', bidDeadline: '2026-06-20T11:00:00.000Z' }))).toBe(false);
    for (const change of [
      { sessionCount: 12 },
      { sessionMinutes: 50 },
      { ceilingPence: 1 },
      { priceWeight: 20 },
      { criteria: [{ ...terms.criteria[0], question: 'Reworded' }, terms.criteria[1]] },
    ]) {
      expect(isMaterial(changedFields(terms, { ...terms, ...change }))).toBe(true);
    }
  });

  it('describes changes in words', () => {
    expect(
      describeChanges({ ceilingPence: 120000, bidDeadline: terms.bidDeadline }, { ceilingPence: 150000, bidDeadline: '2026-06-12T11:00:00.000Z' }),
    ).toEqual([
      { label: 'Bids close', before: '8 June 2026 at midday', after: '12 June 2026 at midday' },
      { label: 'Ceiling price', before: '£1,200.00', after: '£1,500.00' },
    ]);
  });

  it('flags a bid submitted before the latest material amendment until it is confirmed or resubmitted', () => {
    const amendments = [
      { number: 1, material: true, createdAt: new Date('2026-06-02T09:00:00Z') },
      { number: 2, material: false, createdAt: new Date('2026-06-03T09:00:00Z') },
      { number: 3, material: true, createdAt: new Date('2026-06-04T09:00:00Z') },
    ];
    expect(amendmentBidPredates(null, amendments, new Set())).toBeNull();
    expect(amendmentBidPredates(new Date('2026-06-01T10:00:00Z'), amendments, new Set())).toBe(3);
    expect(amendmentBidPredates(new Date('2026-06-01T10:00:00Z'), amendments, new Set([3]))).toBeNull();
    expect(amendmentBidPredates(new Date('2026-06-03T10:00:00Z'), amendments, new Set())).toBe(3);
    expect(amendmentBidPredates(new Date('2026-06-05T10:00:00Z'), amendments, new Set())).toBeNull();
    expect(amendmentBidPredates(new Date('2026-06-02T10:00:00Z'), amendments.slice(0, 2), new Set())).toBeNull();
  });
});
