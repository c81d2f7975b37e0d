import { Client } from 'pg';
import request from 'supertest';
import { EMAIL_SUBJECTS } from '../src/notifications/email-templates';
import { quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { closedRequirementWithBids } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';
import { adminUrl } from './support/test-database';
import { DEMO, WebSession } from './support/web-session';

describe('when SMTP is down during an award', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp({ smtp: true })));
  afterAll(() => testApp.close());

  it('keeps every email in the outbox, and delivers each exactly once after SMTP returns', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [
      ['Beech Therapy', '90'],
      ['Cedar Therapy', '110'],
    ]);
    const chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    const meetingId = await quorateMeeting(testApp, chair);
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    // Everything before the award is delivered, so what follows is the award's mail only.
    while ((await testApp.deliverEmails()).sent > 0);
    await testApp.smtp!.stop();

    const decided = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
    expect(decided.status).toBe(303);
    const outbox = async () =>
      testApp.dataSource.query(
        `SELECT to_address, template, status FROM notifications WHERE created_at >= (SELECT decided_at FROM awards WHERE requirement_id = $1) ORDER BY to_address, template`,
        [requirementId],
      );
    const queued = await outbox();
    expect(queued.map((row: { template: string }) => row.template)).toEqual(expect.arrayContaining(['award-won', 'assessment-summary']));
    expect(await testApp.deliverEmails()).toMatchObject({ sent: 0 });
    expect((await outbox()).every((row: { status: string }) => row.status === 'queued')).toBe(true);

    await testApp.smtp!.start();
    await testApp.dataSource.query(`UPDATE notifications SET next_attempt_at = now() WHERE status = 'queued'`);
    while ((await testApp.deliverEmails()).sent > 0);
    expect((await outbox()).every((row: { status: string }) => row.status === 'sent')).toBe(true);
    const expected = new Map<string, number>();
    for (const { to_address: to, template } of queued) expected.set(`${to} ${template}`, (expected.get(`${to} ${template}`) ?? 0) + 1);
    for (const [key, times] of expected) {
      const [to, template] = key.split(' ');
      const delivered = testApp.smtp!.to(to).filter((email) => email.subject === EMAIL_SUBJECTS[template as keyof typeof EMAIL_SUBJECTS]);
      expect({ key, delivered: delivered.length }).toEqual({ key, delivered: times });
    }
    // A whole competition, award and two deliveries: close to the default 30 s on a loaded two-core machine.
  }, 60_000);
});

describe('when the database goes away and comes back', () => {
  let testApp: TestApp;
  let admin: Client;
  let databaseName: string;
  beforeAll(async () => {
    testApp = await createTestApp();
    databaseName = (await testApp.dataSource.query('SELECT current_database() AS name'))[0].name;
    admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin.end();
    await testApp.close();
  });

  it('shows the GOV.UK service unavailable page during the outage, and reconnects by itself', async () => {
    const visitor = new WebSession(testApp.server);
    await visitor.signIn(DEMO.commissioner);
    expect((await visitor.get('/commissioner')).status).toBe(200);

    // As in a restart: every connection is cut, and no new one is accepted for a while.
    await admin.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName]);
    for (const path of ['/commissioner', '/sign-in', '/requirements']) {
      const page = await visitor.get(path);
      expect({ path, status: page.status, heading: page.heading }).toEqual({ path, status: 503, heading: 'Sorry, the service is unavailable' });
      expect(page.html).not.toMatch(/\n\s+at |ECONNREFUSED|pg_|terminat/);
    }
    const health = await request(testApp.server).get('/health');
    expect(health.status).toBe(503);

    await admin.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS true`);
    // No restart of the app: its pool makes new connections as they are needed.
    expect((await visitor.get('/commissioner')).status).toBe(200);
    expect((await request(testApp.server).get('/health')).status).toBe(200);
  });
});
