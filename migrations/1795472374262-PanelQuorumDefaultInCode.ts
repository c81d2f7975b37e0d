import { MigrationInterface, QueryRunner } from "typeorm";

export class PanelQuorumDefaultInCode1795472374262 implements MigrationInterface {
    name = 'PanelQuorumDefaultInCode1795472374262'

    // The default rule lives in code (DEFAULT_QUORUM); a partnership's own rule, when it sets one, is data.
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "partnerships"
            ALTER COLUMN "panel_quorum" DROP NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "partnerships"
            ALTER COLUMN "panel_quorum" DROP DEFAULT
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "partnerships"
            ALTER COLUMN "panel_quorum"
            SET DEFAULT '{"minimumMembers": 3, "requiredGroups": [{"label": "a psychologist", "professions": ["clinical_psychologist", "educational_psychologist"]}, {"label": "a social work manager", "professions": ["social_work_manager"]}], "minimumAgencies": 2}'
        `);
        await queryRunner.query(`UPDATE "partnerships" SET "panel_quorum" = DEFAULT WHERE "panel_quorum" IS NULL`);
        await queryRunner.query(`
            ALTER TABLE "partnerships"
            ALTER COLUMN "panel_quorum"
            SET NOT NULL
        `);
    }

}
