import { MigrationInterface, QueryRunner } from "typeorm";

export class LotDecisionOverrideReason1796281728271 implements MigrationInterface {
    name = 'LotDecisionOverrideReason1796281728271'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "application_lot_decisions"
            ADD "override_reason" text
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "application_lot_decisions" DROP COLUMN "override_reason"
        `);
    }

}
