import { MigrationInterface, QueryRunner } from "typeorm";

export class AddComplianceSuspension1795465015479 implements MigrationInterface {
    name = 'AddComplianceSuspension1795465015479'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD "suspended_for_compliance" boolean NOT NULL DEFAULT false
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP COLUMN "suspended_for_compliance"
        `);
    }

}
