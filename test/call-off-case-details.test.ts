import { addMonths } from '../src/retention/retention-rules';
import { RetentionService } from '../src/retention/retention.service';
import { activeContract, ActiveContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** DESIGN.md §6: each block call-off carries its own child's details, shown to the provider for that call-off alone, while it runs. */
describe('a block call-off’s child details', () => {
  let testApp: TestApp;
  let contract: ActiveContract;
  let commissioner: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const callOff = (reference: string, name: string, startDays: number, endDays: number, units = '5') =>
    commissioner.submit(
      `/contracts/${contract.contractId}`,
      {
        childReference: reference,
        childName: name,
        'dateOfBirth[day]': '3',
        'dateOfBirth[month]': '3',
        'dateOfBirth[year]': '2015',
        ...dateFields('startsOn', startDays),
        ...dateFields('endsOn', endDays),
        units,
      },
      `/contracts/${contract.contractId}/call-offs`,
    );

  beforeAll(async () => {
    testApp = await createTestApp();
    contract = await activeContract(testApp, {
      winner: 'Call-off Block Therapy',
      rate: '30',
      startDays: -10,
      endDays: 300,
      requirement: { title: 'Block of Theraplay sessions', purchaseType: 'block', blockVolume: 40, ceiling: '1,500' },
    });
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  }, 240_000);
  afterAll(() => testApp.close());

  it('asks for the child’s details and the call-off’s dates, saving nothing when they are wrong', async () => {
    const empty = await commissioner.submit(`/contracts/${contract.contractId}`, { units: '2' }, `/contracts/${contract.contractId}/call-offs`);
    expect(empty.status).toBe(400);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Enter the child’s case reference',
      'Enter the child’s name',
      'Enter the child’s date of birth',
      'Enter the date the call-off starts',
      'Enter the date the call-off ends',
    ]);
    const early = await callOff('KCC-EARLY', 'Early Child', -20, 30);
    expect(early.fieldErrors).toEqual({ callOffStartsOn: expect.stringContaining('The call-off cannot start before the contract') });
    const backwards = await callOff('KCC-BACK', 'Back Child', 5, 2);
    expect(backwards.fieldErrors).toEqual({ callOffEndsOn: 'The call-off must end after it starts' });
    expect(backwards.$('form[action$="/call-offs"] .govuk-error-message').text()).toContain('The call-off must end after it starts');
    expect(await sql(`SELECT count(*)::int AS n FROM call_offs`)).toEqual([{ n: 0 }]);
  });

  it('shows the provider each child only for their own call-off, from its start until it ends', async () => {
    expect((await callOff('KCC-NOW', 'Robin Current', 0, 60)).status).toBe(303);
    expect((await callOff('KCC-LATER', 'Sasha Future', 20, 90)).status).toBe(303);
    const [audit] = await sql(`SELECT after::text FROM audit_events WHERE action = 'contract.called_off' ORDER BY occurred_at LIMIT 1`);
    expect(audit.after).not.toMatch(/Robin|2015-03-03/);

    const agencyView = await commissioner.get(`/contracts/${contract.contractId}`);
    expect(agencyView.$('#call-offs').text()).toContain('Robin Current');
    expect(agencyView.$('#call-offs').text()).toContain('Sasha Future');

    const page = await contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect(page.status).toBe(200);
    const rows = page
      .$('#call-offs tbody tr')
      .map((_, row) => page.$(row).text().replace(/\s+/g, ' '))
      .get();
    expect(rows.find((row) => row.includes('KCC-NOW'))).toContain('Robin Current');
    expect(rows.find((row) => row.includes('KCC-NOW'))).toContain('3 March 2015');
    expect(rows.find((row) => row.includes('KCC-LATER'))).not.toContain('Sasha Future');
    expect(page.html).not.toContain('Sasha Future');

    // Once the call-off has ended, its child's details are withdrawn from the provider.
    await sql(`UPDATE call_offs SET starts_on = current_date - 30, ends_on = current_date - 1 WHERE child_reference = 'KCC-NOW'`);
    const after = await contract.provider.get(`/provider/contracts/${contract.contractId}`);
    expect(after.html).not.toContain('Robin Current');
    expect(after.$('#call-offs').text()).toContain('Withdrawn when the call-off ended');
  });

  it('answers a subject access request for a child known only through a call-off', async () => {
    const download = await commissioner.submit('/subject-access', { childReference: 'KCC-LATER' });
    expect(download.status).toBe(200);
    const file = JSON.parse(download.html);
    expect(file.records.callOffs).toEqual([expect.objectContaining({ child_reference: 'KCC-LATER', units: 5 })]);
    expect(file.records.callOffCaseDetails).toEqual([expect.objectContaining({ child_name: 'Sasha Future', date_of_birth: '2015-03-03' })]);
    expect(download.html).not.toContain('Robin Current');
  });

  it('erases a call-off’s child on the retention schedule, from when that call-off ended', async () => {
    const retention = testApp.app.get(RetentionService);
    const held = () => sql(`SELECT co.child_reference FROM call_off_case_details d JOIN call_offs co ON co.id = d.call_off_id ORDER BY 1`);
    await retention.run(addMonths(new Date(), 11));
    expect(await held()).toEqual([{ child_reference: 'KCC-LATER' }, { child_reference: 'KCC-NOW' }]);
    await retention.run(addMonths(new Date(), 13));
    expect(await held()).toEqual([{ child_reference: 'KCC-LATER' }]);
    const [event] = await sql(`SELECT after FROM audit_events WHERE action = 'retention.erased'`);
    expect(event.after).toMatchObject({ kind: 'case_details', count: 1 });
  });

  it('shows another provider nothing', async () => {
    const other = new WebSession(testApp.server);
    await other.signIn(DEMO.otherProvider);
    const refused = await other.get(`/provider/contracts/${contract.contractId}`);
    expect([403, 404]).toContain(refused.status);
    expect(refused.html).not.toContain('Sasha Future');
  });
});
