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
  it('marks the section in use', () => {
    expect(navigationFor(['system_admin', 'panel_member'], '/admin/users')).toEqual([
      { href: '/admin', text: 'Admin', active: true },
      { href: '/panel', text: 'Panel', active: false },
    ]);
  });
});
