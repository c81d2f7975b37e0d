import { MigrationInterface, QueryRunner } from "typeorm";

export class RequirementMinimumQuality1796283479544 implements MigrationInterface {
    name = 'RequirementMinimumQuality1796283479544'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD "minimum_quality_percent" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "ck_requirements_minimum_quality" CHECK (
                    minimum_quality_percent IS NULL
                    OR minimum_quality_percent BETWEEN 1 AND 100
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "ck_requirements_minimum_quality"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP COLUMN "minimum_quality_percent"
        `);
    }

}
