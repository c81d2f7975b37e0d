export const ROLES = ['provider_user', 'commissioner', 'framework_manager', 'panel_member', 'system_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  provider_user: 'Provider user',
  commissioner: 'Commissioner',
  framework_manager: 'Framework manager',
  panel_member: 'Panel member',
  system_admin: 'System admin',
};

/** Roles held by agency staff, as opposed to provider staff. */
export const AGENCY_ROLES: Role[] = ['commissioner', 'framework_manager', 'panel_member', 'system_admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
