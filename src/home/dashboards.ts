import type { Role } from '../users/role';

/** Each role's own dashboard. */
export const DASHBOARD_PATHS: Record<Role, string> = {
  provider_user: '/provider',
  commissioner: '/commissioner',
  framework_manager: '/framework-manager',
  panel_member: '/panel',
  system_admin: '/admin',
};

/** Where /dashboard sends someone: their one dashboard, or null to choose between several. */
export function dashboardFor(roles: Role[]): string | null {
  return roles.length === 1 ? DASHBOARD_PATHS[roles[0]] : null;
}

/** Navigation links for the header, one per dashboard the person can use. */
export function navigationFor(roles: Role[], currentPath: string): Array<{ href: string; text: string; active: boolean }> {
  const labels: Record<Role, string> = {
    provider_user: 'Your organisation',
    commissioner: 'Commissioning',
    framework_manager: 'Framework',
    panel_member: 'Panel',
    system_admin: 'Admin',
  };
  return roles.map((role) => ({
    href: DASHBOARD_PATHS[role],
    text: labels[role],
    active: currentPath === DASHBOARD_PATHS[role] || currentPath.startsWith(`${DASHBOARD_PATHS[role]}/`),
  }));
}
