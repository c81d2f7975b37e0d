import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 22: a published requirement's amendments, each a numbered version
 * with its reason and date, which the database refuses to update (as it does
 * conflict declaration versions) and refuses at commit once the bid deadline
 * it was made under has passed, by clock_timestamp() (as it does bid
 * versions); providers' confirmations that a bid stands
 * after a material amendment; and the files attached to a requirement.
 */
export class AddRequirementAmendmentsAndDocuments1796394058750 implements MigrationInterface {
    name = 'AddRequirementAmendmentsAndDocuments1796394058750'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "requirement_amendments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "reason" text NOT NULL,
                "addendum" text,
                "before" jsonb NOT NULL DEFAULT '{}',
                "after" jsonb NOT NULL DEFAULT '{}',
                "material" boolean NOT NULL,
                "document_name" text,
                "deadline_before" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "pk_requirement_amendments" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_requirement_amendments_number" ON "requirement_amendments" ("requirement_id", "number")
        `);
        await queryRunner.query(`
            CREATE TABLE "amendment_confirmations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "amendment_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "confirmed_by_user_id" uuid NOT NULL,
                "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "pk_amendment_confirmations" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_amendment_confirmations" ON "amendment_confirmations" ("amendment_id", "provider_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "requirement_documents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "stored_file_id" uuid NOT NULL,
                "file_name" text NOT NULL,
                "uploaded_by_user_id" uuid NOT NULL,
                "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_requirement_documents_kind" CHECK (
                    kind IN ('specification', 'assessment_extract', 'other')
                ),
                CONSTRAINT "pk_requirement_documents" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirement_documents_requirement" ON "requirement_documents" ("requirement_id", "uploaded_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_amendments"
            ADD CONSTRAINT "fk_requirement_amendments_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_amendments"
            ADD CONSTRAINT "fk_requirement_amendments_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "amendment_confirmations"
            ADD CONSTRAINT "fk_amendment_confirmations_amendment" FOREIGN KEY ("amendment_id") REFERENCES "requirement_amendments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "amendment_confirmations"
            ADD CONSTRAINT "fk_amendment_confirmations_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "amendment_confirmations"
            ADD CONSTRAINT "fk_amendment_confirmations_confirmed_by" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_documents"
            ADD CONSTRAINT "fk_requirement_documents_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_documents"
            ADD CONSTRAINT "fk_requirement_documents_stored_file" FOREIGN KEY ("stored_file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_documents"
            ADD CONSTRAINT "fk_requirement_documents_uploaded_by" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE FUNCTION requirement_amendments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'requirement_amendments keeps every version: % is not allowed; make a new amendment instead', TG_OP USING ERRCODE = 'insufficient_privilege';
            END;
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "trg_requirement_amendments_never_change"
            BEFORE UPDATE ON "requirement_amendments"
            FOR EACH ROW EXECUTE FUNCTION requirement_amendments_refuse_change()
        `);
        await queryRunner.query(`
            CREATE FUNCTION refuse_amendment_after_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF clock_timestamp() >= NEW.deadline_before THEN
                    RAISE EXCEPTION 'amendment_deadline_passed' USING ERRCODE = 'P0001', DETAIL = 'The bid deadline has passed';
                END IF;
                RETURN NULL;
            END $$
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "trg_requirement_amendments_before_deadline" AFTER INSERT ON "requirement_amendments"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_amendment_after_deadline()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_requirement_amendments_before_deadline" ON "requirement_amendments"`);
        await queryRunner.query(`DROP FUNCTION refuse_amendment_after_deadline()`);
        await queryRunner.query(`DROP TRIGGER "trg_requirement_amendments_never_change" ON "requirement_amendments"`);
        await queryRunner.query(`DROP FUNCTION requirement_amendments_refuse_change()`);
        await queryRunner.query(`
            ALTER TABLE "requirement_documents" DROP CONSTRAINT "fk_requirement_documents_uploaded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_documents" DROP CONSTRAINT "fk_requirement_documents_stored_file"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_documents" DROP CONSTRAINT "fk_requirement_documents_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "amendment_confirmations" DROP CONSTRAINT "fk_amendment_confirmations_confirmed_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "amendment_confirmations" DROP CONSTRAINT "fk_amendment_confirmations_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "amendment_confirmations" DROP CONSTRAINT "fk_amendment_confirmations_amendment"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_amendments" DROP CONSTRAINT "fk_requirement_amendments_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_amendments" DROP CONSTRAINT "fk_requirement_amendments_requirement"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirement_documents_requirement"
        `);
        await queryRunner.query(`
            DROP TABLE "requirement_documents"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_amendment_confirmations"
        `);
        await queryRunner.query(`
            DROP TABLE "amendment_confirmations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_requirement_amendments_number"
        `);
        await queryRunner.query(`
            DROP TABLE "requirement_amendments"
        `);
    }

}
