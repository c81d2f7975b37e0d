import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ClosingService } from '../../src/competitions/closing.service';
import type { TestApp } from '../support/test-app';
import { DEMO, WebSession } from '../support/web-session';
import { createOpenFramework, referenceIds, TEST_PDF } from './frameworks';
import { createUser, FACTORY_PASSWORD } from './users';

export interface MemberOptions {
  frameworkId: string;
  therapyTypeId: string;
  /** Areas the provider covers. */
  areaIds: string[];
  status?: 'active' | 'suspended';
  insuranceExpiresOn?: string;
}

/**
 * Makes a provider a member of a lot directly in the database, with what a
 * vetted member has: areas, a qualified practitioner and current insurance.
 * `providerName` names an existing (demo) provider, or a new one is created
 * with one active user, whose email is returned.
 */
export async function admitMember(
  dataSource: DataSource,
  providerName: string,
  options: MemberOptions,
): Promise<{ providerId: string; practitionerId: string; email?: string }> {
  let [provider] = await dataSource.query(`SELECT id FROM provider_organisations WHERE name = $1`, [providerName]);
  let email: string | undefined;
  if (!provider) {
    [provider] = await dataSource.query(`INSERT INTO provider_organisations (name, status) VALUES ($1, 'active') RETURNING id`, [providerName]);
    email = `bids-${provider.id.slice(0, 8)}@factory.example`;
    await createUser(dataSource, { providerId: provider.id, roles: ['provider_user'], email, isProviderAdmin: true, fullName: `${providerName} admin` });
  }
  for (const areaId of options.areaIds) {
    await dataSource.query(`INSERT INTO provider_areas (provider_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [provider.id, areaId]);
  }
  const [practitioner] = await dataSource.query(
    `INSERT INTO practitioners (provider_id, full_name, profession, registration_body, registration_number, registration_expires_on, dbs_issued_on, therapy_type_ids)
     VALUES ($1, $2, 'Clinical psychologist', 'HCPC', 'PYL0001', '2030-07-31', current_date - 100, ARRAY[$3]::uuid[]) RETURNING id`,
    [provider.id, `Practitioner of ${providerName}`, options.therapyTypeId],
  );
  const [file] = await dataSource.query(
    `INSERT INTO stored_files (content, media_type, size_bytes, sha256) VALUES ($1, 'application/pdf', $2, $3) RETURNING id`,
    [TEST_PDF, TEST_PDF.length, createHash('sha256').update(TEST_PDF).digest('hex')],
  );
  for (const type of ['employers_liability', 'public_liability', 'professional_indemnity']) {
    await dataSource.query(`INSERT INTO compliance_documents (provider_id, type, expires_on, stored_file_id, file_name) VALUES ($1, $2, $3, $4, $5)`, [
      provider.id,
      type,
      options.insuranceExpiresOn ?? '2030-03-31',
      file.id,
      `${type}.pdf`,
    ]);
  }
  await dataSource.query(`INSERT INTO memberships (framework_id, provider_id, therapy_type_id, status) VALUES ($1, $2, $3, $4)`, [
    options.frameworkId,
    provider.id,
    options.therapyTypeId,
    options.status ?? 'active',
  ]);
  return { providerId: provider.id, practitionerId: practitioner.id, email };
}

/**
 * `count` new providers admitted to one lot at once, each with one active
 * user, a qualified practitioner, the area and current insurance: a market
 * big enough to publish to hundreds, made in a handful of statements. Users
 * get `passwordHash` when given, so they can sign in.
 */
export async function admitManyMembers(
  dataSource: DataSource,
  count: number,
  options: { frameworkId: string; therapyTypeId: string; areaId: string; passwordHash?: string },
): Promise<Array<{ email: string; providerId: string; practitionerId: string }>> {
  const [file] = await dataSource.query(
    `INSERT INTO stored_files (content, media_type, size_bytes, sha256) VALUES ($1, 'application/pdf', $2, $3) RETURNING id`,
    [TEST_PDF, TEST_PDF.length, createHash('sha256').update(TEST_PDF).digest('hex')],
  );
  const providers: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO provider_organisations (name, status) SELECT 'Bulk Therapy ' || n, 'active' FROM generate_series(1, $1) AS n RETURNING id`,
    [count],
  );
  const ids = providers.map((provider) => provider.id);
  await dataSource.query(`INSERT INTO provider_areas (provider_id, area_id) SELECT id, $2 FROM unnest($1::uuid[]) AS id`, [ids, options.areaId]);
  await dataSource.query(
    `INSERT INTO memberships (framework_id, provider_id, therapy_type_id, status) SELECT $2, id, $3, 'active' FROM unnest($1::uuid[]) AS id`,
    [ids, options.frameworkId, options.therapyTypeId],
  );
  await dataSource.query(
    `INSERT INTO compliance_documents (provider_id, type, expires_on, stored_file_id, file_name)
     SELECT id, type, '2030-03-31', $2, type || '.pdf' FROM unnest($1::uuid[]) AS id
      CROSS JOIN unnest(ARRAY['employers_liability', 'public_liability', 'professional_indemnity']) AS type`,
    [ids, file.id],
  );
  const practitioners: Array<{ id: string; provider_id: string }> = await dataSource.query(
    `INSERT INTO practitioners (provider_id, full_name, profession, registration_body, registration_number, registration_expires_on, dbs_issued_on, therapy_type_ids)
     SELECT id, 'Practitioner of ' || id, 'Clinical psychologist', 'HCPC', 'PYL0001', '2030-07-31', current_date - 100, ARRAY[$2]::uuid[] FROM unnest($1::uuid[]) AS id
     RETURNING id, provider_id`,
    [ids, options.therapyTypeId],
  );
  const users: Array<{ email: string; provider_id: string }> = await dataSource.query(
    `INSERT INTO users (email, full_name, roles, provider_id, is_provider_admin, status, email_confirmed_at, password_hash)
     SELECT 'bulk-' || id || '@factory.example', 'Bulk user', ARRAY['provider_user'], id, true, 'active', now(), $2 FROM unnest($1::uuid[]) AS id
     RETURNING email, provider_id`,
    [ids, options.passwordHash ?? null],
  );
  const practitionerOf = new Map(practitioners.map((practitioner) => [practitioner.provider_id, practitioner.id]));
  return users.map((user) => ({ email: user.email, providerId: user.provider_id, practitionerId: practitionerOf.get(user.provider_id)! }));
}

/** A London date `days` from today, as the three date boxes. */
export function dateFields(prefix: string, days: number): Record<string, string> {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  return {
    [`${prefix}[day]`]: String(date.getUTCDate()),
    [`${prefix}[month]`]: String(date.getUTCMonth() + 1),
    [`${prefix}[year]`]: String(date.getUTCFullYear()),
  };
}

export interface RequirementOverrides {
  title?: string;
  purchaseType?: 'spot' | 'block';
  needsDescription?: string;
  ceiling?: string;
  asgsf?: string;
  childReference?: string;
  /** For a block purchase; 100 sessions when not given. */
  blockVolume?: number;
}

/** Each section of a complete Theraplay requirement (see draftRequirement), as its form's fields. */
export function requirementSections(overrides: RequirementOverrides = {}): Array<[section: string, fields: Record<string, string | string[]>]> {
  return [
    [
      'needs',
      {
        ageBand: '8 to 10',
        presentingNeeds: ['Attachment difficulties', 'Emotional regulation'],
        needsDescription: overrides.needsDescription ?? 'Struggles with transitions at school and at home',
        practitionerGender: 'any',
      },
    ],
    [
      'case',
      {
        childReference: overrides.childReference ?? 'KCC-12345',
        childName: 'Jamie Smith',
        'dateOfBirth[day]': '12',
        'dateOfBirth[month]': '3',
        'dateOfBirth[year]': '2017',
      },
    ],
    [
      'service',
      {
        sessionCount: '10',
        sessionMinutes: '60',
        ...dateFields('startBy', 40),
        durationWeeks: '12',
        ceiling: overrides.ceiling ?? '1,200',
        ...(overrides.purchaseType === 'block' ? { blockVolume: String(overrides.blockVolume ?? 100), blockUnit: 'sessions', blockPeriodMonths: '12' } : {}),
      },
    ],
    ['funding', { asgsf: overrides.asgsf ?? '1200', topUp: '0', ...dateFields('needsAssessedOn', -10) }],
    [
      'evaluation',
      {
        question1: 'How will you build a therapeutic relationship with the child?',
        wordLimit1: '50',
        weight1: '40',
        question2: 'How will you involve the adoptive parents?',
        wordLimit2: '50',
        weight2: '30',
        priceWeight: '30',
        scaleMax: '4',
        scaleDescriptors: 'Unacceptable\nPoor\nAcceptable\nGood\nExcellent',
      },
    ],
    ['dates', { ...dateFields('clarificationDeadline', 7), clarificationTime: '5pm', ...dateFields('bidDeadline', 11), bidTime: '12pm' }],
  ];
}

/**
 * Drafts a complete Theraplay requirement in Ashford through the commissioner's
 * own pages: 10 sessions, a £1,200 ceiling, two quality questions weighted
 * 40 and 30 with price at 30, questions closing in 7 days and bids in 11.
 */
export async function draftRequirement(commissioner: WebSession, lot: string, areaId: string, overrides: RequirementOverrides = {}): Promise<string> {
  const created = await commissioner.submit('/requirements/new', {
    title: overrides.title ?? 'Theraplay for a child aged 8 to 10',
    lot,
    purchaseType: overrides.purchaseType ?? 'spot',
    areaId,
    deliveryMode: 'in_person',
  });
  if (created.status !== 303) throw new Error(`Creating the requirement failed: ${created.errorSummary.map((error) => error.text).join('; ')}`);
  const id = created.location!.split('/').pop()!;
  const sections = requirementSections(overrides);
  for (const [section, fields] of sections) {
    const saved = await commissioner.submit(`/requirements/${id}/${section}`, fields);
    if (saved.status !== 303) throw new Error(`Saving ${section} failed: ${saved.errorSummary.map((error) => error.text).join('; ')}`);
  }
  return id;
}

/**
 * A published Theraplay requirement in Ashford whose bids have closed: each
 * bidder is a new member that bids `rate` per session, with answers naming
 * itself, and the closing job has run. Returns the ids the panel works with.
 */
export async function closedRequirementWithBids(
  testApp: TestApp,
  bidders: Array<[name: string, rate: string]>,
  overrides: RequirementOverrides = {},
): Promise<{ requirementId: string; bidIds: Record<string, string>; providerIds: Record<string, string> }> {
  const open = await openRequirementWithBids(testApp, bidders, overrides);
  await passBidDeadline(testApp, open.requirementId);
  return open;
}

/** Moves a requirement's deadlines into the past and runs the closing job, as the scheduler would. */
export async function passBidDeadline(testApp: TestApp, requirementId: string): Promise<void> {
  await testApp.dataSource.query(
    `UPDATE requirements SET clarification_deadline = now() - interval '2 minutes', bid_deadline = now() - interval '1 minute' WHERE id = $1`,
    [requirementId],
  );
  await testApp.app.get(ClosingService).closeDue();
}

/**
 * As closedRequirementWithBids, but the deadline is still to come: the bids
 * are sealed. Each bidder's session and practitioner are returned too.
 */
export async function openRequirementWithBids(
  testApp: TestApp,
  bidders: Array<[name: string, rate: string]>,
  overrides: RequirementOverrides = {},
  lot: 'theraplay' | 'ddp' | 'emdr' = 'theraplay',
): Promise<{
  requirementId: string;
  frameworkId: string;
  bidIds: Record<string, string>;
  providerIds: Record<string, string>;
  sessions: Record<string, WebSession>;
  practitionerIds: Record<string, string>;
}> {
  const ids = await referenceIds(testApp.dataSource);
  const manager = new WebSession(testApp.server);
  await manager.signIn(DEMO.frameworkManager);
  const frameworkId = await createOpenFramework(manager, ids, `Panel Services ${Date.now()}`);
  const commissioner = new WebSession(testApp.server);
  await commissioner.signIn(DEMO.commissioner);
  const requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids[lot]}`, ids.ashford, overrides);
  const units = overrides.purchaseType === 'block' ? (overrides.blockVolume ?? 100) : 10;
  const members = [];
  for (const [name] of bidders) members.push(await admitMember(testApp.dataSource, name, { frameworkId, therapyTypeId: ids[lot], areaIds: [ids.ashford] }));
  // A block purchase, or a child taken over the fair access limit, needs the panel's approval before publishing (issue 19).
  if ((await commissioner.get(`/requirements/${requirementId}`)).$(`form[action="/requirements/${requirementId}/panel-request"]`).length)
    await panelApproves(testApp, commissioner, requirementId);
  const published = await commissioner.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`);
  if (published.status !== 303) throw new Error(`Publishing failed with ${published.status}`);
  const bidIds: Record<string, string> = {};
  const providerIds: Record<string, string> = {};
  const sessions: Record<string, WebSession> = {};
  const practitionerIds: Record<string, string> = {};
  for (const [index, [name, rate]] of bidders.entries()) {
    const provider = new WebSession(testApp.server);
    await provider.signIn(members[index].email!, FACTORY_PASSWORD);
    await provider.submit(`/provider/opportunities/${requirementId}/bid`, {
      rate,
      total: ((Math.round(Number(rate) * 100) * units) / 100).toFixed(2),
      practitionerIds: members[index].practitionerId,
      ...dateFields('earliestStart', 20),
      answer1: `${name} answer one`,
      answer2: `${name} answer two`,
      intent: 'continue',
    });
    const submitted = await provider.submit(
      `/provider/opportunities/${requirementId}/bid/check`,
      { declaration: 'confirmed' },
      `/provider/opportunities/${requirementId}/bid/submit`,
    );
    if (submitted.status !== 303) throw new Error(`${name}'s bid failed with ${submitted.status}`);
    const [bid] = await testApp.dataSource.query(`SELECT id FROM bids WHERE provider_id = $1 AND requirement_id = $2`, [
      members[index].providerId,
      requirementId,
    ]);
    bidIds[name] = bid.id;
    providerIds[name] = members[index].providerId;
    sessions[name] = provider;
    practitionerIds[name] = members[index].practitionerId;
  }
  return { requirementId, frameworkId, bidIds, providerIds, sessions, practitionerIds };
}

