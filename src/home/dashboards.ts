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

/** Each role's main sections for the service navigation, its dashboard first. */
export const ROLE_SECTIONS: Record<Role, Array<{ href: string; text: string }>> = {
  provider_user: [
    { href: '/provider', text: 'Your organisation' },
    { href: '/provider/opportunities', text: 'Opportunities' },
    { href: '/provider/contracts', text: 'Your contracts' },
    { href: '/provider/documents', text: 'Documents' },
  ],
  commissioner: [
    { href: '/commissioner', text: 'Commissioning' },
    { href: '/requirements', text: 'Requirements' },
    { href: '/contracts', text: 'Contracts' },
    { href: '/quality/providers', text: 'Quality' },
    { href: '/insights/market', text: 'Market' },
  ],
  framework_manager: [
    { href: '/framework-manager', text: 'Framework' },
    { href: '/evaluation', text: 'Applications' },
    { href: '/memberships', text: 'Members' },
    { href: '/quality/providers', text: 'Quality' },
    { href: '/insights/market', text: 'Market' },
  ],
  panel_member: [
    { href: '/panel', text: 'Panel' },
    { href: '/panel/requirements', text: 'Panel requirements' },
    { href: '/panel/meetings', text: 'Meetings' },
  ],
  system_admin: [
    { href: '/admin', text: 'Admin' },
    { href: '/admin/users', text: 'Users' },
    { href: '/admin/audit', text: 'Audit log' },
    { href: '/admin/emails', text: 'Sent emails' },
  ],
};

const covers = (href: string, path: string) => path === href || path.startsWith(`${href}/`);

/**
 * Navigation links for the header: the main sections of every role the
 * person holds, once each. The one active is the most specific section the
 * page sits in, so /panel/requirements/1 marks "Panel requirements", not "Panel".
 */
export function navigationFor(roles: Role[], currentPath: string): Array<{ href: string; text: string; active: boolean }> {
  const links = new Map<string, string>();
  for (const role of roles) for (const section of ROLE_SECTIONS[role]) if (!links.has(section.href)) links.set(section.href, section.text);
  const active = [...links.keys()].filter((href) => covers(href, currentPath)).sort((a, b) => b.length - a.length)[0];
  return [...links].map(([href, text]) => ({ href, text, active: href === active }));
}
