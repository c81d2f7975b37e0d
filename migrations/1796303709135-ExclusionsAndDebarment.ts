import { MigrationInterface, QueryRunner } from "typeorm";

export class ExclusionsAndDebarment1796303709135 implements MigrationInterface {
    name = 'ExclusionsAndDebarment1796303709135'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "debarment_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "supplier_name" text NOT NULL,
                "companies_house_number" text,
                "ground" text NOT NULL,
                "ground_kind" text NOT NULL,
                "added_on" date NOT NULL,
                "ends_on" date NOT NULL,
                "reference" text NOT NULL,
                "ended_on" date,
                "ended_reason" text,
                "ended_by_user_id" uuid,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_debarment_entries_dates" CHECK (
                    ends_on > added_on
                    AND (
                        ended_on IS NULL
                        OR ended_on >= added_on
                    )
                ),
                CONSTRAINT "ck_debarment_entries_ground_kind" CHECK (ground_kind IN ('mandatory', 'discretionary')),
                CONSTRAINT "pk_debarment_entries" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_debarment_entries_partnership" ON "debarment_entries" ("partnership_id", "ends_on")
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "exclusion_answers" jsonb
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "exclusion_assessment" text
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "exclusion_assessment_reason" text
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "exclusion_assessed_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "exclusion_assessed_by_user_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "ck_applications_exclusion_assessment" CHECK (
                    exclusion_assessment IS NULL
                    OR (
                        exclusion_assessment IN ('excluded', 'not_excluded')
                        AND exclusion_assessment_reason IS NOT NULL
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "debarment_entries"
            ADD CONSTRAINT "fk_debarment_entries_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "debarment_entries" DROP CONSTRAINT "fk_debarment_entries_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "ck_applications_exclusion_assessment"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "exclusion_assessed_by_user_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "exclusion_assessed_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "exclusion_assessment_reason"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "exclusion_assessment"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "exclusion_answers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_debarment_entries_partnership"
        `);
        await queryRunner.query(`
            DROP TABLE "debarment_entries"
        `);
    }

}
