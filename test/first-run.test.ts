import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess } from './support/app-process';
import { adminUrl, databaseUrl } from './support/test-database';
import { until } from './support/until';
import { WebSession } from './support/web-session';

jest.setTimeout(180_000);

/**
 * A real deployment: production mode, SEED_DEMO=false, an empty database.
 * With no system admin the portal prints a one-time set-up link; that page
 * creates the partnership, its lead agency and the first system admin, and
 * then disappears.
 */
describe('the first run of a real deployment', () => {
  const name = `first_run_${randomUUID().replace(/-/g, '')}`;
  let portal: AppProcess;

  const admin = async <T>(work: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const sql = (query: string, params: unknown[] = []) =>
    admin(async () => {
      const client = new Client({ connectionString: databaseUrl(name) });
      await client.connect();
      try {
        return (await client.query(query, params)).rows;
      } finally {
        await client.end();
      }
    });

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE "${name}"`));
    portal = await AppProcess.start({ databaseUrl: databaseUrl(name), env: { NODE_ENV: 'production', SEED_DEMO: 'false', LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await portal?.stop();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('prints a single-use set-up link, creates the partnership and the first admin through it, and then the page is gone', async () => {
    const printed = await until(
      'the set-up link',
      async () => /\/setup\?token=([A-Za-z0-9_-]+)/.exec(portal.log)?.[1],
      () => portal.log,
    );
    expect(portal.log).not.toContain('Demo sign-ins');
    const visitor = new WebSession(portal.url);
    expect((await visitor.get('/setup?token=not-the-token')).status).toBe(404);
    const form = await visitor.get(`/setup?token=${printed}`);
    expect(form.status).toBe(200);
    expect(form.heading).toBe('Set up the portal');

    const refused = await visitor.submit(
      `/setup?token=${printed}`,
      { token: printed, partnershipName: '', agencyName: '', fullName: '', email: 'not an email', password: 'short' },
      '/setup',
    );
    expect(refused.status).toBe(400);
    expect(refused.title).toMatch(/^Error: /);
    expect(refused.errorSummary.map((error) => error.text)).toEqual([
      'Enter the name of the partnership',
      'Enter the name of the lead agency',
      'Enter your full name',
      'Enter an email address in the correct format, like name@example.com',
      'Password must be 12 characters or more',
    ]);
    expect(await sql(`SELECT count(*)::int AS n FROM partnerships`)).toEqual([{ n: 0 }]);
    // The refused form still carries its link's token, so the next try works.
    expect(refused.$('input[name=token]').val()).toBe(printed);

    const done = await visitor.submit(
      `/setup?token=${printed}`,
      {
        token: printed,
        partnershipName: 'Adoption Partnership North Downs',
        agencyName: 'Surrey County Council',
        fullName: 'Morgan Reyes',
        email: 'Morgan.Reyes@surrey.example',
        password: 'a long and memorable passphrase 2026',
      },
      '/setup',
    );
    expect(done.status).toBe(303);
    expect(done.location).toBe('/sign-in');
    const [user] = await sql(
      `SELECT u.email, u.roles, u.status, a.name AS agency, p.name AS partnership FROM users u JOIN agencies a ON a.id = u.agency_id JOIN partnerships p ON p.id = a.partnership_id`,
    );
    expect(user).toEqual({
      email: 'morgan.reyes@surrey.example',
      roles: ['system_admin'],
      status: 'active',
      agency: 'Surrey County Council',
      partnership: 'Adoption Partnership North Downs',
    });
    const [event] = await sql(`SELECT action, after FROM audit_events WHERE action = 'portal.set_up'`);
    expect(Object.keys(event.after).sort()).toEqual(['agencyId', 'partnershipId', 'userId']);

    // The link is single-use, and once an admin exists the page is gone for everyone.
    expect((await visitor.get(`/setup?token=${printed}`)).status).toBe(404);
    expect((await new WebSession(portal.url).get('/setup')).status).toBe(404);

    // The admin signs in, and as staff in production sets up two-factor first.
    const signIn = await visitor.submit('/sign-in', { email: 'morgan.reyes@surrey.example', password: 'a long and memorable passphrase 2026' });
    expect(signIn.location).toBe('/sign-in/set-up-two-factor');
  });
});

describe('npm run setup, for scripted installs', () => {
  const name = `setup_cli_${randomUUID().replace(/-/g, '')}`;
  const admin = async <T>(work: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const setup = (...args: string[]) =>
    spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '..', 'src', 'setup', 'setup-cli.ts'), ...args], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl(name),
        SESSION_SECRET: 'a-session-secret-for-the-setup-command-test',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        BASE_URL: 'https://portal.example',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeAll(() => admin((client) => client.query(`CREATE DATABASE "${name}"`)));
  afterAll(() => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

  it('creates the partnership, agency and first admin and prints where they choose a password, once', async () => {
    const missing = setup('--email', 'sam@kent.example');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Give --name, --partnership, --agency');

    const created = setup(
      '--email',
      'Sam@Kent.example',
      '--name',
      'Sam Patel',
      '--partnership',
      'Adoption Partnership South East',
      '--agency',
      'Kent County Council',
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/https:\/\/portal\.example\/accept-invitation\?token=[A-Za-z0-9_-]+/);
    const rows = await admin(async () => {
      const client = new Client({ connectionString: databaseUrl(name) });
      await client.connect();
      try {
        return (await client.query(`SELECT u.email, u.status, u.roles, a.name AS agency FROM users u JOIN agencies a ON a.id = u.agency_id`)).rows;
      } finally {
        await client.end();
      }
    });
    expect(rows).toEqual([{ email: 'sam@kent.example', status: 'pending', roles: ['system_admin'], agency: 'Kent County Council' }]);

    const again = setup('--email', 'other@kent.example', '--name', 'Other', '--partnership', 'X', '--agency', 'Y');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('The portal already has a system admin');
  });
});
