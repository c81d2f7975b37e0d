import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

describe('provider profile', () => {
  let testApp: TestApp;
  let oakleaf: WebSession;
  let ids: { ashford: string; chatham: string; theraplay: string; ddp: string };

  beforeAll(async () => {
    testApp = await createTestApp();
    oakleaf = new WebSession(testApp.server);
    await oakleaf.signIn(DEMO.provider);
    const one = async (sql: string, param: string) => (await testApp.dataSource.query(sql, [param]))[0].id as string;
    ids = {
      ashford: await one('SELECT id FROM areas WHERE name = $1', 'Ashford'),
      chatham: await one('SELECT id FROM areas WHERE name = $1', 'Chatham'),
      theraplay: await one('SELECT id FROM therapy_types WHERE name LIKE $1', 'Theraplay%'),
      ddp: await one('SELECT id FROM therapy_types WHERE name LIKE $1', 'Dyadic%'),
    };
  });
  afterAll(() => testApp.close());

  const organisation = () => ({
    name: 'Oakleaf Family Therapy Ltd',
    companiesHouseNumber: '01234567',
    ofstedUrn: 'sc477328',
    icoRegistrationNumber: 'za123456',
    addressLine1: '1 High Street',
    town: 'Maidstone',
    postcode: 'me14 1xx',
    contactName: 'Priya Shah',
    contactEmail: 'priya@oakleaf.example',
    contactPhone: '01622 123456',
    areaIds: [ids.ashford, ids.chatham],
  });

  const practitioner = () => ({
    fullName: 'Dr Amara Okoye',
    profession: 'Clinical psychologist',
    registrationBody: 'HCPC',
    registrationNumber: 'py012345',
    'registrationExpiresOn[day]': '31',
    'registrationExpiresOn[month]': '7',
    'registrationExpiresOn[year]': '2028',
    'dbsIssuedOn[day]': '12',
    'dbsIssuedOn[month]': '9',
    'dbsIssuedOn[year]': '2025',
    therapyTypeIds: [ids.theraplay, ids.ddp],
  });

  it('asks for the organisation details, with the either-or rules', async () => {
    const empty = await oakleaf.submit('/provider/organisation/edit', { name: '' });
    expect(empty.status).toBe(400);
    expect(empty.errorSummary.map((error) => error.text)).toEqual([
      'Enter the legal name of your organisation',
      'Enter your ICO registration number',
      'Enter the first line of the address',
      'Enter the town or city',
      'Enter the postcode',
      'Enter the name of your contact',
      'Enter the contact email address',
      'Enter the contact telephone number',
      'Select at least one area you cover',
    ]);
    const invalid = await oakleaf.submit('/provider/organisation/edit', {
      ...organisation(),
      companiesHouseNumber: '',
      ofstedUrn: '',
      icoRegistrationNumber: '12345',
      postcode: 'nowhere',
    });
    expect(invalid.fieldErrors).toEqual({
      companiesHouseNumber: 'Enter a Companies House number or a charity number',
      ofstedUrn: 'Enter your Ofsted URN, or the registered adoption support agency you work under',
      icoRegistrationNumber: 'Enter an ICO registration number in the correct format, like ZA123456',
      postcode: 'Enter a real postcode',
    });
    expect(invalid.$('#contactPhone').val()).toBe('01622 123456');
  });

  it('saves the details and areas, normalised and audited', async () => {
    const saved = await oakleaf.submit('/provider/organisation/edit', organisation());
    expect(saved.location).toBe('/provider/organisation');
    const page = await oakleaf.get('/provider/organisation');
    expect(page.$('main').text()).toContain('SC477328');
    expect(page.$('main').text()).toContain('ME14 1XX');
    expect(page.$('main').text()).toContain('Ashford (Kent County Council), Chatham (Medway Council)');
    const form = await oakleaf.get('/provider/organisation/edit');
    expect(form.$(`input[name=areaIds][value=${ids.chatham}]`).attr('checked')).toBeDefined();
    const [audit] = await testApp.dataSource.query(`SELECT after FROM audit_events WHERE action = 'provider.details_changed'`);
    expect(audit.after.icoRegistrationNumber).toBe('ZA123456');
  });

  it('adds and changes practitioners, refusing bad input', async () => {
    const empty = await oakleaf.submit('/provider/practitioners/new', {});
    expect(empty.status).toBe(400);
    expect(empty.errorSummary).toEqual([
      { text: 'Enter the practitioner’s full name', href: '#fullName' },
      { text: 'Enter their profession, for example clinical psychologist', href: '#profession' },
      { text: 'Select their registration body', href: '#registrationBody' },
      { text: 'Enter their registration number', href: '#registrationNumber' },
      { text: 'Enter the date their registration expires', href: '#registrationExpiresOn-day' },
      { text: 'Enter the date their enhanced DBS certificate was issued', href: '#dbsIssuedOn-day' },
      { text: 'Select at least one therapy they are qualified to deliver', href: '#therapyTypeIds' },
    ]);
    const invalid = await oakleaf.submit('/provider/practitioners/new', {
      ...practitioner(),
      registrationBody: 'other',
      'dbsIssuedOn[year]': '2099',
      'registrationExpiresOn[month]': '13',
    });
    expect(invalid.fieldErrors).toEqual({ registrationExpiresOn: 'The date their registration expires must be a real date' });
    const rules = await oakleaf.submit('/provider/practitioners/new', { ...practitioner(), registrationBody: 'other', 'dbsIssuedOn[year]': '2099' });
    expect(rules.fieldErrors).toEqual({
      registrationBodyOther: 'Enter the name of their registration body',
      dbsIssuedOn: 'The date their enhanced DBS certificate was issued must be today or in the past',
    });

    expect((await oakleaf.submit('/provider/practitioners/new', practitioner())).status).toBe(303);
    const list = await oakleaf.get('/provider/practitioners');
    expect(list.$('tbody tr').length).toBe(1);
    expect(list.$('tbody').text()).toContain('HCPC PY012345');
    expect(list.$('tbody').text()).toContain('Theraplay, Dyadic developmental psychotherapy (DDP)');

    const [{ id }] = await testApp.dataSource.query(`SELECT id FROM practitioners WHERE full_name = 'Dr Amara Okoye'`);
    const edit = await oakleaf.get(`/provider/practitioners/${id}/edit`);
    expect(edit.$('#registrationExpiresOn-month').val()).toBe('7');
    expect((await oakleaf.submit(`/provider/practitioners/${id}/edit`, { ...practitioner(), profession: 'Consultant clinical psychologist' })).status).toBe(
      303,
    );
    expect((await oakleaf.get('/provider/practitioners')).$('tbody').text()).toContain('Consultant clinical psychologist');
  });

  it('never shows or changes another provider’s practitioners', async () => {
    const [{ id }] = await testApp.dataSource.query(`SELECT id FROM practitioners WHERE full_name = 'Dr Amara Okoye'`);
    const harbour = new WebSession(testApp.server);
    await harbour.signIn(DEMO.otherProvider);
    expect((await harbour.get('/provider/practitioners')).$('tbody tr').length).toBe(0);
    expect((await harbour.get(`/provider/practitioners/${id}/edit`)).status).toBe(404);
    const csrf = (await harbour.get('/provider/practitioners')).$('meta[name=csrf-token]').attr('content')!;
    const attempt = await harbour.post(`/provider/practitioners/${id}/edit`, { ...practitioner(), fullName: 'Hijacked', _csrf: csrf });
    expect(attempt.status).toBe(404);
    const [{ full_name }] = await testApp.dataSource.query(`SELECT full_name FROM practitioners WHERE id = $1`, [id]);
    expect(full_name).toBe('Dr Amara Okoye');
  });
});
