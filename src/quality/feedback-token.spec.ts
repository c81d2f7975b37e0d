import { createFeedbackToken, feedbackLinkState, hashFeedbackToken, isWellFormedToken } from './feedback-token';

describe('feedback link tokens', () => {
  it('are unguessable, well formed, and stored only as their hash', () => {
    const first = createFeedbackToken();
    const second = createFeedbackToken();
    expect(first.token).not.toBe(second.token);
    expect(isWellFormedToken(first.token)).toBe(true);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).not.toContain(first.token);
    expect(hashFeedbackToken(first.token)).toBe(first.hash);
    expect(hashFeedbackToken(`${first.token.slice(0, -1)}${first.token.endsWith('A') ? 'B' : 'A'}`)).not.toBe(first.hash);
  });

  it('refuses anything not shaped like a token before any look-up', () => {
    expect(isWellFormedToken('')).toBe(false);
    expect(isWellFormedToken("' OR 1=1 --")).toBe(false);
    expect(isWellFormedToken('a'.repeat(44))).toBe(false);
  });

  it('is open once, until it expires', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(feedbackLinkState(null, now)).toBe('unknown');
    expect(feedbackLinkState({ usedAt: null, expiresAt: new Date('2026-11-24T00:00:00Z') }, now)).toBe('open');
    expect(feedbackLinkState({ usedAt: new Date('2026-11-22T00:00:00Z'), expiresAt: new Date('2026-11-24T00:00:00Z') }, now)).toBe('used');
    expect(feedbackLinkState({ usedAt: null, expiresAt: now }, now)).toBe('expired');
  });
});
