import type { Role } from '../../users/role';

/** What a request knows about the person signed in (kept small: it is loaded on every request). */
export interface SignedInUser {
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
  agencyId: string | null;
  providerId: string | null;
  isProviderAdmin: boolean;
}

export function hasRole(user: SignedInUser | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}
