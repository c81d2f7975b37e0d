import { AGENCY_ROLES } from '../../users/role';

/** Whether someone must use two-factor sign-in: staff, when the portal requires it. Providers may choose to. */
export function twoFactorRequiredFor(roles: readonly string[], staffTwoFactor: 'required' | 'optional'): boolean {
  return staffTwoFactor === 'required' && roles.some((role) => (AGENCY_ROLES as readonly string[]).includes(role));
}
