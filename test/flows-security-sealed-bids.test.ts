import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openRequirementWithBids, passBidDeadline } from './factories/competitions';
import { referenceIds } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Sealed bids (BR-6) attacked as flows: reports narrowed to one open
 * requirement, cancel then read, and an admin watching the audit log and the
 * outbox while bids come in. Sealed means the database clock is before the
 * bid deadline, whatever the requirement's status.
 */

/** Every way a bid's rate or total could be written on a page or in a CSV, and its practitioner and answers. */
function bidSecrets(name: string, ratePounds: string, units = 10): RegExp[] {
  const ratePence = Math.round(Number(ratePounds) * 100);
  const totalPence = ratePence * units;
  const pounds = (pence: number) => [(pence / 100).toFixed(2), (pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })];
  const numbers = [...pounds(ratePence), ...pounds(totalPence)].map((text) => new RegExp(`(?<![\\d.,])${text.replace(/[.,]/g, '\\$&')}(?![\\d])`));
  const pence = [ratePence, totalPence].map((value) => new RegExp(`(?<![\\w.])${value}(?![\\w])`));
  return [...numbers, ...pence, new RegExp(`Practitioner of ${name}`), new RegExp(`${name} answer (one|two)`)];
}

const leaks = (body: string, secrets: RegExp[]) => secrets.filter((secret) => secret.test(body)).map(String);

