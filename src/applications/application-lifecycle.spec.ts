import { IllegalTransitionError } from '../common/lifecycle';
import { applicationLifecycle, APPLICATION_STATUSES } from './application-lifecycle';

describe('application lifecycle', () => {
  it.each([
    ['draft', 'submitted'],
    ['submitted', 'under_evaluation'],
    ['under_evaluation', 'clarification_requested'],
    ['clarification_requested', 'under_evaluation'],
    ['under_evaluation', 'decided'],
  ] as const)('allows %s → %s', (from, to) => expect(() => applicationLifecycle.assertMove(from, to)).not.toThrow());

  it('refuses every other move with a clear message', () => {
    const allowed = new Set([
      'draft>submitted',
      'submitted>under_evaluation',
      'under_evaluation>clarification_requested',
      'clarification_requested>under_evaluation',
      'under_evaluation>decided',
    ]);
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect(applicationLifecycle.canMove(from, to)).toBe(false);
      }
    }
    expect(() => applicationLifecycle.assertMove('draft', 'decided')).toThrow(new IllegalTransitionError('An application that is draft cannot become decided'));
    expect(() => applicationLifecycle.assertMove('decided', 'under_evaluation')).toThrow('An application that is decided cannot become under evaluation');
  });

  it('lists the next states', () => {
    expect(applicationLifecycle.nextStates('under_evaluation')).toEqual(['clarification_requested', 'decided']);
    expect(applicationLifecycle.nextStates('decided')).toEqual([]);
  });
});
