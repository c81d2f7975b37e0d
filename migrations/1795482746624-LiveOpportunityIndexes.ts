import { MigrationInterface, QueryRunner } from "typeorm";

export class LiveOpportunityIndexes1795482746624 implements MigrationInterface {
    name = 'LiveOpportunityIndexes1795482746624'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirements_open_deadline"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_provider"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirements_open_deadline" ON "requirements" ("bid_deadline", "id")
            WHERE status = 'published'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_provider" ON "invitations" ("provider_id", "requirement_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_provider"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirements_open_deadline"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_provider" ON "invitations" USING btree ("provider_id", "invited_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirements_open_deadline" ON "requirements" USING btree ("bid_deadline")
            WHERE (status = 'published'::text)
        `);
    }

}
