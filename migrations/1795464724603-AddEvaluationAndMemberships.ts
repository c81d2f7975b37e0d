import { MigrationInterface, QueryRunner } from "typeorm";

export class AddEvaluationAndMemberships1795464724603 implements MigrationInterface {
    name = 'AddEvaluationAndMemberships1795464724603'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "application_judgements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "condition_id" uuid NOT NULL,
                "result" text NOT NULL,
                "score" integer,
                "note" text NOT NULL DEFAULT '',
                "judged_by_user_id" uuid,
                "judged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_application_judgements_result" CHECK (result IN ('pass', 'fail')),
                CONSTRAINT "pk_application_judgements" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_judgements_condition" ON "application_judgements" ("application_id", "condition_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "application_clarifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "question" text NOT NULL,
                "asked_by_user_id" uuid,
                "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "response" text,
                "responded_by_user_id" uuid,
                "responded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_application_clarifications" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_application_clarifications_application" ON "application_clarifications" ("application_id", "asked_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "application_lot_decisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "therapy_type_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "reason" text NOT NULL,
                "decided_by_user_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_application_lot_decisions_decision" CHECK (decision IN ('admitted', 'rejected')),
                CONSTRAINT "pk_application_lot_decisions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_lot_decisions_lot" ON "application_lot_decisions" ("application_id", "therapy_type_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "memberships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "framework_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "therapy_type_id" uuid NOT NULL,
                "application_id" uuid,
                "status" text NOT NULL DEFAULT 'active',
                "status_reason" text,
                "status_changed_at" TIMESTAMP WITH TIME ZONE,
                "admitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_memberships_status" CHECK (status IN ('active', 'suspended', 'removed')),
                CONSTRAINT "pk_memberships" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_memberships_provider" ON "memberships" ("provider_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_memberships_lot" ON "memberships" ("framework_id", "therapy_type_id", "status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_memberships_current" ON "memberships" ("framework_id", "provider_id", "therapy_type_id")
            WHERE status <> 'removed'
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "clock_extension_reason" text
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD "decided_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "application_judgements"
            ADD CONSTRAINT "fk_application_judgements_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_judgements"
            ADD CONSTRAINT "fk_application_judgements_condition" FOREIGN KEY ("condition_id") REFERENCES "membership_conditions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_clarifications"
            ADD CONSTRAINT "fk_application_clarifications_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_lot_decisions"
            ADD CONSTRAINT "fk_application_lot_decisions_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_lot_decisions"
            ADD CONSTRAINT "fk_application_lot_decisions_therapy_type" FOREIGN KEY ("therapy_type_id") REFERENCES "therapy_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "fk_memberships_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "fk_memberships_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "fk_memberships_therapy_type" FOREIGN KEY ("therapy_type_id") REFERENCES "therapy_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "fk_memberships_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_application"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_therapy_type"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_lot_decisions" DROP CONSTRAINT "fk_application_lot_decisions_therapy_type"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_lot_decisions" DROP CONSTRAINT "fk_application_lot_decisions_application"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_clarifications" DROP CONSTRAINT "fk_application_clarifications_application"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_judgements" DROP CONSTRAINT "fk_application_judgements_condition"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_judgements" DROP CONSTRAINT "fk_application_judgements_application"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "decided_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP COLUMN "clock_extension_reason"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_memberships_current"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_memberships_lot"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_memberships_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "memberships"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_application_lot_decisions_lot"
        `);
        await queryRunner.query(`
            DROP TABLE "application_lot_decisions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_application_clarifications_application"
        `);
        await queryRunner.query(`
            DROP TABLE "application_clarifications"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_application_judgements_condition"
        `);
        await queryRunner.query(`
            DROP TABLE "application_judgements"
        `);
    }

}
