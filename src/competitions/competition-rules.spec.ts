import { deadlineProblems, isEligibleForInvitation, weightsProblem } from './competition-rules';
import { effectiveStatus, requirementLifecycle } from './requirement-lifecycle';

describe('who is invited to bid (BR-4, BR-13, BR-18)', () => {
  const eligible = {
    membershipStatus: 'active' as const,
    providerStatus: 'active',
    coversArea: true,
    insuranceExpiresOn: '2027-03-31',
    debarredOnMandatoryGround: false,
  };
  it('invites an active member covering the area with current insurance', () => {
    expect(isEligibleForInvitation(eligible, '2026-11-23')).toBe(true);
    expect(isEligibleForInvitation({ ...eligible, insuranceExpiresOn: '2026-11-23' }, '2026-11-23')).toBe(true);
  });
  it.each([
    ['a suspended member', { membershipStatus: 'suspended' as const }],
    ['a removed member', { membershipStatus: 'removed' as const }],
    ['a provider not covering the area', { coversArea: false }],
    ['a provider with expired insurance', { insuranceExpiresOn: '2026-11-22' }],
    ['a provider with missing insurance', { insuranceExpiresOn: null }],
    ['a suspended organisation', { providerStatus: 'suspended' }],
    ['a supplier on the debarment list on a mandatory ground (PA 2023 s.57(1)(b))', { debarredOnMandatoryGround: true }],
  ])('does not invite %s', (_, change) => {
    expect(isEligibleForInvitation({ ...eligible, ...change }, '2026-11-23')).toBe(false);
  });
});

describe('evaluation weights (BR-8)', () => {
  it('accepts weights summing to 100', () => expect(weightsProblem([{ weight: 40 }, { weight: 30 }], 30)).toBeNull());
  it('accepts all-quality weights with no price weight', () => expect(weightsProblem([{ weight: 100 }], 0)).toBeNull());
  it('refuses weights not summing to 100', () =>
    expect(weightsProblem([{ weight: 40 }, { weight: 40 }], 30)).toBe('The weights must add up to 100. They add up to 110'));
  it('needs a quality question', () => expect(weightsProblem([], 100)).toBe('Add at least one quality question'));
  it('refuses a question weighted zero', () =>
    expect(weightsProblem([{ weight: 0 }, { weight: 60 }], 40)).toBe('Give each quality question a weight of at least 1'));
});

describe('deadlines (BR-5)', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const facts = { now, minimumBidPeriodDays: 10, clarificationDeadline: new Date('2026-11-30T17:00:00Z'), bidDeadline: new Date('2026-12-03T12:00:00Z') };
  it('accepts a bid deadline exactly the minimum period away', () => expect(deadlineProblems(facts)).toEqual({}));
  it('refuses a bid deadline inside the minimum period', () => {
    expect(deadlineProblems({ ...facts, bidDeadline: new Date('2026-12-02T23:59:00Z') }).bidDeadline).toBe(
      'The bid deadline must be at least 10 days after publication, so at or after 3 December 2026 at 10am',
    );
  });
  it('compares instants to the minute, not calendar dates', () => {
    // 9 days 7½ hours after publishing at 10am is on the tenth London date, but is not 10 days.
    expect(deadlineProblems({ ...facts, bidDeadline: new Date('2026-12-02T17:30:00Z') }).bidDeadline).toMatch(/at least 10 days/);
    expect(deadlineProblems({ ...facts, bidDeadline: new Date('2026-12-03T09:59:00Z') }).bidDeadline).toMatch(/at least 10 days/);
    expect(deadlineProblems({ ...facts, bidDeadline: new Date('2026-12-03T10:00:00Z') })).toEqual({});
    // Seconds of the publishing minute do not count against the commissioner.
    expect(deadlineProblems({ ...facts, now: new Date('2026-11-23T10:00:40Z'), bidDeadline: new Date('2026-12-03T10:00:00Z') })).toEqual({});
  });
  it('refuses deadlines in the past', () => {
    expect(deadlineProblems({ ...facts, clarificationDeadline: new Date('2026-11-22T10:00:00Z'), bidDeadline: new Date('2026-11-01T10:00:00Z') })).toEqual({
      clarificationDeadline: 'The deadline for questions must be in the future',
      bidDeadline: 'The bid deadline must be in the future',
    });
  });
  it('needs questions to close before bids', () => {
    expect(deadlineProblems({ ...facts, clarificationDeadline: facts.bidDeadline }).clarificationDeadline).toBe(
      'The deadline for questions must be before the bid deadline',
    );
  });
  it('counts days on the UK wall clock, across the change to GMT', () => {
    // Published 11am BST on 22 October 2026; 10 days on is 11am GMT on 1 November, 241 hours later.
    const autumn = { now: new Date('2026-10-22T10:00:00Z'), minimumBidPeriodDays: 10, clarificationDeadline: new Date('2026-10-30T10:00:00Z') };
    expect(deadlineProblems({ ...autumn, bidDeadline: new Date('2026-11-01T10:30:00Z') }).bidDeadline).toBe(
      'The bid deadline must be at least 10 days after publication, so at or after 1 November 2026 at 11am',
    );
    expect(deadlineProblems({ ...autumn, bidDeadline: new Date('2026-11-01T11:00:00Z') })).toEqual({});
  });
});

describe('the requirement lifecycle', () => {
  it('publishes, closes and cancels only from the right states', () => {
    expect(requirementLifecycle.canMove('draft', 'published')).toBe(true);
    expect(requirementLifecycle.canMove('published', 'cancelled')).toBe(true);
    expect(requirementLifecycle.canMove('closed', 'cancelled')).toBe(true);
    expect(requirementLifecycle.canMove('draft', 'closed')).toBe(false);
    expect(() => requirementLifecycle.assertMove('cancelled', 'published')).toThrow('A requirement that is cancelled cannot become published');
  });

  it('reads as closed once the deadline passes, before the job runs', () => {
    const requirement = { status: 'published' as const, bidDeadline: new Date('2026-12-03T12:00:00Z') };
    expect(effectiveStatus(requirement, new Date('2026-12-03T11:59:59Z'))).toBe('published');
    expect(effectiveStatus(requirement, new Date('2026-12-03T12:00:00Z'))).toBe('closed');
    expect(effectiveStatus({ status: 'draft', bidDeadline: null }, new Date())).toBe('draft');
  });
});
