import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Removes the values of children's free-text and identifying fields from
 * audit events written before the audit service stopped recording them
 * (src/audit/protected-fields.ts has the same lists). This is the one
 * documented redaction path through the append-only trigger: the trigger is
 * lifted for this statement only, inside the migration's transaction, and
 * the redaction is itself recorded as an audit event with counts, never content.
 */
const PROTECTED: Record<string, string[]> = {
  requirement: ['needsDescription', 'previousInterventions', 'accessibility', 'language', 'childName', 'dateOfBirth', 'childReference', 'reason'],
  contract: ['childReference', 'childName', 'dateOfBirth', 'summary', 'nextSteps', 'goal', 'detail', 'comment'],
  feedback: ['comment'],
};

export class RedactChildrensDataFromAudit1796282600000 implements MigrationInterface {
  name = 'RedactChildrensDataFromAudit1796282600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" DISABLE TRIGGER "trg_audit_events_append_only"`);
    let redacted = 0;
    for (const [entityType, fields] of Object.entries(PROTECTED)) {
      for (const column of ['before', 'after']) {
        const [, count] = await queryRunner.query(
          `UPDATE "audit_events"
              SET "${column}" = (
                SELECT jsonb_object_agg(key, CASE WHEN key = ANY($2::text[]) AND value <> 'null'::jsonb THEN '"[not recorded]"'::jsonb ELSE value END)
                  FROM jsonb_each("${column}"))
            WHERE "entity_type" = $1 AND jsonb_typeof("${column}") = 'object' AND "${column}" ?| $2::text[]
              AND EXISTS (SELECT 1 FROM jsonb_each("${column}") WHERE key = ANY($2::text[]) AND value NOT IN ('null'::jsonb, '"[not recorded]"'::jsonb))`,
          [entityType, fields],
        );
        redacted += Number(count ?? 0);
      }
    }
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE TRIGGER "trg_audit_events_append_only"`);
    if (redacted > 0) {
      await queryRunner.query(`INSERT INTO "audit_events" ("action", "entity_type", "after") VALUES ('audit.redacted', 'audit_event', $1)`, [
        JSON.stringify({ eventsRedacted: redacted, reason: 'Children’s free-text and identifying fields removed (DESIGN.md §6)' }),
      ]);
    }
  }

  public async down(): Promise<void> {
    // Nothing to undo: the removed values are gone by design, and the audit service no longer writes them.
  }
}
