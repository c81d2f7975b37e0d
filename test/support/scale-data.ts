import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Role } from './key-pages';
import { createTestApp, type TestApp } from './test-app';
import { WebSession } from './web-session';
import { hashPassword } from '../../src/auth/password';
import { DEMO_PASSWORD } from '../../src/database/seed/demo-data';
import { ScaleGenerator } from '../../src/database/scale/scale-generator';
import type { ScalePlan } from '../../src/database/scale/scale-plan';

/** The day generated data is "as of" in tests: today, so open requirements are open now. */
export function todayAnchor(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Adds generated data at `plan`'s size to a test app's database, alongside the demo data. */
export async function generateScaleData(dataSource: DataSource, plan: ScalePlan, seed = 7): Promise<void> {
  const options = dataSource.options as { url?: string };
  const client = new Client({ connectionString: options.url });
  await client.connect();
  try {
    await new ScaleGenerator(client, { plan, seed, anchor: todayAnchor(), passwordHash: await hashPassword(DEMO_PASSWORD) }).run();
  } finally {
    await client.end();
  }
}

/** The generated users each role signs in as (partnership 1, agency 1, provider 1). */
export const SCALE_USERS = {
  provider: 'provider-0001@scale.example',
  commissioner: 'commissioner-0001@scale.example',
  chair: 'panel-001-1@scale.example',
  frameworkManager: 'manager-001@scale.example',
  admin: 'admin@scale.example',
};

export interface ScaleWorld {
  testApp: TestApp;
  sessions: Map<Role, WebSession>;
  ids: Record<string, string>;
}

/** Ids of the records the detail pages show, found the same way in each world. */
async function findIds(dataSource: DataSource): Promise<Record<string, string>> {
  const one = async (sql: string) => {
    const [row] = await dataSource.query(sql);
    if (!row) throw new Error(`No row for: ${sql}`);
    return row.id as string;
  };
  const ofAgency = `agency_id = (SELECT agency_id FROM users WHERE email = '${SCALE_USERS.commissioner}')`;
  const provider = `(SELECT provider_id FROM users WHERE email = '${await providerEmail(dataSource)}')`;
  return {
    published: await one(
      `SELECT r.id FROM requirements r JOIN invitations i ON i.requirement_id = r.id AND i.provider_id = ${provider} WHERE r.status = 'published' ORDER BY r.created_at LIMIT 1`,
    ),
    agencyPublished: await one(`SELECT id FROM requirements WHERE status = 'published' AND ${ofAgency} ORDER BY created_at LIMIT 1`),
    closed: await one(`SELECT id FROM requirements WHERE status = 'closed' AND ${ofAgency} ORDER BY created_at LIMIT 1`),
    evaluating: await one(`SELECT id FROM requirements WHERE status = 'evaluating' AND ${ofAgency} ORDER BY created_at LIMIT 1`),
    awarded: await one(
      `SELECT r.id FROM requirements r JOIN bids b ON b.requirement_id = r.id AND b.provider_id = ${provider} WHERE r.status = 'awarded' ORDER BY r.created_at LIMIT 1`,
    ),
    agencyContract: await one(`SELECT id FROM contracts WHERE ${ofAgency} AND status = 'active' ORDER BY created_at LIMIT 1`),
    providerContract: await one(`SELECT id FROM contracts WHERE provider_id = ${provider} AND status = 'active' ORDER BY created_at LIMIT 1`),
    meeting: await one(
      `SELECT m.id FROM panel_meetings m JOIN awards a ON a.meeting_id = m.id JOIN partnerships p ON p.id = m.partnership_id WHERE p.name LIKE 'Regional%' GROUP BY m.id ORDER BY count(*) DESC, m.id LIMIT 1`,
    ),
    provider: await one(`SELECT ${provider} AS id`),
    framework: await one(`SELECT f.id FROM frameworks f JOIN partnerships p ON p.id = f.partnership_id WHERE p.name LIKE 'Regional%' LIMIT 1`),
  };
}

/** The generated provider with the most active contracts, so its contract pages have something on them. */
async function providerEmail(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT u.email FROM contracts c JOIN users u ON u.provider_id = c.provider_id WHERE c.status = 'active' AND u.email LIKE '%@scale.example' GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
  );
  return row.email;
}

/** A test app on the demo data plus generated data at `plan`'s size, with each role signed in. */
export async function createScaleWorld(plan: ScalePlan): Promise<ScaleWorld> {
  const testApp = await createTestApp({ env: { SQL_STATEMENT_COUNTS: 'true' } });
  await generateScaleData(testApp.dataSource, plan);
  const sessions = new Map<Role, WebSession>();
  for (const role of Object.keys(SCALE_USERS) as Role[]) {
    const session = new WebSession(testApp.server);
    await session.signIn(role === 'provider' ? await providerEmail(testApp.dataSource) : SCALE_USERS[role]);
    sessions.set(role, session);
  }
  return { testApp, sessions, ids: await findIds(testApp.dataSource) };
}
