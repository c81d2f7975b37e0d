import { MigrationInterface, QueryRunner } from "typeorm";

export class AddApplications1795464373632 implements MigrationInterface {
    name = 'AddApplications1795464373632'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "applications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "provider_id" uuid NOT NULL,
                "framework_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "lot_therapy_type_ids" uuid array NOT NULL DEFAULT '{}',
                "practitioner_ids" uuid array NOT NULL DEFAULT '{}',
                "document_ids" uuid array NOT NULL DEFAULT '{}',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "decision_due_on" date,
                "snapshot" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_applications_status" CHECK (
                    status IN (
                        'draft',
                        'submitted',
                        'under_evaluation',
                        'clarification_requested',
                        'decided'
                    )
                ),
                CONSTRAINT "pk_applications" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_applications_one_open" ON "applications" ("provider_id", "framework_id")
            WHERE status <> 'decided'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_applications_provider" ON "applications" ("provider_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_applications_framework_status" ON "applications" ("framework_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "application_answers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "application_id" uuid NOT NULL,
                "condition_id" uuid NOT NULL,
                "value" text,
                "document_id" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_application_answers" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_application_answers_condition" ON "application_answers" ("application_id", "condition_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "bank_holidays" (
                "date" date NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "pk_bank_holidays" PRIMARY KEY ("date")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "fk_applications_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "applications"
            ADD CONSTRAINT "fk_applications_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_answers"
            ADD CONSTRAINT "fk_application_answers_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_answers"
            ADD CONSTRAINT "fk_application_answers_condition" FOREIGN KEY ("condition_id") REFERENCES "membership_conditions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "application_answers"
            ADD CONSTRAINT "fk_application_answers_document" FOREIGN KEY ("document_id") REFERENCES "compliance_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "application_answers" DROP CONSTRAINT "fk_application_answers_document"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_answers" DROP CONSTRAINT "fk_application_answers_condition"
        `);
        await queryRunner.query(`
            ALTER TABLE "application_answers" DROP CONSTRAINT "fk_application_answers_application"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "applications" DROP CONSTRAINT "fk_applications_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "bank_holidays"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_application_answers_condition"
        `);
        await queryRunner.query(`
            DROP TABLE "application_answers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_applications_framework_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_applications_provider"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_applications_one_open"
        `);
        await queryRunner.query(`
            DROP TABLE "applications"
        `);
    }

}