describe('sealed bids, attacked as flows', () => {
  let testApp: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let manager: WebSession;
  let commissioner: WebSession;
  let panel: WebSession;
  let admin: WebSession;

  beforeAll(async () => {
    testApp = await createTestApp();
    ids = await referenceIds(testApp.dataSource);
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    panel = new WebSession(testApp.server);
    await panel.signIn(DEMO.panelMember);
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
  });
  afterAll(() => testApp.close());

  /** Every report page and CSV, narrowed by every filter to the requirement's lot, district, agency and month. */
  const reportPaths = () => {
    const month = new Date().toISOString().slice(0, 7);
    const narrowed = new URLSearchParams({ from: month, to: month, lot: ids.theraplay, area: ids.ashford, agency: ids.kent }).toString();
    const files = ['demand', 'supply', 'competition', 'price', 'speed', 'spend'].map((report) => `/insights/market/${report}.csv`);
    return [
      ...['/insights/market', ...files].flatMap((path) => [`${path}?${narrowed}`, `${path}?lot=${ids.theraplay}&area=${ids.ashford}`, path]),
      '/insights/open-data',
      '/insights/ocds.json',
      '/insights/contract-notices.csv',
      '/quality/providers',
      '/dashboard',
      '/requirements',
      '/panel/requirements',
    ];
  };

  it('shows no bid rate, total, practitioner or answer in any report narrowed to one open requirement', async () => {
    const open = await openRequirementWithBids(testApp, [['Sealwood Therapy', '104.17']]);
    const secrets = bidSecrets('Sealwood Therapy', '104.17');
    for (const [who, session] of [
      ['framework manager', manager],
      ['commissioner', commissioner],
      ['panel member', panel],
    ] as const) {
      for (const path of reportPaths()) {
        const page = await session.get(path);
        expect({ who, path, serverError: page.status >= 500, leaks: leaks(page.html, secrets) }).toEqual({ who, path, serverError: false, leaks: [] });
      }
    }
    // The commissioner's own page for the bids says how many, and nothing more.
    const bidsPage = await commissioner.get(`/requirements/${open.requirementId}/bids`);
    expect(bidsPage.status).toBe(200);
    expect(leaks(bidsPage.html, secrets)).toEqual([]);
  });

  it('suppresses prices for any group of fewer than 5 bids, even after the deadline', async () => {
    const closed = await openRequirementWithBids(testApp, [['Thornfield Therapy', '107.31']], { title: 'Theraplay with one bidder' });
    await passBidDeadline(testApp, closed.requirementId);
    const secrets = bidSecrets('Thornfield Therapy', '107.31');
    const narrowed = `lot=${ids.theraplay}&area=${ids.ashford}`;
    const csv = await manager.get(`/insights/market/price.csv?${narrowed}`);
    expect(csv.status).toBe(200);
    expect(leaks(csv.html, secrets)).toEqual([]);
    const page = await manager.get(`/insights/market?${narrowed}`);
    expect(leaks(page.html, secrets)).toEqual([]);
    expect(page.$('main').text()).toContain('fewer than 5 bids is not shown');
  });

  it('works out prices from the submitted versions after the deadline, never a working copy edited since', async () => {
    // Five bidders at £100 to £104 in a lot of their own, so the group is shown.
    const bidders: Array<[string, string]> = ['Ash', 'Birch', 'Cedar', 'Damson', 'Elm'].map((name, index) => [`${name} Pricing Therapy`, String(100 + index)]);
    const open = await openRequirementWithBids(testApp, bidders, { title: 'EMDR priced by five' }, 'emdr');
    const month = new Date().toISOString().slice(0, 7);
    // After submitting at £102, Cedar saves (but never submits) a working copy at £999.
    const edit = await open.sessions['Cedar Pricing Therapy'].submit(`/provider/opportunities/${open.requirementId}/bid`, {
      rate: '999',
      total: '9990',
      intent: 'draft',
    });
    expect(edit.status).toBe(303);
    await passBidDeadline(testApp, open.requirementId);
    const csv = await manager.get(`/insights/market/price.csv?lot=${ids.emdr}&area=${ids.ashford}&from=${month}&to=${month}`);
    expect(csv.status).toBe(200);
    const row = csv.html.split('\r\n').find((line) => line.includes('Eye movement'));
    expect(row).toBeDefined();
    // Median £102.00 with quartiles £101.00 and £103.00; the £999 draft moves nothing.
    expect(row).toContain('102.00');
    expect(row).toContain('101.00');
    expect(row).toContain('103.00');
    expect(csv.html).not.toContain('999');
  });

  it('keeps bids sealed after the requirement is cancelled, and a cancelled requirement cannot be published again', async () => {
    const open = await openRequirementWithBids(
      testApp,
      [
        ['Larkspur Therapy', '93.17'],
        ['Lupin Therapy', '91.43'],
      ],
      { title: 'Theraplay to cancel' },
    );
    const secrets = [...bidSecrets('Larkspur Therapy', '93.17'), ...bidSecrets('Lupin Therapy', '91.43')];
    const cancelled = await commissioner.submit(`/requirements/${open.requirementId}/cancel`, { reason: 'The family moved away' });
    expect(cancelled.status).toBe(303);

    const bidsPage = await commissioner.get(`/requirements/${open.requirementId}/bids`);
    expect(bidsPage.status).toBe(200);
    expect(leaks(bidsPage.html, secrets)).toEqual([]);
    expect(bidsPage.$('main').text()).not.toMatch(/Larkspur|Lupin/);

    for (const path of ['', '/scores', '/moderation']) {
      const page = await panel.get(`/panel/requirements/${open.requirementId}${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(leaks(page.html, secrets)).toEqual([]);
      expect(page.html).not.toMatch(/Larkspur|Lupin/);
    }
    for (const path of reportPaths()) {
      const page = await manager.get(path);
      expect({ path, leaks: leaks(page.html, secrets) }).toEqual({ path, leaks: [] });
    }

    const check = await commissioner.get(`/requirements/${open.requirementId}/check`);
    const csrf = check.$('input[name="_csrf"]').first().attr('value') ?? check.$('meta[name=csrf-token]').attr('content');
    const republish = await commissioner.post(`/requirements/${open.requirementId}/publish`, { _csrf: csrf! });
    expect(republish.status).not.toBe(303);
    expect(republish.status).toBeLessThan(500);
    const [row] = await testApp.dataSource.query(`SELECT status FROM requirements WHERE id = $1`, [open.requirementId]);
    expect(row.status).toBe('cancelled');
  });

  it('hides who is bidding from system admins until the deadline: audit log and sent emails', async () => {
    const open = await openRequirementWithBids(testApp, [['Foxglove Therapy', '95.29']], { title: 'Theraplay watched by an admin' });
    const [bidder] = await testApp.dataSource.query(`SELECT u.email FROM users u WHERE u.provider_id = $1`, [open.providerIds['Foxglove Therapy']]);
    const bidId = open.bidIds['Foxglove Therapy'];
    const beforeDeadline = [
      '/admin/audit?entityType=bid',
      `/admin/audit?actor=${encodeURIComponent(bidder.email)}`,
      `/admin/audit?entityId=${bidId}`,
      '/admin/audit',
      '/admin/emails',
      '/admin/emails?status=queued',
    ];
    for (const path of beforeDeadline) {
      const page = await admin.get(path);
      expect(page.status).toBe(200);
      // The filter boxes echo what was typed; the rows are what must not show. Being invited and signing in say nothing about bidding.
      const rows = page
        .$('table tbody tr')
        .map((_, row) => page.$(row).text())
        .get();
      const bidderRows = rows.filter((row) => row.includes(bidder.email) && /bid\.|Your bid|Bids close/.test(row));
      expect({ path, bidderRows, bid: rows.some((row) => row.includes(bidId)) }).toEqual({ path, bidderRows: [], bid: false });
    }
    expect((await admin.get('/admin/emails')).$('main').text()).toContain('Withheld until the bid deadline');

    await passBidDeadline(testApp, open.requirementId);
    const audit = await admin.get(`/admin/audit?entityId=${bidId}`);
    expect(audit.$('table').text()).toContain(bidder.email);
    expect((await admin.get('/admin/emails')).$('table').text()).toContain(bidder.email);
  });

  it('opens bid content in the database only after the deadline, from the submitted version', async () => {
    const open = await openRequirementWithBids(testApp, [['Gorse Therapy', '97.11']], { title: 'Theraplay read in SQL' });
    const opened = () => testApp.dataSource.query(`SELECT rate_pence, provider_id FROM opened_bids WHERE requirement_id = $1`, [open.requirementId]);
    expect(await opened()).toEqual([]);
    await open.sessions['Gorse Therapy'].submit(`/provider/opportunities/${open.requirementId}/bid`, { rate: '500', total: '5000', intent: 'draft' });
    await passBidDeadline(testApp, open.requirementId);
    expect(await opened()).toEqual([{ rate_pence: 9711, provider_id: open.providerIds['Gorse Therapy'] }]);
  });
});

/**
 * The gate is the only way in: no code outside the bids feature names the
 * bid tables in SQL or imports their entities. A new report that reads
 * bids must go through opened_bids (content) or the count fragment.
 */
describe('the sealed-bid gate', () => {
  const root = join(__dirname, '..', 'src');
  const files = (directory: string): string[] =>
    readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
    });
  /** The bids feature owns its tables; the national-scale generator and the demo year write them in bulk and show nothing. */
  const OWNERS = new Set([
    'bids/bid.entity.ts',
    'bids/bids.service.ts',
    'bids/sealed-bid-gate.ts',
    'database/entities.ts',
    'database/scale/scale-generator.ts',
    'database/seed/demo-year-writer.ts',
  ]);
  const TABLE = /\b(?:FROM|JOIN|UPDATE|INTO)\s+"?(?:bids|bid_versions)"?(?![\w.])/i;
  const ENTITY = /from\s+['"][./]*(?:bids\/)?bid\.entity['"]/;
  /** Other entities may point at a bid by foreign key, but never load it through the relation. */
  const RELATION = /\bbid:\s*true\b|\.bid['"]/;
  const isEntity = (path: string) => /\.entit(y|ies)\.ts$/.test(path);

  it('is the only way other features read the bid tables', () => {
    const offenders = files(root)
      .map((path) => relative(root, path))
      .filter((path) => !OWNERS.has(path))
      .filter((path) => {
        const source = readFileSync(join(root, path), 'utf8');
        return TABLE.test(source) || (ENTITY.test(source) && !isEntity(path)) || RELATION.test(source);
      });
    expect(offenders).toEqual([]);
  });

  it('catches a query that would forget it', () => {
    expect(TABLE.test('SELECT b.rate_pence FROM bids b JOIN requirements r ON r.id = b.requirement_id')).toBe(true);
    expect(TABLE.test('LEFT JOIN bid_versions v ON v.bid_id = b.id')).toBe(true);
    expect(TABLE.test('SELECT * FROM opened_bids o')).toBe(false);
    expect(ENTITY.test(`import { Bid } from '../bids/bid.entity';`)).toBe(true);
    expect(RELATION.test(`manager.find(Award, { relations: { bid: true } })`)).toBe(true);
  });
});
