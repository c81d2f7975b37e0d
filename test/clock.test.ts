import { addDays } from '../src/common/calendar/dates';
import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { DEMO, WebSession } from './support/web-session';

/**
 * Services read the time from the injected Clock, so a test can stop it at a
 * day of its choosing: here 60 days on, when an invoice received "today" by
 * that clock and due 4 days before it is overdue, though by the real
 * calendar its due date is still weeks away.
 */
describe('the injected clock', () => {
  const clock = new TestClock();
  let testApp: TestApp;
  let contract: ActiveContract;

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    contract = await activeContract(testApp, { winner: 'Ashgrove Therapy', startDays: -40, endDays: 60 });
  });
  afterAll(() => testApp.close());

  it('decides what is overdue on the payments report by the clock’s today', async () => {
    const base = `/provider/contracts/${contract.contractId}`;
    const logged = await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', -34), sessions: '3' }, `${base}/sessions`);
    expect(logged.status).toBe(303);
    clock.stopAt(new Date(Date.now() + 60 * 24 * 60 * 60 * 1000));
    const raised = await contract.provider.submit(`${base}/invoices`, {
      invoiceNumber: 'CLOCK-1',
      ...dateFields('invoiceDate', -24),
      ...dateFields('periodStart', -35),
      ...dateFields('periodEnd', -25),
      sessions: '3',
      amount: '10',
    });
    expect(raised.status).toBe(303);
    const [invoice] = await testApp.dataSource.query(`SELECT id, received_on::text FROM invoices WHERE invoice_number = 'CLOCK-1'`);
    // Received on the clock's day, not the system's.
    expect(invoice.received_on).toBe(clock.today());
    const dueOn = addDays(clock.today(), -4);
    await testApp.dataSource.query(`UPDATE invoices SET due_on = $2 WHERE id = $1`, [invoice.id, dueOn]);
    const [{ future }] = await testApp.dataSource.query(`SELECT $1::date > current_date AS future`, [dueOn]);
    expect(future).toBe(true);

    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const page = await commissioner.get('/payments');
    expect(page.status).toBe(200);
    const rows = page
      .$('#payments tbody tr')
      .map((_, tr) =>
        page
          .$(tr)
          .find('th, td')
          .map((__, cell) => page.$(cell).text().trim())
          .get(),
      )
      .get() as unknown as string[];
    expect(rows).toEqual(expect.arrayContaining(['CLOCK-1', '£10.00', '4']));
    expect(page.$('main').text()).toContain('1 overdue, £10.00 in all.');
  });
});
