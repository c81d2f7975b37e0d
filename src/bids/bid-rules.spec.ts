import { isOverCeiling, priceProblem, wordCount, wordLimitProblem } from './bid-rules';

describe('bid price arithmetic, in pence', () => {
  it('accepts a total equal to rate times sessions', () => {
    expect(priceProblem(9_550, 114_600, 12, 'sessions')).toBeNull();
  });
  it('refuses a total a penny out, and says what it should be', () => {
    expect(priceProblem(9_550, 114_599, 12, 'sessions')).toBe('The total price must be the rate times 12 sessions, which is £1,146.00');
  });
  it('has no floating point drift', () => {
    // 0.1 + 0.2 style errors cannot happen: £0.10 × 3 is exactly 30p.
    expect(priceProblem(10, 30, 3, 'hours')).toBeNull();
    expect(priceProblem(1_999, 199_900, 100, 'hours')).toBeNull();
  });
  it('refuses amounts too large to hold exactly', () => {
    expect(priceProblem(Number.MAX_SAFE_INTEGER, 0, 2, 'sessions')).toBe('The total price must be £10,000,000 or less, so enter a smaller rate');
    expect(priceProblem(200_000_000, 900_000_000, 10, 'sessions')).toBe('The total price must be £10,000,000 or less, so enter a smaller rate');
    expect(priceProblem(100_000_000, 1_000_000_000, 10, 'sessions')).toBeNull();
  });
  it('marks a total above the ceiling, not at it', () => {
    expect(isOverCeiling(120_001, 120_000)).toBe(true);
    expect(isOverCeiling(120_000, 120_000)).toBe(false);
  });
});

describe('answer word limits', () => {
  it('counts words across any whitespace', () => expect(wordCount('  one two\nthree\tfour ')).toBe(4));
  it('allows an answer at the limit', () => expect(wordLimitProblem('one two three', 3)).toBeNull());
  it('refuses one over the limit', () => expect(wordLimitProblem('one two three four', 3)).toBe('Your answer must be 3 words or fewer (it is 4)'));
});
