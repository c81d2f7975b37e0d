import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { totpCodeAt, totpStepAt } from '../src/auth/two-factor/totp';
import { declareExclusions, INSURANCE_TYPES, insuranceFields, practitionerFields, TEST_PDF } from './factories/frameworks';
import { AppProcess } from './support/app-process';
import { SmtpTestServer } from './support/smtp-test-server';
import { adminUrl, databaseUrl } from './support/test-database';
import { until } from './support/until';
import { pathOf, WebSession } from './support/web-session';

jest.setTimeout(300_000);

/**
 * The acceptance run of a real deployment, all through pages: production
 * mode, an empty database and no demo. The operator follows the printed
 * set-up link, creates the first admin and the partnership, sets up its two
 * agencies and their districts and a therapy type on the admin pages, opens
 * a framework, and a provider registers and applies.
 */
describe('a real deployment from an empty database to a first application', () => {
  const name = `first_run_admin_${randomUUID().replace(/-/g, '')}`;
  const smtp = new SmtpTestServer();
  let portal: AppProcess;
  const asAdmin = async <T>(work: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const sql = async (query: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: databaseUrl(name) });
    await client.connect();
    try {
      return (await client.query(query, params)).rows;
    } finally {
      await client.end();
    }
  };
  const emailLink = (address: string, pathPart: string) =>
    until(
      `an email to ${address}`,
      async () => (smtp.to(address).length ? pathOf(smtp.linkTo(address, pathPart)) : undefined),
      () => portal.log,
    );

  beforeAll(async () => {
    await smtp.start();
    await asAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    portal = await AppProcess.start({
      databaseUrl: databaseUrl(name),
      smtpUrl: smtp.url,
      env: { NODE_ENV: 'production', SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    });
  });
  afterAll(async () => {
    await portal?.stop();
    await smtp.stop();
    await asAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('sets up the portal, its partnership, agencies, districts and a lot, and takes a provider’s application', async () => {
    // The printed link creates the first admin and the partnership with its lead agency.
    const token = await until(
      'the set-up link',
      async () => /\/setup\?token=([A-Za-z0-9_-]+)/.exec(portal.log)?.[1],
      () => portal.log,
    );
    const admin = new WebSession(portal.url);
    const setUp = await admin.submit(
      `/setup?token=${token}`,
      {
        token,
        partnershipName: 'Adopt Wessex',
        agencyName: 'Dorset Council',
        fullName: 'Robin Hale',
        email: 'robin.hale@dorset.example',
        password: 'a long and memorable passphrase 2026',
      },
      '/setup',
    );
    expect(setUp.location).toBe('/sign-in');

    // Staff in production set up two-factor on first sign-in.
    expect((await admin.submit('/sign-in', { email: 'robin.hale@dorset.example', password: 'a long and memorable passphrase 2026' })).location).toBe(
      '/sign-in/set-up-two-factor',
    );
    const secret = (await admin.get('/sign-in/set-up-two-factor')).$('#secret').text().replace(/\s/g, '');
    expect((await admin.submit('/sign-in/set-up-two-factor', { code: await totpCodeAt(secret, totpStepAt(new Date())) })).location).toBe(
      '/sign-in/recovery-codes',
    );
    expect((await admin.get('/admin')).status).toBe(200);

    // The partnership's districts and second agency, on the admin pages.
    const [partnership] = await sql(`SELECT id FROM partnerships`);
    const [dorset] = await sql(`SELECT id FROM agencies WHERE name = 'Dorset Council'`);
    expect((await admin.submit(`/admin/agencies/${dorset.id}`, { districts: ['Weymouth', 'Bridport'] }, `/admin/agencies/${dorset.id}/districts`)).status).toBe(
      303,
    );
    const more = await admin.submit(
      `/admin/partnerships/${partnership.id}/agencies/new`,
      { name: 'Somerset Council', districts: ['Taunton'] },
      `/admin/partnerships/${partnership.id}/agencies/new/add-district`,
    );
    expect(more.$('input[name="districts"]').length).toBe(2);
    expect(
      (await admin.submit(`/admin/partnerships/${partnership.id}/agencies/new`, { name: 'Somerset Council', districts: ['Taunton', 'Yeovil'] })).status,
    ).toBe(303);
    const partnershipPage = await admin.get(`/admin/partnerships/${partnership.id}`);
    expect(partnershipPage.$('#agencies').text().replace(/\s+/g, ' ')).toMatch(
      /Dorset Council Bridport, Weymouth Active.*Somerset Council Taunton, Yeovil Active/,
    );

    // A therapy type of its own, as a lot.
    expect(
      (
        await admin.submit('/admin/therapy-types/new', {
          name: 'Sensory attachment intervention',
          description: '',
          asgsfEligible: 'yes',
          fundingKind: 'therapy',
          lightTouch: 'yes',
          cpvCode: '85121270',
        })
      ).status,
    ).toBe(303);
    const [lot] = await sql(`SELECT id FROM therapy_types WHERE name = 'Sensory attachment intervention'`);

    // The admin also manages the framework, so takes that role, and opens one in both agencies.
    const [me] = await sql(`SELECT id FROM users WHERE email = 'robin.hale@dorset.example'`);
    expect((await admin.submit(`/admin/users/${me.id}/roles`, { roles: ['system_admin', 'framework_manager'] })).status).toBe(303);
    const areas = (await sql(`SELECT id FROM areas ORDER BY name`)).map((row: { id: string }) => row.id);
    const agencies = (await sql(`SELECT id FROM agencies ORDER BY name`)).map((row: { id: string }) => row.id);
    const created = await admin.submit('/frameworks/new', {
      name: 'Wessex Therapeutic Services',
      route: 'dynamic_market',
      'opensOn[day]': '1',
      'opensOn[month]': '1',
      'opensOn[year]': '2026',
      'closesOn[day]': '31',
      'closesOn[month]': '12',
      'closesOn[year]': '2030',
      agencyIds: agencies,
      therapyTypeIds: [lot.id],
      areaIds: areas,
    });
    expect(created.errorSummary).toEqual([]);
    const frameworkId = created.location!.split('/').pop()!;
    expect(
      (
        await admin.submit(`/frameworks/${frameworkId}/conditions/new`, {
          question: 'Do you hold professional indemnity insurance of at least £5 million?',
          answerType: 'yes_no',
          lotScope: 'all',
          judgement: 'pass_fail',
          passingAnswer: 'yes',
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await admin.post(`/frameworks/${frameworkId}/open`, {
          _csrf: (await admin.get(`/frameworks/${frameworkId}`)).$('meta[name=csrf-token]').attr('content')!,
        })
      ).status,
    ).toBe(303);

    // A provider registers, confirms its email and applies.
    const provider = new WebSession(portal.url);
    expect(
      (
        await provider.submit('/register', {
          organisationName: 'Chesil Family Therapy Ltd',
          fullName: 'Jo Marsh',
          email: 'jo@chesil.example',
          password: 'chesil family therapy 2026',
        })
      ).heading,
    ).toBe('Check your email');
    expect((await provider.get(await emailLink('jo@chesil.example', '/register/confirm?token='))).location).toBe('/sign-in');
    await provider.signIn('jo@chesil.example', 'chesil family therapy 2026');
    expect(
      (
        await provider.submit('/provider/organisation/edit', {
          name: 'Chesil Family Therapy Ltd',
          companiesHouseNumber: '07654321',
          ofstedUrn: 'SC123456',
          icoRegistrationNumber: 'ZA654321',
          addressLine1: '2 Harbour Road',
          town: 'Weymouth',
          postcode: 'DT4 8AA',
          contactName: 'Jo Marsh',
          contactEmail: 'jo@chesil.example',
          contactPhone: '01305 123456',
          areaIds: areas[0],
        })
      ).status,
    ).toBe(303);
    expect((await provider.submit('/provider/practitioners/new', practitionerFields('Dr Sam Kerr', [lot.id]))).status).toBe(303);
    for (const type of INSURANCE_TYPES)
      expect((await provider.upload('/provider/documents/new', insuranceFields(type), { name: `${type}.pdf`, content: TEST_PDF })).status).toBe(303);
    const frameworks = await provider.get('/provider/frameworks');
    expect(frameworks.$('main').text()).toContain('Wessex Therapeutic Services');
    const started = await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`);
    const applicationId = started.location!.split('/').pop()!;
    const [practitioner] = await sql(`SELECT id FROM practitioners`);
    const documentIds = (await sql(`SELECT id FROM compliance_documents`)).map((row: { id: string }) => row.id);
    expect((await provider.submit(`/provider/applications/${applicationId}/lots`, { therapyTypeIds: [lot.id] })).status).toBe(303);
    expect((await provider.submit(`/provider/applications/${applicationId}/practitioners`, { practitionerIds: [practitioner.id] })).status).toBe(303);
    expect((await provider.submit(`/provider/applications/${applicationId}/documents`, { documentIds })).status).toBe(303);
    const [condition] = await sql(`SELECT id FROM membership_conditions WHERE framework_id = $1`, [frameworkId]);
    expect((await provider.submit(`/provider/applications/${applicationId}/answers`, { [`answer-${condition.id}`]: 'yes' })).status).toBe(303);
    expect((await declareExclusions(provider, applicationId)).status).toBe(303);
    const submitted = await provider.submit(
      `/provider/applications/${applicationId}/check`,
      { declaration: 'confirmed' },
      `/provider/applications/${applicationId}/submit`,
    );
    expect(submitted.errorSummary).toEqual([]);
    expect(submitted.status).toBe(303);
    expect(await sql(`SELECT status FROM applications WHERE id = $1`, [applicationId])).toEqual([{ status: 'submitted' }]);

    // The admin, as framework manager, finds it waiting for evaluation.
    expect((await admin.get('/evaluation')).$('main').text()).toContain('Chesil Family Therapy Ltd');
    const actions = (await sql(`SELECT DISTINCT action FROM audit_events`)).map((row: { action: string }) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(['portal.set_up', 'agency.districts_added', 'agency.created', 'therapy_type.created', 'framework.opened', 'provider.registered']),
    );
  });
});
