import { dashboardFor, navigationFor } from './dashboards';

describe('dashboardFor', () => {
  it('sends a person with one role straight to it', () => {
    expect(dashboardFor(['commissioner'])).toBe('/commissioner');
    expect(dashboardFor(['provider_user'])).toBe('/provider');
  });

  it('lets a person with several roles choose', () => {
    expect(dashboardFor(['commissioner', 'panel_member'])).toBeNull();
  });
});

describe('navigationFor', () => {
  it('lists each role’s main sections once, dashboards first within each role', () => {
    const links = navigationFor(['commissioner', 'framework_manager'], '/commissioner');
    expect(links.map((link) => link.href)).toEqual([
      '/commissioner',
      '/requirements',
      '/contracts',
      '/quality/providers',
      '/insights/market',
      '/framework-manager',
      '/evaluation',
      '/memberships',
    ]);
    expect(links.filter((link) => link.active).map((link) => link.href)).toEqual(['/commissioner']);
  });

  it('marks the most specific section in use, and none for a page outside them', () => {
    const active = (path: string) =>
      navigationFor(['system_admin', 'panel_member'], path)
        .filter((link) => link.active)
        .map((link) => link.text);
    expect(active('/admin/users/123')).toEqual(['Users']);
    expect(active('/admin/retention')).toEqual(['Admin']);
    expect(active('/panel/requirements/1/scores')).toEqual(['Panel requirements']);
    expect(active('/panelling')).toEqual([]);
  });
});
