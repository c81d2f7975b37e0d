import { MigrationInterface, QueryRunner } from "typeorm";

export class AddFrameworks1795463477203 implements MigrationInterface {
    name = 'AddFrameworks1795463477203'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "frameworks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "partnership_id" uuid NOT NULL,
                "route" text NOT NULL,
                "decision_clock_days" integer NOT NULL,
                "decision_extended_days" integer NOT NULL,
                "minimum_bid_period_days" integer NOT NULL,
                "standstill_days" integer NOT NULL,
                "opens_on" date NOT NULL,
                "closes_on" date NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "version" integer NOT NULL DEFAULT '1',
                "previous_version_id" uuid,
                "opened_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_frameworks_clock" CHECK (
                    decision_clock_days > 0
                    AND decision_extended_days >= decision_clock_days
                    AND minimum_bid_period_days > 0
                    AND standstill_days >= 0
                ),
                CONSTRAINT "ck_frameworks_dates" CHECK (closes_on > opens_on),
                CONSTRAINT "ck_frameworks_route" CHECK (
                    route IN (
                        'legacy_dps',
                        'dynamic_market',
                        'open_framework',
                        'below_threshold_list'
                    )
                ),
                CONSTRAINT "ck_frameworks_status" CHECK (status IN ('draft', 'open', 'closed')),
                CONSTRAINT "pk_frameworks" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_frameworks_previous_version" ON "frameworks" ("previous_version_id")
            WHERE previous_version_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_frameworks_partnership" ON "frameworks" ("partnership_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "framework_areas" (
                "framework_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                CONSTRAINT "pk_framework_areas" PRIMARY KEY ("framework_id", "area_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "framework_agencies" (
                "framework_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                CONSTRAINT "pk_framework_agencies" PRIMARY KEY ("framework_id", "agency_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "framework_lots" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "framework_id" uuid NOT NULL,
                "therapy_type_id" uuid NOT NULL,
                CONSTRAINT "pk_framework_lots" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_framework_lots_framework_therapy" ON "framework_lots" ("framework_id", "therapy_type_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "membership_conditions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "framework_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "question" text NOT NULL,
                "hint" text NOT NULL DEFAULT '',
                "answer_type" text NOT NULL,
                "word_limit" integer,
                "lot_therapy_type_ids" uuid array NOT NULL DEFAULT '{}',
                "judgement" text NOT NULL,
                "passing_answer" text,
                "minimum_score" integer,
                "maximum_score" integer,
                CONSTRAINT "ck_membership_conditions_word_limit" CHECK (
                    answer_type <> 'text'
                    OR word_limit > 0
                ),
                CONSTRAINT "ck_membership_conditions_scored" CHECK (
                    judgement <> 'scored'
                    OR (
                        minimum_score IS NOT NULL
                        AND maximum_score IS NOT NULL
                        AND minimum_score <= maximum_score
                    )
                ),
                CONSTRAINT "ck_membership_conditions_judgement" CHECK (judgement IN ('pass_fail', 'scored')),
                CONSTRAINT "ck_membership_conditions_answer_type" CHECK (
                    answer_type IN ('yes_no', 'text', 'number', 'date', 'file')
                ),
                CONSTRAINT "pk_membership_conditions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_membership_conditions_framework" ON "membership_conditions" ("framework_id", "position")
        `);
        await queryRunner.query(`
            ALTER TABLE "frameworks"
            ADD CONSTRAINT "fk_frameworks_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "frameworks"
            ADD CONSTRAINT "fk_frameworks_previous_version" FOREIGN KEY ("previous_version_id") REFERENCES "frameworks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_areas"
            ADD CONSTRAINT "fk_framework_areas_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_areas"
            ADD CONSTRAINT "fk_framework_areas_area" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_agencies"
            ADD CONSTRAINT "fk_framework_agencies_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_agencies"
            ADD CONSTRAINT "fk_framework_agencies_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_lots"
            ADD CONSTRAINT "fk_framework_lots_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_lots"
            ADD CONSTRAINT "fk_framework_lots_therapy_type" FOREIGN KEY ("therapy_type_id") REFERENCES "therapy_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "membership_conditions"
            ADD CONSTRAINT "fk_membership_conditions_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "membership_conditions" DROP CONSTRAINT "fk_membership_conditions_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_lots" DROP CONSTRAINT "fk_framework_lots_therapy_type"
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_lots" DROP CONSTRAINT "fk_framework_lots_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_agencies" DROP CONSTRAINT "fk_framework_agencies_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_agencies" DROP CONSTRAINT "fk_framework_agencies_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_areas" DROP CONSTRAINT "fk_framework_areas_area"
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_areas" DROP CONSTRAINT "fk_framework_areas_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "frameworks" DROP CONSTRAINT "fk_frameworks_previous_version"
        `);
        await queryRunner.query(`
            ALTER TABLE "frameworks" DROP CONSTRAINT "fk_frameworks_partnership"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_membership_conditions_framework"
        `);
        await queryRunner.query(`
            DROP TABLE "membership_conditions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_framework_lots_framework_therapy"
        `);
        await queryRunner.query(`
            DROP TABLE "framework_lots"
        `);
        await queryRunner.query(`
            DROP TABLE "framework_agencies"
        `);
        await queryRunner.query(`
            DROP TABLE "framework_areas"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_frameworks_partnership"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_frameworks_previous_version"
        `);
        await queryRunner.query(`
            DROP TABLE "frameworks"
        `);
    }

}
