import { userChoiceProblem, UserChoiceFacts } from './user-choice-rules';

const facts = (overrides: Partial<UserChoiceFacts> = {}): UserChoiceFacts => ({
  route: 'dynamic_market',
  lightTouch: true,
  requirementStatus: 'draft',
  membershipStatus: 'active',
  ...overrides,
});

describe('userChoiceProblem', () => {
  it('allows a draft light touch requirement to an active member under the Act', () => {
    expect(userChoiceProblem(facts())).toBeNull();
    expect(userChoiceProblem(facts({ route: 'open_framework' }))).toBeNull();
  });

  it('refuses a lot that is not light touch', () => {
    expect(userChoiceProblem(facts({ lightTouch: false }))).toEqual({ field: 'legalGround', text: expect.stringContaining('only for light touch services') });
  });

  it('refuses a legacy DPS, which runs under PCR 2015', () => {
    expect(userChoiceProblem(facts({ route: 'legacy_dps' }))?.text).toContain('Public Contracts Regulations 2015');
  });

  it('refuses a provider not admitted, suspended or removed', () => {
    expect(userChoiceProblem(facts({ membershipStatus: null }))).toEqual({ field: 'providerId', text: 'Select a provider admitted to this lot' });
    expect(userChoiceProblem(facts({ membershipStatus: 'removed' }))?.field).toBe('providerId');
    expect(userChoiceProblem(facts({ membershipStatus: 'suspended' }))?.text).toContain('suspended');
  });

  it('refuses a requirement already published', () => {
    expect(userChoiceProblem(facts({ requirementStatus: 'published' }))?.text).toContain('Only a draft');
  });
});