/** The demo panel chair, signed in once per app: signing in hashes a password, which is slow. */
const chairs = new WeakMap<TestApp, Promise<WebSession>>();
function demoChair(testApp: TestApp): Promise<WebSession> {
  if (!chairs.has(testApp)) {
    const chair = new WebSession(testApp.server);
    chairs.set(
      testApp,
      chair.signIn(DEMO.panelMember).then(() => chair),
    );
  }
  return chairs.get(testApp)!;
}

/**
 * The commissioner asks the panel about a complete draft, and the demo chair
 * approves every request at a quorate meeting of the partnership's members
 * today (made once per app). Returns the meeting.
 */
export async function panelApproves(testApp: TestApp, commissioner: WebSession, requirementId: string, chair?: WebSession): Promise<string> {
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const asked = await commissioner.submit(`/requirements/${requirementId}`, {}, `/requirements/${requirementId}/panel-request`);
  if (asked.status !== 303) throw new Error(`Asking the panel failed with ${asked.status}`);
  if (!chair) chair = await demoChair(testApp);
  const [request] = await sql(`SELECT id, partnership_id FROM panel_requests WHERE requirement_id = $1 AND status = 'pending'`, [requirementId]);
  let [meeting] = await sql(
    `SELECT m.id FROM panel_meetings m JOIN panel_members c ON c.id = m.chair_member_id JOIN users u ON u.id = c.user_id WHERE u.email = $1 AND m.meeting_date = current_date ORDER BY m.created_at LIMIT 1`,
    [DEMO.panelMember],
  );
  if (!meeting) {
    const members = (await sql(`SELECT id FROM panel_members WHERE partnership_id = $1 AND active`, [request.partnership_id])).map(
      (row: { id: string }) => row.id,
    );
    const made = await chair.submit('/panel/meetings', { ...dateFields('meetingDate', 0), attendeeMemberIds: members });
    if (made.status !== 303) throw new Error(`Making the meeting failed with ${made.status}`);
    meeting = { id: made.location!.split('/').pop() };
  }
  for (const { id } of await sql(`SELECT id FROM panel_requests WHERE requirement_id = $1 AND status IN ('pending', 'deferred')`, [requirementId])) {
    const decided = await chair.submit(`/panel/meetings/${meeting.id}/requests/${id}`, { outcome: 'approved', rationale: 'Approved by the panel' });
    if (decided.status !== 303)
      throw new Error(`The panel's decision failed with ${decided.status}: ${decided.errorSummary.map((error) => error.text).join('; ')}`);
  }
  return meeting.id;
}
