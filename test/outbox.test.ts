import { NotificationsService } from '../src/notifications/notifications.service';
import { createTestApp, TestApp } from './support/test-app';

describe('email outbox', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp({ smtp: true })));
  afterAll(() => testApp.close());

  const queue = (to: string, eventKey?: string) =>
    testApp.dataSource.transaction((manager) =>
      testApp.app
        .get(NotificationsService)
        .queue(manager, { to, template: 'password-reset', data: { fullName: "Rosa O'Neil", link: '/reset-password?token=x' }, eventKey }),
    );
  const rows = (to: string) => testApp.dataSource.query(`SELECT status, attempts, last_error, next_attempt_at FROM notifications WHERE to_address = $1`, [to]);

  it('keeps an email queued while SMTP is down, then delivers it exactly once', async () => {
    await testApp.smtp!.stop();
    await queue('down@example.com');
    expect(await testApp.deliverEmails()).toEqual({ sent: 0, failed: 1 });
    const [waiting] = await rows('down@example.com');
    expect(waiting.status).toBe('queued');
    expect(waiting.attempts).toBe(1);
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);

    // Not due yet: nothing is tried before the backoff ends.
    await testApp.smtp!.start();
    expect(await testApp.deliverEmails()).toEqual({ sent: 0, failed: 0 });

    await testApp.dataSource.query(`UPDATE notifications SET next_attempt_at = now() WHERE to_address = 'down@example.com'`);
    expect(await testApp.deliverEmails()).toEqual({ sent: 1, failed: 0 });
    expect(await testApp.deliverEmails()).toEqual({ sent: 0, failed: 0 });
    expect(testApp.smtp!.to('down@example.com')).toHaveLength(1);
    const [sent] = await rows('down@example.com');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('sends plain text without HTML escaping and HTML with it', async () => {
    await queue('rosa@example.com');
    await testApp.deliverEmails();
    const [email] = testApp.smtp!.to('rosa@example.com');
    expect(email.text).toContain("Dear Rosa O'Neil,");
    expect(email.html).toContain('Dear Rosa O&#x27;Neil,');
    expect(email.text).toContain('http://portal.test/reset-password?token=x');
  });

  it('never sends one email twice when several workers run at once', async () => {
    for (let i = 0; i < 30; i++) await queue(`crowd-${i}@example.com`);
    const results = await Promise.all([testApp.deliverEmails(), testApp.deliverEmails(), testApp.deliverEmails()]);
    let total = results.reduce((sum, result) => sum + result.sent, 0);
    while (total < 30) total += (await testApp.deliverEmails()).sent;
    expect(total).toBe(30);
    for (let i = 0; i < 30; i++) expect(testApp.smtp!.to(`crowd-${i}@example.com`)).toHaveLength(1);
  });

  it('queues one email per event key', async () => {
    await queue('once@example.com', 'test-event-1');
    await queue('once@example.com', 'test-event-1');
    expect(await rows('once@example.com')).toHaveLength(1);
  });

  it('gives up after 10 attempts and marks the email failed', async () => {
    await testApp.smtp!.stop();
    await queue('never@example.com');
    for (let attempt = 1; attempt <= 10; attempt++) {
      await testApp.dataSource.query(`UPDATE notifications SET next_attempt_at = now() WHERE to_address = 'never@example.com'`);
      await testApp.deliverEmails();
    }
    const [failed] = await rows('never@example.com');
    expect(failed).toMatchObject({ status: 'failed', attempts: 10 });
    await testApp.smtp!.start();
  });
});
