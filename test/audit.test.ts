import { AuditService } from '../src/audit/audit.service';
import { createTestApp, TestApp } from './support/test-app';

describe('audit log', () => {
  let testApp: TestApp;
  beforeAll(async () => (testApp = await createTestApp()));
  afterAll(() => testApp.close());

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const [event] = await testApp.dataSource.query(`SELECT id FROM audit_events LIMIT 1`);
    expect(event).toBeDefined();
    await expect(testApp.dataSource.query(`UPDATE audit_events SET action = 'tampered' WHERE id = $1`, [event.id])).rejects.toThrow(
      /audit_events is append-only: UPDATE is not allowed/,
    );
    await expect(testApp.dataSource.query(`DELETE FROM audit_events WHERE id = $1`, [event.id])).rejects.toThrow(/DELETE is not allowed/);
    await expect(testApp.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/TRUNCATE is not allowed/);
    const [after] = await testApp.dataSource.query(`SELECT action FROM audit_events WHERE id = $1`, [event.id]);
    expect(after.action).not.toBe('tampered');
  });

  it('is written in the same transaction as the change, so a rolled-back change leaves no event', async () => {
    const audit = testApp.app.get(AuditService);
    await expect(
      testApp.dataSource.transaction(async (manager) => {
        await audit.record(manager, { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await testApp.dataSource.transaction((manager) => audit.record(manager, { action: 'test.committed', entityType: 'test', after: { ok: true } }));
    const rows = await testApp.dataSource.query(`SELECT action, after FROM audit_events WHERE action LIKE 'test.%'`);
    expect(rows).toEqual([{ action: 'test.committed', after: { ok: true } }]);
  });
});
