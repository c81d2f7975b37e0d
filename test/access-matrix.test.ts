import { DASHBOARD_PATHS } from '../src/home/dashboards';
import type { Role } from '../src/users/role';
import { listRoutes, RegisteredRoute, withIds } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_SIGN_INS, Page, WebSession } from './support/web-session';

type Visitor = Role | 'anonymous';
type Outcome = 'allowed' | 'forbidden' | 'sign in';

const EVERY_ROLE = ['provider_user', 'commissioner', 'framework_manager', 'panel_member', 'system_admin'] as Role[];

/**
 * Who should reach each area of the portal, written down here independently
 * of the controllers: the most specific prefix wins. A route in no area, or
 * whose declared roles differ from its area's, fails the test.
 */
const ACCESS_POLICY: Array<[prefix: string, roles: Role[]]> = [
  ['/account', EVERY_ROLE],
  ['/dashboard', EVERY_ROLE],
  ['/session/keep-alive', EVERY_ROLE],
  ['/sign-in/recovery-codes', EVERY_ROLE],
  ['/admin', ['system_admin']],
  ['/commissioner', ['commissioner']],
  ['/requirements', ['commissioner']],
  // The approver's queue and decision: a second commissioner, or a framework manager of the partnership (issue 22).
  ['/requirements/approvals', ['commissioner', 'framework_manager']],
  ['/contracts', ['commissioner']],
  // Issue 19: ASGSF applications are the agency's business, never the provider's.
  ['/contracts/:id/funding', ['commissioner']],
  // Invoices across the agency's contracts, awaiting approval, due, late and paid (PA 2023 s.68).
  ['/payments', ['commissioner']],
  // The partnership's ASGSF funding report: spend, claims, returns and agency money (issue 19).
  ['/funding/report', ['commissioner']],
  ['/subject-access', ['commissioner']],
  // The notices due for an award or contract, and recording them published (issue 18).
  ['/notices', ['commissioner']],
  // A direct award to the family's chosen provider (issue 22): the commissioner's own agency only.
  ['/user-choice', ['commissioner']],
  ['/framework-manager', ['framework_manager']],
  ['/frameworks', ['framework_manager']],
  ['/evaluation', ['framework_manager']],
  ['/memberships', ['framework_manager']],
  ['/compliance', ['framework_manager']],
  // The partnership's copy of the debarment list: never for providers (PA 2023 s.62).
  ['/debarment', ['framework_manager']],
  // The market report is shared with commissioners; the full OCDS export is the framework manager's.
  ['/insights', ['framework_manager', 'commissioner']],
  ['/insights/ocds.json', ['framework_manager']],
  ['/panel', ['panel_member']],
  ['/provider', ['provider_user']],
  // A document is downloaded by the provider that owns it and by the framework manager evaluating it.
  ['/documents', ['provider_user', 'framework_manager']],
  ['/quality/providers', ['commissioner', 'framework_manager', 'panel_member']],
  // Conflicts of interest on a requirement: everyone who acts on it declares, and sees its conflicts assessment.
  ['/conflicts', ['commissioner', 'framework_manager', 'panel_member']],
];

function policyFor(path: string): Role[] | undefined {
  const matches = ACCESS_POLICY.filter(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  return matches.sort((a, b) => b[0].length - a[0].length)[0]?.[1];
}

/** What each visitor should meet on a route, from the written policy. */
function expectedOutcome(route: RegisteredRoute, visitor: Visitor): Outcome {
  // A public route may still send someone elsewhere (a second step with no password before it goes back to sign in).
  if (route.isPublic) return 'allowed';
  if (visitor === 'anonymous') return 'sign in';
  return policyFor(route.path)?.includes(visitor) ? 'allowed' : 'forbidden';
}

function actualOutcome(page: Page): Outcome | `broken (${number})` {
  if (page.status >= 500) return `broken (${page.status})`;
  if (page.status === 303 && page.location === '/sign-in') return 'sign in';
  if (page.status === 403 && page.heading !== 'This form has expired') return 'forbidden';
  return 'allowed';
}

/**
 * The access matrix: every route Nest has registered, for anonymous visitors
 * and each role, checked against the rule the route declares. Ids in paths
 * are well formed but match nothing, so "allowed" means the route let the
 * visitor through to a 200, a redirect, a 400 or a 404 of its own.
 */
describe('access matrix', () => {
  let testApp: TestApp;
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    testApp = await createTestApp();
    routes = listRoutes(testApp);
  });
  afterAll(() => testApp.close());

  it('finds every route declares who may use it: @Public, @Roles or @AnySignedInUser', () => {
    const undeclared = routes.filter((route) => !route.isPublic && !route.roles).map((route) => route.route);
    expect(undeclared).toEqual([]);
    expect(routes.length).toBeGreaterThan(150);
  });

  it('finds every private route in an area of the access policy, declaring the same roles', () => {
    const sorted = (roles: Role[] | undefined) => (roles ? [...roles].sort() : 'no area in the policy');
    const differences = routes
      .filter((route) => !route.isPublic)
      .filter((route) => JSON.stringify(sorted(route.roles)) !== JSON.stringify(sorted(policyFor(route.path))))
      .map((route) => `${route.route}: declares ${route.roles?.join(', ')}; policy says ${sorted(policyFor(route.path))}`);
    expect(differences).toEqual([]);
  });

  it('gives each visitor the outcome the policy expects, on every route', async () => {
    const visitors: Array<[Visitor, WebSession]> = [['anonymous', new WebSession(testApp.server)]];
    for (const [role, email] of DEMO_SIGN_INS) {
      const session = new WebSession(testApp.server);
      await session.signIn(email);
      visitors.push([role, session]);
    }
    const mismatches: string[] = [];
    const tally: Record<Outcome, number> = { allowed: 0, forbidden: 0, 'sign in': 0 };
    // The routes that end the session last, so each visitor stays signed in throughout.
    const endsSession = (path: string) => path === '/sign-out' || path === '/session/timed-out';
    const ordered = [...routes].sort((a, b) => Number(endsSession(a.path)) - Number(endsSession(b.path)));
    for (const [visitor, session] of visitors) {
      const csrf =
        visitor === 'anonymous'
          ? ((await session.get('/sign-in')).$('input[name=_csrf]').val() as string)
          : (await session.get(DASHBOARD_PATHS[visitor])).$('meta[name=csrf-token]').attr('content')!;
      for (const route of ordered) {
        const path = withIds(route.path);
        const page = route.method === 'GET' ? await session.get(path) : await session.post(path, { _csrf: csrf });
        const expected = expectedOutcome(route, visitor);
        const actual = route.isPublic && actualOutcome(page) === 'sign in' ? 'allowed' : actualOutcome(page);
        if (actual !== expected)
          mismatches.push(`${visitor} → ${route.route}: expected ${expected}, got ${actual} (${page.status} ${page.location ?? page.heading})`);
        else tally[expected]++;
      }
    }
    expect(mismatches).toEqual([]);
    // Each kind of outcome really was exercised.
    expect(tally.allowed).toBeGreaterThan(200);
    expect(tally.forbidden).toBeGreaterThan(300);
    expect(tally['sign in']).toBeGreaterThan(100);
  }, 180_000);
});
