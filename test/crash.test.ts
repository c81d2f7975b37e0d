import { Client } from 'pg';
import { OUTBOX_BATCH_SIZE } from '../src/notifications/outbox-worker';
import { quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { admitManyMembers, closedRequirementWithBids, draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { AppProcess } from './support/app-process';
import { createTestApp, TestApp } from './support/test-app';
import { until as untilOrFail } from './support/until';
import { DEMO, WebSession } from './support/web-session';

/**
 * The portal is killed with SIGKILL in the middle of a transaction, and again
 * while its outbox is sending. To kill it at a known point, a second
 * connection holds a lock on the outbox table: the app's transaction has
 * written its first rows and waits to queue the emails when the kill comes.
 */
jest.setTimeout(180_000);

let setup: TestApp;
let portal: AppProcess | undefined;
let locker: Client;

beforeAll(async () => {
  // The in-process app only prepares data and reads the database; the portal under test runs as its own process.
  setup = await createTestApp({ smtp: true });
  locker = new Client({ connectionString: setup.databaseUrl });
  await locker.connect();
});
afterAll(async () => {
  await portal?.kill();
  await locker.end();
  await setup.close();
});

/** A new portal process; any earlier one is killed first, so only one ever runs. */
async function startPortal(): Promise<AppProcess> {
  await portal?.kill();
  return (portal = await AppProcess.start({ databaseUrl: setup.databaseUrl, smtpUrl: setup.smtp!.url, env: { OUTBOX_WORKER: 'true' } }));
}

/** Waits for `check`; a timeout shows what the portal printed. */
const until = <T>(what: string, check: () => Promise<T | undefined | false>) => untilOrFail(what, check, () => portal?.log ?? '');
const sql = (query: string, params: unknown[] = []) => setup.dataSource.query(query, params);
const count = async (query: string, params: unknown[]) => Number((await sql(`SELECT count(*) AS n FROM ${query}`, params))[0].n);

/**
 * Blocks new outbox rows, and once the portal's transaction is waiting to
 * write one, returns that backend after checking it has already written to
 * `writtenTable`: the transaction is genuinely half done.
 */
async function holdOutboxUntilWaiting(writtenTable: string): Promise<number> {
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE notifications IN SHARE MODE');
  const pid = await until('the portal to wait on the outbox', async () => {
    const [row] = await sql(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO "notifications"%'`,
    );
    return row?.pid as number | undefined;
  });
  const [wrote] = await sql(
    `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = $1 AND c.relname = $2 AND l.mode = 'RowExclusiveLock' AND l.granted`,
    [pid, writtenTable],
  );
  expect({ pid, wroteTo: wrote ? writtenTable : 'nothing yet' }).toEqual({ pid, wroteTo: writtenTable });
  return pid;
}

/** Kills the portal, lets the outbox go, and waits for PostgreSQL to end the dead client's transaction. */
async function killWhileWaiting(pid: number): Promise<void> {
  await portal!.kill();
  await locker.query('ROLLBACK');
  await until('the killed transaction to end', async () => (await count('pg_stat_activity WHERE pid = $1', [pid])) === 0);
}

/** Waits for the outbox to send everything queued under `eventKeyPattern`, and returns what each was delivered as. */
async function outboxCompletes(eventKeyPattern: string): Promise<{ ids: string[]; deliveries: Map<string, number> }> {
  await until(
    'the outbox to send everything',
    async () => (await count(`notifications WHERE event_key LIKE $1 AND status <> 'sent'`, [eventKeyPattern])) === 0,
  );
  const ids: string[] = (await sql(`SELECT id FROM notifications WHERE event_key LIKE $1`, [eventKeyPattern])).map((row: { id: string }) => row.id);
  const deliveries = new Map<string, number>();
  for (const email of setup.smtp!.received) {
    const id = /^<?([0-9a-f-]{36})@/.exec(email.messageId)?.[1];
    if (id) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
  }
  return { ids, deliveries };
}

it('publishing to 500 providers is all or nothing, and after a restart the outbox sends every invitation', async () => {
  const ids = await referenceIds(setup.dataSource);
  const manager = new WebSession(setup.server);
  await manager.signIn(DEMO.frameworkManager);
  const frameworkId = await createOpenFramework(manager, ids, 'Crash Services 2026');
  const members = await admitManyMembers(setup.dataSource, 500, { frameworkId, therapyTypeId: ids.theraplay, areaId: ids.ashford });
  const drafting = new WebSession(setup.server);
  await drafting.signIn(DEMO.commissioner);
  const requirementId = await draftRequirement(drafting, `${frameworkId}:${ids.theraplay}`, ids.ashford);
  const invitations = `notifications WHERE event_key LIKE 'requirement-invitation:${requirementId}:%'`;

  await startPortal();
  const commissioner = new WebSession(portal!.url);
  await commissioner.signIn(DEMO.commissioner);
  const publish = (session: WebSession) => session.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`);
  const interrupted = publish(commissioner).then(
    () => 'answered',
    () => 'connection lost',
  );
  await killWhileWaiting(await holdOutboxUntilWaiting('invitations'));
  expect(await interrupted).toBe('connection lost');

  // Nothing of the publication survived: not the status, an invitation, an email or the audit event.
  expect((await sql(`SELECT status FROM requirements WHERE id = $1`, [requirementId]))[0].status).toBe('draft');
  expect(await count('invitations WHERE requirement_id = $1', [requirementId])).toBe(0);
  expect(await count(invitations, [])).toBe(0);
  expect(await count(`audit_events WHERE entity_id = $1 AND action = 'requirement.published'`, [requirementId])).toBe(0);

  // After a restart the commissioner publishes again, and all of it is there at once.
  await startPortal();
  const again = new WebSession(portal!.url);
  await again.signIn(DEMO.commissioner);
  const republished = await publish(again);
  expect(republished.status).toBe(303);
  expect(await count('invitations WHERE requirement_id = $1', [requirementId])).toBe(500);
  expect(await count(invitations, [])).toBe(500);

  // Killed again while the outbox is part-way through sending them.
  const invitationIds = new Set<string>((await sql(`SELECT id FROM ${invitations}`)).map((row: { id: string }) => row.id));
  await until('the first invitation to arrive', async () => setup.smtp!.received.some((email) => invitationIds.has(email.messageId.slice(1, 37))));
  await portal!.kill();
  const sentBeforeRestart = await count(`${invitations} AND status = 'sent'`, []);
  expect(sentBeforeRestart).toBeLessThan(500);

  await startPortal();
  const { ids: queued, deliveries } = await outboxCompletes(`requirement-invitation:${requirementId}:%`);
  expect(queued).toHaveLength(500);
  expect(queued.filter((id) => !deliveries.has(id))).toEqual([]);
  // Sending is at least once: only the round in flight at the kill can go twice, and its Message-IDs are unchanged, so mail systems drop the copy.
  const repeated = queued.filter((id) => deliveries.get(id)! > 1);
  expect(repeated.length).toBeLessThanOrEqual(OUTBOX_BATCH_SIZE);
  const addressed = new Set(setup.smtp!.received.filter((email) => invitationIds.has(email.messageId.slice(1, 37))).map((email) => email.to));
  expect(members.filter((member) => !addressed.has(member.email))).toEqual([]);
});

it('an award is all or nothing, and after a restart the panel awards and every bidder hears', async () => {
  const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(setup, [
    ['Beech Therapy', '90'],
    ['Cedar Therapy', '110'],
  ]);
  const preparing = new WebSession(setup.server);
  await preparing.signIn(DEMO.panelMember);
  const meetingId = await quorateMeeting(setup, preparing);
  await scoreAndModerateAllThrees(preparing, requirementId, bidIds, providerIds);
  const before = await sql(
    `SELECT r.status, array_agg(b.status ORDER BY b.id) AS bids FROM requirements r JOIN bids b ON b.requirement_id = r.id WHERE r.id = $1 GROUP BY r.status`,
    [requirementId],
  );

  await startPortal();
  const chair = new WebSession(portal!.url);
  await chair.signIn(DEMO.panelMember);
  const decide = (session: WebSession) =>
    session.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
  const interrupted = decide(chair).then(
    () => 'answered',
    () => 'connection lost',
  );
  await killWhileWaiting(await holdOutboxUntilWaiting('awards'));
  expect(await interrupted).toBe('connection lost');

  expect(await count('awards WHERE requirement_id = $1', [requirementId])).toBe(0);
  expect(await count('contracts WHERE requirement_id = $1', [requirementId])).toBe(0);
  expect(
    await sql(
      `SELECT r.status, array_agg(b.status ORDER BY b.id) AS bids FROM requirements r JOIN bids b ON b.requirement_id = r.id WHERE r.id = $1 GROUP BY r.status`,
      [requirementId],
    ),
  ).toEqual(before);
  expect(await count(`audit_events WHERE entity_id = $1 AND action LIKE 'award.%'`, [requirementId])).toBe(0);
  expect(await count(`notifications WHERE event_key LIKE 'award:%' OR event_key LIKE 'requirement-decided:%'`, [])).toBe(0);

  await startPortal();
  const chairAgain = new WebSession(portal!.url);
  await chairAgain.signIn(DEMO.panelMember);
  expect((await decide(chairAgain)).status).toBe(303);
  const [award] = await sql(`SELECT id, outcome FROM awards WHERE requirement_id = $1`, [requirementId]);
  expect(award.outcome).toBe('awarded');
  expect(await count('contracts WHERE requirement_id = $1', [requirementId])).toBe(1);

  const won = await outboxCompletes(`award:${award.id}:%`);
  const told = await outboxCompletes(`requirement-decided:${award.id}:%`);
  // One email to each bidder's user (the winner and the other) and at least one commissioner.
  expect(won.ids).toHaveLength(2);
  expect(told.ids.length).toBeGreaterThan(0);
  expect([...won.ids, ...told.ids].filter((id) => won.deliveries.get(id) !== 1)).toEqual([]);
});
