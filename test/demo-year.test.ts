/**
 * Issue 21: `npm start` on an empty database seeds a year of work in the demo
 * partnership, so every role's dashboard, the market report and the quality
 * pages show figures on first sign-in. Seeded here into a fresh copy of the
 * template, as main.ts does after the demo accounts and market.
 */
import { londonDate } from '../src/common/calendar/working-days';
import { Seeder } from '../src/database/seed/seeder';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, Page, WebSession } from './support/web-session';

let testApp: TestApp;
const seededOn = londonDate(new Date());
const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
const signedIn = async (email: string) => {
  const session = new WebSession(testApp.server);
  await session.signIn(email);
  return session;
};
const taskCount = (page: Page, id: string) => page.$(`#${id}`).next('.govuk-task-list').find('.govuk-task-list__item').length;

beforeAll(async () => {
  testApp = await createTestApp();
  const seeder = testApp.app.get(Seeder);
  await seeder.seedDemoMarket();
  expect(await seeder.seedDemoYear(seededOn)).toBe(true);
}, 120_000);
afterAll(() => testApp.close());

describe('the demo year', () => {
  it('has thirty requirements in every state, bids with versions, panel work and contracts of both kinds', async () => {
    const states = await sql(`SELECT status, count(*)::int AS n FROM requirements GROUP BY status ORDER BY status`);
    expect(Object.fromEntries(states.map((row: { status: string; n: number }) => [row.status, row.n]))).toEqual({
      awarded: 13,
      cancelled: 3,
      closed: 3,
      draft: 2,
      evaluating: 3,
      no_award: 2,
      published: 4,
    });
    const [counts] = await sql(`SELECT (SELECT count(*)::int FROM bid_versions WHERE version = 2) AS second_versions,
                                       (SELECT count(*)::int FROM panel_scores) AS scores, (SELECT count(*)::int FROM moderated_scores) AS moderated,
                                       (SELECT count(*)::int FROM panel_meetings WHERE meeting_date > current_date) AS upcoming,
                                       (SELECT count(*)::int FROM contracts WHERE kind = 'block') AS blocks, (SELECT count(*)::int FROM call_offs) AS call_offs,
                                       (SELECT count(*)::int FROM session_logs) AS sessions, (SELECT count(*)::int FROM delivery_reports) AS reports,
                                       (SELECT count(*)::int FROM outcome_measures WHERE end_score IS NOT NULL) AS outcomes, (SELECT count(*)::int FROM feedback_responses) AS feedback,
                                       (SELECT count(*)::int FROM funding_records) AS funding`);
    for (const [key, value] of Object.entries(counts)) expect([key, value]).toEqual([key, expect.any(Number)]);
    for (const [key, value] of Object.entries(counts)) expect({ [key]: (value as number) > 0 }).toEqual({ [key]: true });
    expect(await sql(`SELECT DISTINCT status FROM contracts ORDER BY status`)).toEqual([
      { status: 'active' },
      { status: 'completed' },
      { status: 'ended_early' },
      { status: 'pending' },
    ]);
  });

  it('keeps the sealed-bid gate: open requirements’ bids stay sealed, closed ones’ are opened', async () => {
    const [row] =
      await sql(`SELECT count(*) FILTER (WHERE r.status = 'published')::int AS open_seen, count(*) FILTER (WHERE r.status = 'awarded')::int AS awarded_seen
                               FROM opened_bids o JOIN requirements r ON r.id = o.requirement_id`);
    expect(row.open_seen).toBe(0);
    expect(row.awarded_seen).toBeGreaterThan(13);
  });

  it('fills every role’s work queue', async () => {
    const commissioner = await (await signedIn(DEMO.commissioner)).get('/commissioner');
    for (const id of ['questions', 'closing', 'contracts-to-start', 'reports-overdue'])
      expect({ id, tasks: taskCount(commissioner, id) > 0 }).toEqual({ id, tasks: true });
    const panel = await (await signedIn(DEMO.panelMember)).get('/panel');
    for (const id of ['declare', 'next-meeting']) expect({ id, tasks: taskCount(panel, id) > 0 }).toEqual({ id, tasks: true });
    const manager = await (await signedIn(DEMO.frameworkManager)).get('/framework-manager');
    expect(taskCount(manager, 'expiring-documents')).toBeGreaterThan(0);
    const provider = await (await signedIn(DEMO.provider)).get('/provider');
    expect(provider.$('#work-queue-empty').length).toBe(0);
    for (const page of [commissioner, panel, manager, provider]) expect(page.status).toBe(200);
  }, 60_000);

  it('shows figures on the market report, its CSVs and the quality pages', async () => {
    const manager = await signedIn(DEMO.frameworkManager);
    const market = await manager.get('/insights/market');
    expect(market.status).toBe(200);
    expect(market.$('main').text()).not.toMatch(/No requirements|no data/i);
    expect(market.$('svg').length).toBeGreaterThan(2);
    const csvLinks = market
      .$('a[href$=".csv"], a[href*=".csv?"]')
      .map((_, link) => market.$(link).attr('href'))
      .get();
    expect(csvLinks.length).toBeGreaterThan(0);
    for (const link of csvLinks) {
      const csv = await manager.get(link);
      expect({ link, status: csv.status, rows: csv.html.trim().split('\n').length > 1 }).toEqual({ link, status: 200, rows: true });
    }
    const quality = await manager.get('/quality/providers');
    expect(quality.status).toBe(200);
    expect(quality.$('main').text()).toContain('Oakleaf Family Therapy Ltd');
    const oakleafLink = quality.$('a[href^="/quality/providers/"]').first().attr('href')!;
    const detail = await manager.get(oakleafLink);
    expect(detail.status).toBe(200);
    expect(detail.$('main').text()).toMatch(/SDQ/);
    const own = await (await signedIn(DEMO.provider)).get('/provider/quality');
    expect(own.status).toBe(200);
  }, 60_000);

  it('lists something on each role’s main lists', async () => {
    const commissioner = await signedIn(DEMO.commissioner);
    for (const path of ['/requirements', '/contracts', '/insights/open-data'])
      expect({ path, status: (await commissioner.get(path)).status }).toEqual({ path, status: 200 });
    expect((await commissioner.get('/requirements')).$('tbody tr').length).toBeGreaterThan(5);
    expect((await commissioner.get('/contracts')).$('tbody tr').length).toBeGreaterThan(5);
    const panel = await signedIn(DEMO.panelMember);
    expect((await panel.get('/panel/requirements')).$('tbody tr').length).toBeGreaterThan(2);
    expect((await panel.get('/panel/meetings')).$('main').text()).toMatch(/\d{4}/);
    const provider = await signedIn(DEMO.provider);
    expect((await provider.get('/provider/contracts')).$('tbody tr').length).toBeGreaterThan(0);
  }, 60_000);

  it('has invoices the invoice rules allow, in every standing, on the payments report and its CSV', async () => {
    // Every contract's counted invoices stay within its delivered sessions and its value, inside its dates.
    const overrun = await sql(`SELECT c.id FROM contracts c
                                 JOIN LATERAL (SELECT coalesce(sum(sessions), 0) AS sessions, coalesce(sum(amount_pence), 0) AS pence, min(period_start) AS first, max(period_end) AS last
                                                 FROM invoices WHERE contract_id = c.id AND status IN ('submitted', 'approved', 'paid')) i ON true
                                 JOIN LATERAL (SELECT coalesce(sum(sessions), 0) AS delivered FROM session_logs WHERE contract_id = c.id) s ON true
                                WHERE i.sessions > s.delivered OR i.pence > c.value_pence OR i.first < c.starts_on OR i.last > coalesce(c.ended_on, c.ends_on)`);
    expect(overrun).toEqual([]);
    expect(await sql(`SELECT count(*)::int AS n FROM invoices WHERE due_on IS NOT NULL AND due_on <> received_on + 29`)).toEqual([{ n: 0 }]);
    const commissioner = await signedIn(DEMO.commissioner);
    const payments = await commissioner.get('/payments');
    expect(payments.status).toBe(200);
    expect(payments.$('#payments tbody tr').length).toBeGreaterThan(0);
    for (const list of ['awaiting_approval', 'disputed', 'due', 'overdue', 'paid']) {
      const page = await commissioner.get(`/payments?show=${list}`);
      expect({ list, rows: page.$('#payments tbody tr').length > 0 }).toEqual({ list, rows: true });
    }
    const [late] = await sql(`SELECT count(*)::int AS n FROM invoices WHERE status = 'paid' AND paid_on > due_on`);
    expect(late.n).toBe(1);
    expect(await sql(`SELECT count(*)::int AS n FROM invoices WHERE status = 'disputed' AND dispute_reason IS NOT NULL`)).toEqual([{ n: 1 }]);
    const csv = await commissioner.get('/payments/invoices.csv');
    expect(csv.status).toBe(200);
    expect(csv.html.trim().split('\n').length).toBeGreaterThan(10);
    const provider = await signedIn(DEMO.provider);
    const [contract] = await sql(
      `SELECT c.id FROM contracts c JOIN provider_organisations p ON p.id = c.provider_id JOIN users u ON u.provider_id = p.id
                                   WHERE u.email = $1 AND EXISTS (SELECT 1 FROM invoices i WHERE i.contract_id = c.id) ORDER BY c.starts_on LIMIT 1`,
      [DEMO.provider],
    );
    const invoices = await provider.get(`/provider/contracts/${contract.id}/invoices`);
    expect(invoices.status).toBe(200);
    expect(invoices.$('main').text()).toContain('INV-');
  }, 60_000);

  it('claims and closes ASGSF applications against approved invoices, so the funding report shows spend, claims and returns', async () => {
    const rows = await sql(`SELECT f.status, f.claimed_pence AS claimed, f.approved_pence AS approved,
                                   (SELECT coalesce(sum(amount_pence), 0)::int FROM invoices i WHERE i.contract_id = f.contract_id AND i.status IN ('approved', 'paid')) AS invoiced
                              FROM funding_records f WHERE f.status IN ('claimed', 'closed')`);
    expect(rows.map((row: { status: string }) => row.status).sort()).toEqual(['claimed', 'claimed', 'closed']);
    for (const row of rows) expect(row.claimed).toBeLessThanOrEqual(Math.min(row.approved, row.invoiced));
    const report = await (await signedIn(DEMO.commissioner)).get('/funding/report');
    expect(report.status).toBe(200);
    const figures = report.$('main').text();
    const amounts = (figures.match(/£[\d,]+\.\d\d/g) ?? []).filter((text) => text !== '£0.00');
    expect(amounts.length).toBeGreaterThan(5);
    expect(report.$('main').text()).toMatch(/Claimed/);
  }, 60_000);

  it('has a submitted framework application, with its snapshot, waiting for the framework manager', async () => {
    const manager = await signedIn(DEMO.frameworkManager);
    const dashboard = await manager.get('/framework-manager');
    expect(taskCount(dashboard, 'applications')).toBe(1);
    const link = dashboard.$('a[href^="/evaluation/"]').first();
    expect(link.text()).toContain('Kestrel Trauma Therapy CIC');
    const evaluation = await manager.get(link.attr('href')!);
    expect(evaluation.status).toBe(200);
    expect(evaluation.$('main').text()).toContain('Tom Hale');
  }, 60_000);

  it('seeds once only, and the same year again into another empty database', async () => {
    expect(await testApp.app.get(Seeder).seedDemoYear()).toBe(false);
    const fingerprint = (app: TestApp) =>
      app.dataSource.query(
        `SELECT r.id, r.status, r.title, r.bid_deadline, coalesce(sum(b.total_pence), 0)::int AS bids FROM requirements r LEFT JOIN bids b ON b.requirement_id = r.id GROUP BY r.id ORDER BY r.id`,
      );
    const other = await createTestApp();
    try {
      await other.app.get(Seeder).seedDemoMarket();
      expect(await other.app.get(Seeder).seedDemoYear(seededOn)).toBe(true);
      expect(await fingerprint(other)).toEqual(await fingerprint(testApp));
    } finally {
      await other.close();
    }
  }, 120_000);
});
