import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** The procurement thresholds are dated data a system admin keeps: the shipped figures, and revised ones from a future date. */
describe('procurement thresholds', () => {
  let testApp: TestApp;
  let admin: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const threshold = (fields: Record<string, string>) => admin.submit('/admin/thresholds', fields);
  const valid = {
    regime: 'pa2023',
    kind: 'sub_central_services',
    amount: '210,000',
    'inForceFrom[day]': '1',
    'inForceFrom[month]': '1',
    'inForceFrom[year]': '2028',
    source: 'Procurement Act 2023 (Threshold Amounts) (Amendment) Regulations 2027',
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
  });
  afterAll(() => testApp.close());

  it('lists the figures in force, with their dates and sources, and how far they are known', async () => {
    const page = await admin.get('/admin/thresholds');
    expect(page.status).toBe(200);
    const rows = page
      .$('#thresholds tbody tr')
      .map((_, row) => page.$(row).text().replace(/\s+/g, ' '))
      .get();
    expect(rows).toContainEqual(expect.stringContaining('Procurement Act 2023 Goods and services, sub-central authorities 1 January 2026 £207,720.00'));
    expect(rows).toContainEqual(expect.stringContaining('Light touch contracts 24 February 2025 £663,540.00'));
    expect(page.$('main').text()).toContain('Known to 31 December 2027');
  });

  it('refuses a threshold without a date, an amount or a source, or dated today or earlier, saving nothing', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM procurement_thresholds`);
    const empty = await threshold({});
    expect(empty.status).toBe(400);
    expect(empty.title).toMatch(/^Error: /);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Select the law the threshold belongs to',
      'Select the kind of contract',
      'Enter the threshold in pounds, including VAT, like £207,720',
      'Enter the date the threshold comes into force',
      'Enter the legislation that sets the threshold',
    ]);
    const undated = await threshold({ ...valid, 'inForceFrom[day]': '', 'inForceFrom[month]': '', 'inForceFrom[year]': '' });
    expect(undated.fieldErrors).toEqual({ inForceFrom: 'Enter the date the threshold comes into force' });
    expect(undated.$('#amount').val()).toBe('210,000');
    const backdated = await threshold({ ...valid, 'inForceFrom[year]': '2026' });
    expect(backdated.fieldErrors).toEqual({
      inForceFrom: 'The date must be after today: procurements already begun keep the thresholds in force when they began',
    });
    expect((await threshold({ ...valid, amount: 'lots' })).fieldErrors).toEqual({ amount: 'Enter the threshold in pounds, including VAT, like £207,720' });
    expect(await sql(`SELECT count(*)::int AS n FROM procurement_thresholds`)).toEqual(before);
  });

  it('adds a revised figure, audited, which extends how far the figures are known', async () => {
    const added = await threshold(valid);
    expect(added.status).toBe(303);
    const page = await admin.get('/admin/thresholds');
    expect(page.$('#thresholds').text().replace(/\s+/g, ' ')).toContain('1 January 2028 £210,000.00');
    expect(page.$('main').text()).toContain('Known to 31 December 2029');
    const [event] = await sql(`SELECT after FROM audit_events WHERE action = 'threshold.added'`);
    expect(event.after).toMatchObject({ regime: 'pa2023', kind: 'sub_central_services', pence: 21_000_000, inForceFrom: '2028-01-01' });
    expect((await threshold(valid)).fieldErrors).toEqual({ inForceFrom: 'There is already a threshold of this kind from that date' });
  });

  it('is for system admins only', async () => {
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    expect((await commissioner.get('/admin/thresholds')).status).toBe(403);
  });
});
