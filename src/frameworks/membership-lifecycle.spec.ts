import { membershipLifecycle } from './membership-lifecycle';

describe('membership lifecycle', () => {
  it('suspends and reinstates', () => {
    expect(membershipLifecycle.canMove('active', 'suspended')).toBe(true);
    expect(membershipLifecycle.canMove('suspended', 'active')).toBe(true);
  });

  it('removes from active or suspended, for good', () => {
    expect(membershipLifecycle.canMove('active', 'removed')).toBe(true);
    expect(membershipLifecycle.canMove('suspended', 'removed')).toBe(true);
    expect(() => membershipLifecycle.assertMove('removed', 'active')).toThrow('A membership that is removed cannot become active');
    expect(membershipLifecycle.canMove('removed', 'suspended')).toBe(false);
  });

  it('refuses a move to the same state', () => {
    expect(membershipLifecycle.canMove('active', 'active')).toBe(false);
  });
});
