import { MigrationInterface, QueryRunner } from "typeorm";

export class IndexesForNationalScale1795478942405 implements MigrationInterface {
    name = 'IndexesForNationalScale1795478942405'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_action" ON "audit_events" ("action", "occurred_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notifications_sent_at" ON "notifications" ("sent_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notifications_status_created_at" ON "notifications" ("status", "created_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_status_created_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_sent_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_action"
        `);
    }

}
