import { Client } from 'pg';
import { quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { admitMember, closedRequirementWithBids, draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { AppProcess } from './support/app-process';
import { createTestApp, TestApp } from './support/test-app';
import { until as untilOrFail } from './support/until';
import { DEMO, WebSession } from './support/web-session';

/**
 * Two portal processes share one database, as behind a load balancer. Each
 * runs every scheduled job and an outbox worker; the work must still happen
 * exactly once, and a visitor can move between them.
 */
jest.setTimeout(180_000);

let setup: TestApp;
let instances: AppProcess[] = [];

beforeAll(async () => (setup = await createTestApp({ smtp: true })));
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.kill()));
  await setup.close();
});

/** Waits for `check`; a timeout shows what both processes printed. */
const until = (what: string, check: () => Promise<boolean>) => untilOrFail(what, check, () => instances.map((instance) => instance.log).join('\n'));
const sql = (query: string, params: unknown[] = []) => setup.dataSource.query(query, params);
const count = async (query: string, params: unknown[] = []) => Number((await sql(`SELECT count(*) AS n FROM ${query}`, params))[0].n);

/** What the instances logged as each finished run of a job, summed over both: work done twice would count twice. */
function jobTotals(message: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of instances.flatMap((instance) => instance.log.split('\n'))) {
    if (!line.includes(`"msg":"${message}"`)) continue;
    for (const [key, value] of Object.entries(JSON.parse(line)))
      if (key !== 'level' && key !== 'time' && typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
  }
  return totals;
}

