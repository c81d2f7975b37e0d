import { RedactChildrensDataFromAudit1796282600000 } from '../migrations/1796282600000-RedactChildrensDataFromAudit';
import { draftRequirement } from './factories/competitions';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * DESIGN.md §6 and UK GDPR storage limitation: identifying text typed into a
 * free-text field and then removed must not survive anywhere, and the
 * append-only audit log in particular must never have copied it.
 */
describe('children’s data and the audit log', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let requirementId: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  /** Every table and text-like column where `needle` appears. */
  async function whereFound(needle: string): Promise<string[]> {
    const columns: Array<{ table_name: string; column_name: string }> = await sql(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const [{ n }] = await sql(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE $1`, [`%${needle}%`]);
      if (n > 0) found.push(`${table}.${column}`);
    }
    return found;
  }

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
    const ids = await referenceIds(testApp.dataSource);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford);
  });
  afterAll(() => testApp.close());

  it.each([
    ['the description of needs', 'needsDescription', 'Quillon Brackenridge was born on 4 May 2016'],
    ['previous interventions', 'previousInterventions', 'Seen by Dr Quillon Brackenridge at Fernhollow Clinic'],
    ['accessibility needs', 'accessibility', 'Lives at 14 Quillon Row with Brackenridge'],
  ])('keeps no trace of identifying text typed into %s and then removed', async (_label, field, identifying) => {
    const needs = {
      ageBand: '8 to 10',
      presentingNeeds: ['Attachment difficulties'],
      practitionerGender: 'any',
      needsDescription: 'Struggles with transitions',
    };
    expect((await commissioner.submit(`/requirements/${requirementId}/needs`, { ...needs, [field]: identifying })).status).toBe(303);
    expect(await whereFound('Quillon')).not.toEqual([]); // it was saved, so the search can find it
    expect((await commissioner.submit(`/requirements/${requirementId}/needs`, needs)).status).toBe(303);
    expect(await whereFound('Quillon')).toEqual([]);
    // The log still says who changed which fields.
    const [event] = await sql(
      `SELECT actor_email, after FROM audit_events WHERE entity_id = $1 AND action = 'requirement.needs_saved' ORDER BY occurred_at DESC LIMIT 1`,
      [requirementId],
    );
    expect(event.actor_email).toBe(DEMO.commissioner);
    expect(event.after.needsDescription).toBe('[not recorded]');
    expect(event.after.ageBand).toBe('8 to 10');
  });

  it('keeps a cancelling reason out of the log', async () => {
    const id = await draftRequirement(
      commissioner,
      (await sql(`SELECT r.framework_id || ':' || r.therapy_type_id AS lot FROM requirements r WHERE r.id = $1`, [requirementId]))[0].lot,
      (await sql(`SELECT area_id FROM requirements WHERE id = $1`, [requirementId]))[0].area_id,
    );
    expect((await commissioner.submit(`/requirements/${id}/check`, {}, `/requirements/${id}/publish`)).status).toBe(303);
    expect((await commissioner.submit(`/requirements/${id}`, { reason: 'Quillon has moved to live with his aunt' }, `/requirements/${id}/cancel`)).status).toBe(
      303,
    );
    const [event] = await sql(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'requirement.cancelled'`, [id]);
    expect(event.after).toEqual({ status: 'cancelled', reason: '[not recorded]' });
  });

  it('removes values an earlier version wrote to the log, through the one audited redaction path', async () => {
    const [old] = await sql(
      `INSERT INTO audit_events (action, entity_type, entity_id, after) VALUES ('requirement.needs_saved', 'requirement', $1, $2) RETURNING id`,
      [requirementId, JSON.stringify({ ageBand: '8 to 10', needsDescription: 'Zephyrine Oakhurst-Vale, born 1 June 2015', language: null })],
    );
    await expect(sql(`UPDATE audit_events SET after = NULL WHERE id = $1`, [old.id])).rejects.toThrow(/append-only/);
    const runner = testApp.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new RedactChildrensDataFromAudit1796282600000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await whereFound('Zephyrine')).toEqual([]);
    const [event] = await sql(`SELECT after FROM audit_events WHERE id = $1`, [old.id]);
    expect(event.after).toEqual({ ageBand: '8 to 10', needsDescription: '[not recorded]', language: null });
    const [record] = await sql(`SELECT after FROM audit_events WHERE action = 'audit.redacted' ORDER BY occurred_at DESC LIMIT 1`);
    expect(record.after.eventsRedacted).toBe(1);
    // The log is append-only again.
    await expect(sql(`DELETE FROM audit_events WHERE id = $1`, [old.id])).rejects.toThrow(/append-only/);
  });
});
