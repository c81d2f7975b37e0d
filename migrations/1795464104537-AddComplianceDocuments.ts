import { MigrationInterface, QueryRunner } from "typeorm";

export class AddComplianceDocuments1795464104537 implements MigrationInterface {
    name = 'AddComplianceDocuments1795464104537'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "stored_files" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "content" bytea NOT NULL,
                "media_type" text NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_stored_files" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "compliance_documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "provider_id" uuid NOT NULL,
                "type" text NOT NULL,
                "title" text,
                "cover_amount_pence" bigint,
                "expires_on" date,
                "stored_file_id" uuid NOT NULL,
                "file_name" text NOT NULL,
                "uploaded_by_user_id" uuid,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_compliance_documents_other_title" CHECK (
                    type <> 'other'
                    OR title IS NOT NULL
                ),
                CONSTRAINT "ck_compliance_documents_insurance" CHECK (
                    type NOT IN (
                        'employers_liability',
                        'public_liability',
                        'professional_indemnity'
                    )
                    OR (
                        cover_amount_pence > 0
                        AND expires_on IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_compliance_documents_type" CHECK (
                    type IN (
                        'employers_liability',
                        'public_liability',
                        'professional_indemnity',
                        'safeguarding_policy',
                        'data_protection_policy',
                        'other'
                    )
                ),
                CONSTRAINT "pk_compliance_documents" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_compliance_documents_expires" ON "compliance_documents" ("expires_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_compliance_documents_provider" ON "compliance_documents" ("provider_id", "type", "uploaded_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "compliance_documents"
            ADD CONSTRAINT "fk_compliance_documents_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "compliance_documents"
            ADD CONSTRAINT "fk_compliance_documents_stored_file" FOREIGN KEY ("stored_file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "compliance_documents"
            ADD CONSTRAINT "fk_compliance_documents_uploaded_by" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "compliance_documents" DROP CONSTRAINT "fk_compliance_documents_uploaded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "compliance_documents" DROP CONSTRAINT "fk_compliance_documents_stored_file"
        `);
        await queryRunner.query(`
            ALTER TABLE "compliance_documents" DROP CONSTRAINT "fk_compliance_documents_provider"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_compliance_documents_provider"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_compliance_documents_expires"
        `);
        await queryRunner.query(`
            DROP TABLE "compliance_documents"
        `);
        await queryRunner.query(`
            DROP TABLE "stored_files"
        `);
    }

}
