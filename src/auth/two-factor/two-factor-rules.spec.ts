import { twoFactorRequiredFor } from './two-factor-rules';

describe('twoFactorRequiredFor', () => {
  it('requires it of every staff role when the portal requires it', () => {
    for (const role of ['commissioner', 'framework_manager', 'panel_member', 'system_admin']) expect(twoFactorRequiredFor([role], 'required')).toBe(true);
  });
  it('leaves it to providers', () => {
    expect(twoFactorRequiredFor(['provider_user'], 'required')).toBe(false);
  });
  it('leaves it to everyone when the portal makes it optional', () => {
    expect(twoFactorRequiredFor(['commissioner'], 'optional')).toBe(false);
  });
});
