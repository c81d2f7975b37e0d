import { InvoicesService } from '../src/invoices/invoices.service';
import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

describe('invoices: purchase to pay (PA 2023 s.68)', () => {
  let testApp: TestApp;
  let contract: ActiveContract;
  let commissioner: WebSession;
  let providerEmail: string;
  let valuePence: number;
  let base: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const invoiceCount = async () => (await sql(`SELECT count(*)::int AS n FROM invoices`))[0].n as number;
  const invoiceId = async (number: string) => (await sql(`SELECT id FROM invoices WHERE invoice_number = $1`, [number]))[0].id as string;
  const subjects = (address: string) => testApp.smtp!.to(address).map((email) => email.subject);
  const errors = (page: { errorSummary: Array<{ text: string }> }) => page.errorSummary.map((error) => error.text);
  /** An invoice form: 3 sessions for £10, from 35 days ago to 25 days ago, dated 24 days ago. */
  const invoiceFields = (overrides: Record<string, string> = {}) => ({
    invoiceNumber: 'INV-001',
    ...dateFields('invoiceDate', -24),
    ...dateFields('periodStart', -35),
    ...dateFields('periodEnd', -25),
    sessions: '3',
    amount: '10',
    ...overrides,
  });
  const raise = (fields: Record<string, string>) => contract.provider.submit(`${base}/invoices`, fields);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    contract = await activeContract(testApp, { winner: 'Ashgrove Therapy', startDays: -40, endDays: 60 });
    base = `/provider/contracts/${contract.contractId}`;
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    [{ email: providerEmail }] = await sql(`SELECT email FROM users WHERE provider_id = $1`, [contract.providerId]);
    [{ value_pence: valuePence }] = await sql(`SELECT value_pence FROM contracts WHERE id = $1`, [contract.contractId]);
    for (const [days, sessions] of [
      [-34, '3'],
      [-27, '3'],
    ] as const) {
      const logged = await contract.provider.submit(`${base}/delivery`, { ...dateFields('deliveredOn', days), sessions }, `${base}/sessions`);
      expect(logged.status).toBe(303);
    }
  });
  afterAll(() => testApp.close());

  it('refuses every bad invoice with a GOV.UK error, keeping the values and saving nothing', async () => {
    const page = await contract.provider.get(`${base}/invoices`);
    expect(page.status).toBe(200);
    expect(page.$('main').text()).toContain('Sessions delivered');
    const value = (valuePence / 100).toFixed(2);
    const cases: Array<[Record<string, string>, string]> = [
      [{ amount: '0' }, 'The amount must be more than £0'],
      [{ amount: '-5' }, 'Enter the amount in pounds, like 450 or 450.50, more than £0'],
      [{ sessions: '7' }, 'Only 6 of the 6 sessions delivered are not yet invoiced'],
      [
        { amount: String(valuePence / 100 + 1) },
        `The amount must be £${Number(value).toLocaleString('en-GB', { minimumFractionDigits: 2 })} or less: with the contract’s other invoices it would be more than its value of £${Number(value).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
      ],
      [dateFields('periodStart', -45), 'The start of the period must be within the contract’s dates'],
      [dateFields('invoiceDate', 2), 'The invoice date must be today or in the past'],
      [{ invoiceNumber: '' }, 'Enter the invoice number'],
    ];
    for (const [overrides, message] of cases) {
      const refused = await raise(invoiceFields(overrides));
      expect({ overrides, status: refused.status, errors: errors(refused) }).toEqual({ overrides, status: 400, errors: [message] });
      expect(refused.$('title').text()).toMatch(/^Error: /);
    }
    const kept = await raise(invoiceFields({ sessions: '7' }));
    expect(kept.$('#invoiceNumber').attr('value')).toBe('INV-001');
    expect(kept.$('#sessions').attr('value')).toBe('7');
    expect(await invoiceCount()).toBe(0);
    expect(await sql(`SELECT 1 FROM audit_events WHERE entity_type = 'invoice'`)).toEqual([]);
  });

  it('takes two invoices, refuses a duplicate number, and tells the commissioner', async () => {
    const first = await raise(invoiceFields());
    expect(first.status).toBe(303);
    const duplicate = await raise(invoiceFields({ invoiceNumber: ' inv-001 ', sessions: '1', amount: '1' }));
    expect(duplicate.status).toBe(400);
    expect(errors(duplicate)).toEqual(['You have already used this invoice number: enter a new one']);
    expect(
      (
        await raise(
          invoiceFields({ invoiceNumber: 'INV-002', ...dateFields('periodStart', -28), ...dateFields('periodEnd', -20), ...dateFields('invoiceDate', -19) }),
        )
      ).status,
    ).toBe(303);
    // Both together use every delivered session: one more is refused.
    expect(errors(await raise(invoiceFields({ invoiceNumber: 'INV-003', sessions: '1', amount: '1' })))).toEqual([
      'Only 0 of the 6 sessions delivered are not yet invoiced',
    ]);
    expect(await invoiceCount()).toBe(2);

    const [row] = await sql(
      `SELECT status, amount_pence, received_on::text, due_on::text, (due_on - received_on) AS days FROM invoices WHERE invoice_number = 'INV-001'`,
    );
    expect(row).toMatchObject({ status: 'submitted', amount_pence: 1000, days: 29 });
    await testApp.deliverEmails();
    expect(subjects(DEMO.commissioner).filter((subject) => subject === 'A provider has sent an invoice')).toHaveLength(2);

    const list = await contract.provider.get(`${base}/invoices`);
    const rows = list
      .$('#invoice-table tbody tr')
      .map((_, tr) => list.$(tr).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('INV-001');
    expect(rows[0]).toContain('Awaiting approval');
  });

  it('disputes with a reason, takes a corrected invoice in its place, approves and records payment', async () => {
    const second = await invoiceId('INV-002');
    const page = `/contracts/${contract.contractId}/invoices/${second}`;
    expect((await commissioner.get(page)).status).toBe(200);
    const noReason = await commissioner.submit(page, {}, `${page}/dispute`);
    expect(noReason.status).toBe(400);
    expect(errors(noReason)).toEqual(['Enter the reason for disputing the invoice']);
    expect((await commissioner.submit(page, { reason: 'One session was cancelled by the family' }, `${page}/dispute`)).status).toBe(303);
    await testApp.deliverEmails();
    expect(subjects(providerEmail)).toContain('Your invoice has been disputed');
    expect(testApp.smtp!.to(providerEmail).find((email) => email.subject === 'Your invoice has been disputed')!.text).toContain(
      'One session was cancelled by the family',
    );
    // The reason is free text: the audit log records that it changed, never its words.
    const [audit] = await sql(`SELECT after FROM audit_events WHERE action = 'invoice.disputed'`);
    expect(audit.after.disputeReason).toBe('[not recorded]');

    // A disputed invoice does not count, so the corrected one fits.
    const corrected = await raise(
      invoiceFields({
        invoiceNumber: 'INV-002A',
        sessions: '2',
        amount: '7.50',
        replacesInvoiceId: second,
        ...dateFields('periodStart', -28),
        ...dateFields('periodEnd', -20),
        ...dateFields('invoiceDate', -19),
      }),
    );
    expect(corrected.status).toBe(303);
    expect((await sql(`SELECT status FROM invoices WHERE id = $1`, [second]))[0].status).toBe('replaced');
    // Replaced, it can no longer be approved.
    expect((await commissioner.submit(page, {}, `${page}/approve`)).status).toBe(409);

    const first = await invoiceId('INV-001');
    const firstPage = `/contracts/${contract.contractId}/invoices/${first}`;
    // Not approved yet: a payment cannot be recorded.
    expect((await commissioner.submit(firstPage, dateFields('paidOn', 0), `${firstPage}/payment`)).status).toBe(409);
    expect((await commissioner.submit(firstPage, {}, `${firstPage}/approve`)).status).toBe(303);
    const badDate = await commissioner.submit(firstPage, dateFields('paidOn', 3), `${firstPage}/payment`);
    expect(badDate.status).toBe(400);
    expect(errors(badDate)).toEqual(['The payment date must be today or in the past']);
    expect((await sql(`SELECT status FROM invoices WHERE id = $1`, [first]))[0].status).toBe('approved');
    expect((await commissioner.submit(firstPage, dateFields('paidOn', 0), `${firstPage}/payment`)).status).toBe(303);
    await testApp.deliverEmails();
    expect(subjects(providerEmail)).toEqual(expect.arrayContaining(['Your invoice has been approved', 'Your invoice has been paid']));

    const totals = await testApp.app.get(InvoicesService).totalsForContracts([contract.contractId, '00000000-0000-4000-8000-000000000000']);
    expect(totals.get(contract.contractId)).toEqual({ invoicedPence: 1750, approvedPence: 1000, paidPence: 1000 });
    expect(totals.get('00000000-0000-4000-8000-000000000000')).toEqual({ invoicedPence: 0, approvedPence: 0, paidPence: 0 });
    expect(
      (await sql(`SELECT action FROM audit_events WHERE entity_type = 'invoice' ORDER BY occurred_at, id`))
        .map((event: { action: string }) => event.action)
        .sort(),
    ).toEqual(
      ['invoice.submitted', 'invoice.submitted', 'invoice.disputed', 'invoice.submitted', 'invoice.replaced', 'invoice.approved', 'invoice.paid'].sort(),
    );
  });

  it('shows a late payment on the payments report with its days late, and tells the provider once', async () => {
    const corrected = await invoiceId('INV-002A');
    // Received 33 days ago: the 30 days ran out 3 days ago.
    await sql(`UPDATE invoices SET received_on = current_date - 33, due_on = current_date - 4 WHERE id = $1`, [corrected]);
    const service = testApp.app.get(InvoicesService);
    expect(await service.flagLatePayments()).toBe(1);
    expect(await service.flagLatePayments()).toBe(0);
    await testApp.deliverEmails();
    expect(subjects(providerEmail).filter((subject) => subject === 'The payment of your invoice is late')).toHaveLength(1);

    const overdue = await commissioner.get('/payments');
    expect(overdue.status).toBe(200);
    const rows = overdue
      .$('#payments tbody tr')
      .map((_, tr) =>
        overdue
          .$(tr)
          .find('th, td')
          .map((__, cell) => overdue.$(cell).text().trim())
          .get(),
      )
      .get() as unknown as string[];
    expect(rows).toEqual(expect.arrayContaining(['INV-002A', '£7.50', '4']));
    expect(overdue.$('main').text()).toContain('1 overdue, £7.50 in all.');
    const paid = await commissioner.get('/payments?show=paid');
    expect(paid.$('#payments').text()).toContain('INV-001');
    expect(paid.$('#payments').text()).toContain('on time');
    expect((await commissioner.get('/payments?show=awaiting_approval')).$('main').text()).toContain('No invoice is in this list.');

    const csv = await commissioner.get('/payments/invoices.csv');
    expect(csv.status).toBe(200);
    const lines = csv.html
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Invoice number,Provider,Contract,Invoice date,Received,Sessions,Amount (£),Status,Due by,Paid on,Days late');
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.startsWith('INV-002A'))).toMatch(/,7\.50,Payment late,\d{4}-\d{2}-\d{2},,4$/);
    expect(lines.find((line) => line.startsWith('INV-001'))).toMatch(/,10\.00,Paid,.*,0$/);

    // Paid late: the provider sees how late.
    const page = `/contracts/${contract.contractId}/invoices/${corrected}`;
    expect((await commissioner.submit(page, {}, `${page}/approve`)).status).toBe(303);
    expect((await sql(`SELECT due_on = current_date - 4 AS kept FROM invoices WHERE id = $1`, [corrected]))[0].kept).toBe(true);
    expect((await commissioner.submit(page, dateFields('paidOn', 0), `${page}/payment`)).status).toBe(303);
    expect((await commissioner.get('/payments?show=paid')).$('#payments').text()).toContain('4 days late');
  });

  it('lets no other provider or agency see or act on the invoices', async () => {
    const first = await invoiceId('INV-002A');
    const before = await sql(`SELECT id, status FROM invoices ORDER BY id`);
    const harbour = new WebSession(testApp.server);
    await harbour.signIn(DEMO.otherProvider);
    expect((await harbour.get(`${base}/invoices`)).status).toBe(404);
    const csrf = (await harbour.get('/provider/contracts')).$('meta[name=csrf-token]').attr('content')!;
    expect((await harbour.post(`${base}/invoices`, { ...invoiceFields({ invoiceNumber: 'HARBOUR-1', sessions: '1', amount: '1' }), _csrf: csrf })).status).toBe(
      404,
    );

    const [medway] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    const outsider = await createUser(testApp.dataSource, { roles: ['commissioner'], agencyId: medway.id, email: 'commissioner@medway-invoices.example' });
    const medwayCommissioner = new WebSession(testApp.server);
    await medwayCommissioner.signIn(outsider.email, FACTORY_PASSWORD);
    const page = `/contracts/${contract.contractId}/invoices/${first}`;
    expect((await medwayCommissioner.get(`/contracts/${contract.contractId}/invoices`)).status).toBe(404);
    expect((await medwayCommissioner.get(page)).status).toBe(404);
    const token = (await medwayCommissioner.get('/payments')).$('meta[name=csrf-token]').attr('content')!;
    expect((await medwayCommissioner.post(`${page}/approve`, { _csrf: token })).status).toBe(404);
    expect((await medwayCommissioner.post(`${page}/dispute`, { reason: 'Not ours', _csrf: token })).status).toBe(404);
    expect((await medwayCommissioner.post(`${page}/payment`, { ...dateFields('paidOn', 0), _csrf: token })).status).toBe(404);
    for (const show of ['overdue', 'paid', 'awaiting_approval', 'due', 'disputed']) {
      expect((await medwayCommissioner.get(`/payments?show=${show}`)).html).not.toContain('INV-00');
    }
    expect((await medwayCommissioner.get('/payments/invoices.csv')).html).not.toContain('INV-00');
    expect(await sql(`SELECT id, status FROM invoices ORDER BY id`)).toEqual(before);
  });

  it('pages a long list of the payments report', async () => {
    await sql(
      `INSERT INTO invoices (contract_id, agency_id, provider_id, invoice_number, invoice_number_key, invoice_date, period_start, period_end, sessions, amount_pence, status, received_on, due_on, submitted_by_user_id)
       SELECT c.id, c.agency_id, c.provider_id, 'BULK-' || n, 'BULK-' || n, current_date - 40, current_date - 40, current_date - 39, 1, 100, 'approved', current_date - 40, current_date - 11, u.id
         FROM contracts c, generate_series(1, 26) n, (SELECT id FROM users WHERE provider_id = $2 LIMIT 1) u WHERE c.id = $1`,
      [contract.contractId, contract.providerId],
    );
    const first = await commissioner.get('/payments?show=overdue');
    expect(first.$('#payments tbody tr')).toHaveLength(25);
    expect(first.$('main').text()).toContain('Showing 1 to 25 of 26');
    const next = first.$('.govuk-pagination__next a').attr('href');
    expect(next).toBe('/payments?show=overdue&page=2');
    const second = await commissioner.get(next!);
    expect(second.$('#payments tbody tr')).toHaveLength(1);
  });
});
