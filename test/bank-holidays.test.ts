import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** The system admin adds a one-off bank holiday (a royal proclamation): dated data the working-day clocks read. */
describe('bank holidays', () => {
  let testApp: TestApp;
  let admin: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const holiday = (date: string, name: string, divisions: string[]) => {
    const [year, month, day] = date.split('-');
    return { 'date[day]': day, 'date[month]': month, 'date[year]': year, name, divisions };
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    admin = new WebSession(testApp.server);
    await admin.signIn(DEMO.admin);
  });
  afterAll(() => testApp.close());

  it('lists each part of the UK’s holidays by year, with how far the data reaches', async () => {
    const page = await admin.get('/admin/bank-holidays?year=2027');
    expect(page.status).toBe(200);
    expect(page.$('main').text()).toMatch(/England and Wales\s*Known to the end of 2030/);
    const rows = page
      .$('#holidays tbody tr')
      .map((_, row) => page.$(row).text().replace(/\s+/g, ' ').trim())
      .get();
    expect(rows).toContainEqual(expect.stringContaining('17 March 2027 St Patrick’s Day Northern Ireland'));
    expect(rows).toContainEqual(expect.stringContaining('29 March 2027 Easter Monday England and Wales, Northern Ireland'));
    expect(page.$('a[href="/admin/bank-holidays?year=2028"]').length).toBe(1);
    expect((await admin.get('/admin/bank-holidays?year=twenty')).status).toBe(400);
  });

  it('refuses a holiday without its details, in the past or past the data, saving nothing', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM bank_holidays`);
    const empty = await admin.submit('/admin/bank-holidays/new', {});
    expect(empty.status).toBe(400);
    expect(empty.title).toMatch(/^Error: /);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Enter the date of the bank holiday',
      'Enter the name of the bank holiday',
      'Select where it is a bank holiday',
    ]);
    const past = await admin.submit('/admin/bank-holidays/new', holiday('2026-06-01', 'A day in the past', ['scotland']));
    expect(past.fieldErrors).toEqual({ date: 'The date must be after today: a holiday added to the past would change clocks that have already run' });
    expect(past.$('#name').val()).toBe('A day in the past');
    const beyond = await admin.submit('/admin/bank-holidays/new', holiday('2031-06-02', 'Too far ahead', ['england-and-wales']));
    expect(beyond.fieldErrors.date).toContain('known to the end of 2030');
    expect(await sql(`SELECT count(*)::int AS n FROM bank_holidays`)).toEqual(before);
  });

  it('adds a one-off holiday to the parts of the UK chosen, audited', async () => {
    const added = await admin.submit(
      '/admin/bank-holidays/new',
      holiday('2027-06-07', 'Extra bank holiday for a royal event', ['england-and-wales', 'scotland']),
    );
    expect(added.status).toBe(303);
    const page = await admin.get(added.location!);
    expect(page.$('.govuk-notification-banner').text()).toContain('Extra bank holiday for a royal event');
    expect(page.$('#holidays').text().replace(/\s+/g, ' ')).toContain('7 June 2027 Extra bank holiday for a royal event England and Wales, Scotland');
    expect(await sql(`SELECT division FROM bank_holidays WHERE date = '2027-06-07' ORDER BY division`)).toEqual([
      { division: 'england-and-wales' },
      { division: 'scotland' },
    ]);
    const [event] = await sql(`SELECT actor_user_id IS NOT NULL AS by_someone, after FROM audit_events WHERE action = 'bank_holiday.added'`);
    expect(event).toEqual({
      by_someone: true,
      after: { date: '2027-06-07', name: 'Extra bank holiday for a royal event', divisions: ['england-and-wales', 'scotland'] },
    });
    const again = await admin.submit('/admin/bank-holidays/new', holiday('2027-06-07', 'Twice', ['scotland']));
    expect(again.fieldErrors).toEqual({ date: '7 June 2027 is already a bank holiday in Scotland' });
  });

  it('is for system admins only', async () => {
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    expect((await manager.get('/admin/bank-holidays')).status).toBe(403);
  });
});