it('runs closing, reminders, standstill expiry and insurance expiry once, and sends each email once', async () => {
  const ids = await referenceIds(setup.dataSource);
  const manager = new WebSession(setup.server);
  await manager.signIn(DEMO.frameworkManager);
  const frameworkId = await createOpenFramework(manager, ids, 'Shared Services 2026');
  const lot = { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] };
  await admitMember(setup.dataSource, 'Alder Therapy', lot);
  await admitMember(setup.dataSource, 'Birch Therapy', lot);
  const today = (await sql(`SELECT to_char(now() AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS today`))[0].today;
  const lapsed = await admitMember(setup.dataSource, 'Lapsed Therapy', { ...lot, insuranceExpiresOn: '2026-01-31' });
  const renewing = await admitMember(setup.dataSource, 'Renewing Therapy', { ...lot, insuranceExpiresOn: today });

  const commissioner = new WebSession(setup.server);
  await commissioner.signIn(DEMO.commissioner);
  const published: string[] = [];
  for (let index = 0; index < 6; index++) {
    const id = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford, {
      title: `Theraplay for child ${index + 1}`,
      childReference: `KCC-SHARED-${index + 1}`,
    });
    const done = await commissioner.submit(`/requirements/${id}/check`, {}, `/requirements/${id}/publish`);
    expect(done.status).toBe(303);
    published.push(id);
  }
  const [closing, reminding] = [published.slice(0, 4), published.slice(4)];

  // An award whose standstill ended yesterday, waiting for the job to confirm it and create the contract.
  const standstill = await closedRequirementWithBids(setup, [['Elm Therapy', '95']]);
  // A legacy DPS's voluntary standstill runs from the decision (on the Act's routes it runs from a contract award notice).
  await sql(`UPDATE frameworks SET route = 'legacy_dps', standstill_days = 8 FROM requirements r WHERE r.framework_id = frameworks.id AND r.id = $1`, [
    standstill.requirementId,
  ]);
  const chair = new WebSession(setup.server);
  await chair.signIn(DEMO.panelMember);
  const meetingId = await quorateMeeting(setup, chair);
  await scoreAndModerateAllThrees(chair, standstill.requirementId, standstill.bidIds, standstill.providerIds);
  expect(
    (await chair.submit(`/panel/requirements/${standstill.requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' })).status,
  ).toBe(303);
  await sql(`UPDATE awards SET standstill_ends_on = current_date - 1 WHERE requirement_id = $1 AND status = 'standstill'`, [standstill.requirementId]);
  // Due now; set after the set-up above, whose own closing run would otherwise have closed them.
  await sql(`UPDATE requirements SET clarification_deadline = now() - interval '2 minutes', bid_deadline = now() - interval '1 minute' WHERE id = ANY($1)`, [
    closing,
  ]);
  await sql(`UPDATE requirements SET clarification_deadline = now() + interval '1 hour', bid_deadline = now() + interval '24 hours' WHERE id = ANY($1)`, [
    reminding,
  ]);
  // Everything so far is delivered, so the emails that follow are the jobs' own.
  while ((await setup.deliverEmails()).sent > 0);
  const deliveredBefore = setup.smtp!.received.length;
  const [{ now: startedAt }] = await sql('SELECT now()');

  // A gate: both processes' first runs (five seconds after each starts) wait on these tables, then go at the same moment.
  const gate = new Client({ connectionString: setup.databaseUrl });
  await gate.connect();
  await gate.query('BEGIN');
  await gate.query('LOCK TABLE requirements, awards IN EXCLUSIVE MODE');
  const env = { OUTBOX_WORKER: 'true', LOG_LEVEL: 'info' };
  instances = await Promise.all([1, 2].map(() => AppProcess.start({ databaseUrl: setup.databaseUrl, smtpUrl: setup.smtp!.url, env })));
  const waitingOn = (table: string) =>
    count(`pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`, [`%${table}%`]);
  await until('both processes to reach the closing and awards jobs', async () => (await waitingOn('requirements')) >= 2 && (await waitingOn('awards')) >= 2);
  await gate.query('COMMIT');
  await gate.end();

  await until(
    'the jobs to run',
    async () =>
      (await count(`requirements WHERE id = ANY($1) AND status = 'closed'`, [closing])) === 4 &&
      (await count(`requirements WHERE id = ANY($1) AND reminded_at IS NOT NULL`, [reminding])) === 2 &&
      (await count(`awards WHERE requirement_id = $1 AND status = 'confirmed'`, [standstill.requirementId])) === 1 &&
      (await count(`memberships WHERE provider_id = $1 AND status = 'suspended'`, [lapsed.providerId])) === 1,
  );
  await until('the outbox to empty', async () => (await count(`notifications WHERE status = 'queued'`)) === 0);

  for (const id of closing)
    expect({ id, closed: await count(`audit_events WHERE entity_id = $1 AND action = 'requirement.closed'`, [id]) }).toEqual({ id, closed: 1 });
  expect(await count(`audit_events WHERE entity_id = $1 AND action = 'award.confirmed'`, [standstill.requirementId])).toBe(1);
  expect(await count('contracts WHERE requirement_id = $1', [standstill.requirementId])).toBe(1);
  expect(
    await count(`audit_events WHERE action = 'membership.suspended' AND entity_id IN (SELECT id::text FROM memberships WHERE provider_id = $1)`, [
      lapsed.providerId,
    ]),
  ).toBe(1);
  expect(await count(`notifications WHERE event_key LIKE 'reminder:document:%' AND to_address = $1`, [renewing.email])).toBe(3);

  // Both processes reported their runs; summed, each piece of work appears once.
  const since = (action: string) => count(`audit_events WHERE action = $1 AND occurred_at >= $2`, [action, startedAt]);
  const reminders = await count(`notifications WHERE template = 'bid-reminder' AND created_at >= $1`, [startedAt]);
  expect(reminders).toBeGreaterThan(0);
  expect(jobTotals('Closing requirements finished')).toEqual({ closed: 4, reminded: reminders });
  expect(jobTotals('Confirming awards after standstill finished')).toEqual({ confirmed: 1 });
  expect(jobTotals('Compliance check finished')).toMatchObject({ suspended: await since('membership.suspended') });

  // Two outbox workers shared the queue: every email queued since they started arrived exactly once.
  const queued: string[] = (await sql(`SELECT id FROM notifications WHERE created_at >= $1`, [startedAt])).map((row: { id: string }) => row.id);
  const arrived = setup.smtp!.received.slice(deliveredBefore).map((email) => email.messageId.slice(1, 37));
  expect(arrived.length).toBeGreaterThan(10);
  expect([...arrived].sort()).toEqual([...queued].sort());
});

it('keeps a visitor signed in whichever instance answers, and signing out on one ends it on both', async () => {
  if (instances.length < 2) instances = await Promise.all([1, 2].map(() => AppProcess.start({ databaseUrl: setup.databaseUrl })));
  const [first, second] = instances;
  const onFirst = new WebSession(first.url);
  await onFirst.signIn(DEMO.commissioner);
  const onSecond = new WebSession(second.url);
  onSecond.agent.jar.setCookie(`portal.sid=${onFirst.cookie('portal.sid')}`, '127.0.0.1', '/');

  const dashboard = await onSecond.get('/commissioner');
  expect(dashboard.status).toBe(200);
  // A form loaded from one instance is accepted by the other: the CSRF secret lives in the shared session.
  const form = await onFirst.get('/requirements/new');
  const csrf = form.$('input[name="_csrf"]').attr('value')!;
  const ids = await referenceIds(setup.dataSource);
  const [lot] = await sql(
    `SELECT framework_id || ':' || therapy_type_id AS value FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE f.status = 'open' LIMIT 1`,
  );
  const created = await onSecond.post('/requirements/new', {
    _csrf: csrf,
    title: 'Made on the second instance',
    lot: lot.value,
    purchaseType: 'spot',
    areaId: ids.ashford,
    deliveryMode: 'in_person',
  });
  expect({ status: created.status, errors: created.errorSummary }).toEqual({ status: 303, errors: [] });

  await onSecond.get('/sign-out');
  const afterwards = await onFirst.get('/commissioner');
  expect(afterwards.status).toBe(303);
  expect(afterwards.location).toMatch(/\/sign-in/);
});
