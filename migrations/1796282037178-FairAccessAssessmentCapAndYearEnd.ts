import { MigrationInterface, QueryRunner } from "typeorm";

export class FairAccessAssessmentCapAndYearEnd1796282037178 implements MigrationInterface {
    name = 'FairAccessAssessmentCapAndYearEnd1796282037178'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "fair_access_limits"
            ADD "complete_within_year" boolean NOT NULL DEFAULT false
        `);
        // The April 2025 rules (DfE written statement HCWS589): assessment up to £2,500 within the £3,000, therapy completed in the year.
        await queryRunner.query(`
            UPDATE "fair_access_limits"
               SET "assessment_limit_pence" = 250000, "complete_within_year" = true,
                   "description" = '£3,000 per child per year, covering therapy and specialist assessment together; assessment up to £2,500 of it; therapy completed by 31 March'
             WHERE "applies_from" = '2025-04-01' AND "combined_limit_pence" = 300000
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "fair_access_limits"
               SET "assessment_limit_pence" = NULL,
                   "description" = '£3,000 per child per year, covering therapy and specialist assessment together'
             WHERE "applies_from" = '2025-04-01' AND "combined_limit_pence" = 300000
        `);
        await queryRunner.query(`
            ALTER TABLE "fair_access_limits" DROP COLUMN "complete_within_year"
        `);
    }

}
