import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two things entities cannot express: the session table used by
 * connect-pg-simple, and the trigger that makes the audit log append-only
 * (BR-20) for every database user, the application included.
 */
export class SessionsAndAuditImmutability1795461484350 implements MigrationInterface {
  name = 'SessionsAndAuditImmutability1795461484350';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "sid" varchar NOT NULL,
        "sess" json NOT NULL,
        "expire" timestamp(6) NOT NULL,
        CONSTRAINT "pk_sessions" PRIMARY KEY ("sid")
      )
    `);
    await queryRunner.query(`CREATE INDEX "ix_sessions_expire" ON "sessions" ("expire")`);
    await queryRunner.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_events_append_only"
      BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER "trg_audit_events_no_truncate"
      BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_audit_events_no_truncate" ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER "trg_audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`DROP INDEX "ix_sessions_expire"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
