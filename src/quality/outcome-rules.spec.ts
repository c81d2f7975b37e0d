import { outcomeChange, outcomeScoreProblem } from './outcome-rules';

describe('outcome measures (BR-17)', () => {
  it('takes SDQ totals from 0 to 40 and GBO goals from 0 to 10', () => {
    expect(outcomeScoreProblem('SDQ', '0', 'baseline')).toBeNull();
    expect(outcomeScoreProblem('SDQ', '40', 'end')).toBeNull();
    expect(outcomeScoreProblem('SDQ', '41', 'baseline')).toBe('The baseline SDQ score must be a whole number from 0 to 40');
    expect(outcomeScoreProblem('GBO', '11', 'end')).toBe('The end GBO score must be a whole number from 0 to 10');
    expect(outcomeScoreProblem('GBO', '10', 'end')).toBeNull();
    expect(outcomeScoreProblem('AC', '240', 'end')).toBeNull();
    expect(outcomeScoreProblem('BAC', '41', 'end')).not.toBeNull();
  });

  it('refuses blanks, decimals, negatives and words', () => {
    expect(outcomeScoreProblem('SDQ', ' ', 'baseline')).toBe('Enter the baseline score');
    for (const raw of ['4.5', '-1', 'ten', '1e1', '0x1']) expect(outcomeScoreProblem('SDQ', raw, 'baseline')).not.toBeNull();
  });

  it('reads a fall in SDQ difficulties as improvement, and a rise in a GBO goal as improvement', () => {
    expect(outcomeChange('SDQ', 28, 17)).toEqual({ change: -11, direction: 'improved', shareOfPossible: 11 / 28, text: '-11 (improved)' });
    expect(outcomeChange('GBO', 3, 7)).toMatchObject({ change: 4, direction: 'improved', shareOfPossible: 4 / 7, text: '+4 (improved)' });
    expect(outcomeChange('GBO', 6, 4)).toMatchObject({ change: -2, direction: 'worse', text: '-2 (worse)' });
    expect(outcomeChange('SDQ', 12, 12)).toMatchObject({ change: 0, direction: 'no change', text: 'No change' });
  });

  it('has no share of the possible when the baseline left no room', () => {
    expect(outcomeChange('SDQ', 0, 3).shareOfPossible).toBeNull();
    expect(outcomeChange('GBO', 10, 10).shareOfPossible).toBeNull();
  });
});
