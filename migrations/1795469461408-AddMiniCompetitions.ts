import { MigrationInterface, QueryRunner } from "typeorm";

export class AddMiniCompetitions1795469461408 implements MigrationInterface {
    name = 'AddMiniCompetitions1795469461408'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "requirements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" text NOT NULL,
                "agency_id" uuid NOT NULL,
                "framework_id" uuid NOT NULL,
                "therapy_type_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                "purchase_type" text NOT NULL,
                "delivery_mode" text NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "age_band" text,
                "presenting_needs" text array NOT NULL DEFAULT '{}',
                "needs_description" text,
                "previous_interventions" text,
                "practitioner_gender" text,
                "language" text,
                "accessibility" text,
                "identifier_overrides" jsonb NOT NULL DEFAULT '[]',
                "session_count" integer,
                "session_minutes" integer,
                "block_volume" integer,
                "block_unit" text,
                "block_period_months" integer,
                "start_by" date,
                "duration_weeks" integer,
                "ceiling_pence" integer,
                "asgsf_pence" integer,
                "top_up_pence" integer,
                "financial_year" integer,
                "needs_assessed_on" date,
                "agency_funded_pence" integer NOT NULL DEFAULT '0',
                "criteria" jsonb NOT NULL DEFAULT '[]',
                "price_weight" integer,
                "scale_max" integer NOT NULL DEFAULT '4',
                "scale_descriptors" jsonb NOT NULL DEFAULT '[]',
                "clarification_deadline" TIMESTAMP WITH TIME ZONE,
                "bid_deadline" TIMESTAMP WITH TIME ZONE,
                "status" text NOT NULL DEFAULT 'draft',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancel_reason" text,
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_requirements_published_complete" CHECK (
                    status = 'draft'
                    OR (
                        bid_deadline IS NOT NULL
                        AND ceiling_pence IS NOT NULL
                        AND published_at IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_requirements_deadlines" CHECK (clarification_deadline < bid_deadline),
                CONSTRAINT "ck_requirements_weights" CHECK (
                    price_weight BETWEEN 0 AND 100
                    AND scale_max BETWEEN 1 AND 10
                ),
                CONSTRAINT "ck_requirements_money" CHECK (
                    ceiling_pence >= 0
                    AND asgsf_pence >= 0
                    AND top_up_pence >= 0
                    AND agency_funded_pence >= 0
                ),
                CONSTRAINT "ck_requirements_delivery_mode" CHECK (
                    delivery_mode IN ('in_person', 'remote', 'either')
                ),
                CONSTRAINT "ck_requirements_purchase_type" CHECK (purchase_type IN ('spot', 'block')),
                CONSTRAINT "ck_requirements_status" CHECK (
                    status IN (
                        'draft',
                        'published',
                        'closed',
                        'evaluating',
                        'awarded',
                        'no_award',
                        'cancelled'
                    )
                ),
                CONSTRAINT "pk_requirements" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirements_lot" ON "requirements" ("framework_id", "therapy_type_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirements_open_deadline" ON "requirements" ("bid_deadline")
            WHERE status = 'published'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirements_agency_status" ON "requirements" ("agency_id", "status", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "requirement_case_details" (
                "requirement_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "child_reference" text NOT NULL,
                "child_name" text NOT NULL,
                "date_of_birth" date NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_requirement_case_details" PRIMARY KEY ("requirement_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirement_case_details_child" ON "requirement_case_details" ("agency_id", "child_reference")
        `);
        await queryRunner.query(`
            CREATE TABLE "bids" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'draft',
                "rate_pence" integer,
                "total_pence" integer,
                "practitioner_ids" uuid array NOT NULL DEFAULT '{}',
                "earliest_start_on" date,
                "answers" jsonb NOT NULL DEFAULT '[]',
                "current_version" integer NOT NULL DEFAULT '0',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "over_ceiling" boolean NOT NULL DEFAULT false,
                "validity_problems" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_bids_money" CHECK (
                    rate_pence >= 0
                    AND total_pence >= 0
                ),
                CONSTRAINT "ck_bids_status" CHECK (
                    status IN (
                        'draft',
                        'submitted',
                        'withdrawn',
                        'successful',
                        'unsuccessful'
                    )
                ),
                CONSTRAINT "pk_bids" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_bids_provider" ON "bids" ("provider_id", "updated_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_bids_requirement_provider" ON "bids" ("requirement_id", "provider_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "bid_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "rate_pence" integer NOT NULL,
                "total_pence" integer NOT NULL,
                "practitioner_ids" uuid array NOT NULL,
                "earliest_start_on" date NOT NULL,
                "answers" jsonb NOT NULL,
                "over_ceiling" boolean NOT NULL,
                "submitted_by_user_id" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "pk_bid_versions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_bid_versions_bid_version" ON "bid_versions" ("bid_id", "version")
        `);
        await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "emails_queued" integer NOT NULL DEFAULT '0',
                "invited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_invitations_reason" CHECK (reason IN ('published', 'joined_later')),
                CONSTRAINT "pk_invitations" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_provider" ON "invitations" ("provider_id", "invited_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_requirement_provider" ON "invitations" ("requirement_id", "provider_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "requirement_clarifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "asked_by_user_id" uuid NOT NULL,
                "question" text NOT NULL,
                "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "answer" text,
                "visibility" text,
                "private_reason" text,
                "answered_by_user_id" uuid,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_requirement_clarifications_private_reason" CHECK (
                    visibility IS DISTINCT
                    FROM 'private'
                        OR private_reason IS NOT NULL
                ),
                CONSTRAINT "ck_requirement_clarifications_visibility" CHECK (
                    visibility IS NULL
                    OR visibility IN ('public', 'private')
                ),
                CONSTRAINT "pk_requirement_clarifications" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirement_clarifications_requirement" ON "requirement_clarifications" ("requirement_id", "asked_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "fair_access_limits" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "applies_from" date NOT NULL,
                "combined_limit_pence" integer,
                "therapy_limit_pence" integer,
                "assessment_limit_pence" integer,
                "description" text NOT NULL DEFAULT '',
                CONSTRAINT "ck_fair_access_limits_amounts" CHECK (
                    combined_limit_pence > 0
                    OR (
                        therapy_limit_pence > 0
                        AND assessment_limit_pence > 0
                    )
                ),
                CONSTRAINT "pk_fair_access_limits" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fair_access_limits_from" ON "fair_access_limits" ("applies_from")
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types"
            ADD "funding_kind" text NOT NULL DEFAULT 'therapy'
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types"
            ADD CONSTRAINT "ck_therapy_types_funding_kind" CHECK (funding_kind IN ('therapy', 'assessment'))
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "fk_requirements_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "fk_requirements_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "fk_requirements_therapy_type" FOREIGN KEY ("therapy_type_id") REFERENCES "therapy_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "fk_requirements_area" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "fk_requirements_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_case_details"
            ADD CONSTRAINT "fk_requirement_case_details_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "fk_bids_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "fk_bids_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "bid_versions"
            ADD CONSTRAINT "fk_bid_versions_bid" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "bid_versions"
            ADD CONSTRAINT "fk_bid_versions_submitted_by" FOREIGN KEY ("submitted_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "fk_invitations_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "fk_invitations_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications"
            ADD CONSTRAINT "fk_requirement_clarifications_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications"
            ADD CONSTRAINT "fk_requirement_clarifications_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications"
            ADD CONSTRAINT "fk_requirement_clarifications_asked_by" FOREIGN KEY ("asked_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications"
            ADD CONSTRAINT "fk_requirement_clarifications_answered_by" FOREIGN KEY ("answered_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`UPDATE "therapy_types" SET "funding_kind" = 'assessment' WHERE "name" = 'Specialist assessment'`);
        // BR-6: the database's own clock decides the deadline. These triggers run
        // at COMMIT, so a bid that commits after the deadline is refused even if
        // its transaction began before it.
        await queryRunner.query(`
            CREATE FUNCTION refuse_bid_change_after_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                target_requirement uuid;
                still_open boolean;
            BEGIN
                IF TG_TABLE_NAME = 'bid_versions' THEN
                    SELECT b.requirement_id INTO target_requirement FROM bids b WHERE b.id = NEW.bid_id;
                ELSE
                    target_requirement := NEW.requirement_id;
                END IF;
                SELECT r.status = 'published' AND clock_timestamp() < r.bid_deadline INTO still_open
                  FROM requirements r WHERE r.id = target_requirement;
                IF still_open IS NOT TRUE THEN
                    RAISE EXCEPTION 'bid_deadline_passed' USING ERRCODE = 'P0001', DETAIL = 'The bid deadline has passed';
                END IF;
                RETURN NULL;
            END $$
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "trg_bid_versions_before_deadline" AFTER INSERT ON "bid_versions"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_bid_change_after_deadline()
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "trg_bids_before_deadline"
            AFTER INSERT OR UPDATE OF "status", "rate_pence", "total_pence", "practitioner_ids", "earliest_start_on", "answers" ON "bids"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status IN ('draft', 'submitted', 'withdrawn'))
            EXECUTE FUNCTION refuse_bid_change_after_deadline()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_bids_before_deadline" ON "bids"`);
        await queryRunner.query(`DROP TRIGGER "trg_bid_versions_before_deadline" ON "bid_versions"`);
        await queryRunner.query(`DROP FUNCTION refuse_bid_change_after_deadline()`);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications" DROP CONSTRAINT "fk_requirement_clarifications_answered_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications" DROP CONSTRAINT "fk_requirement_clarifications_asked_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications" DROP CONSTRAINT "fk_requirement_clarifications_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_clarifications" DROP CONSTRAINT "fk_requirement_clarifications_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "bid_versions" DROP CONSTRAINT "fk_bid_versions_submitted_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "bid_versions" DROP CONSTRAINT "fk_bid_versions_bid"
        `);
        await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "fk_bids_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "fk_bids_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_case_details" DROP CONSTRAINT "fk_requirement_case_details_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "fk_requirements_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "fk_requirements_area"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "fk_requirements_therapy_type"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "fk_requirements_framework"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "fk_requirements_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types" DROP CONSTRAINT "ck_therapy_types_funding_kind"
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types" DROP COLUMN "funding_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fair_access_limits_from"
        `);
        await queryRunner.query(`
            DROP TABLE "fair_access_limits"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirement_clarifications_requirement"
        `);
        await queryRunner.query(`
            DROP TABLE "requirement_clarifications"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_invitations_requirement_provider"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "invitations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_bid_versions_bid_version"
        `);
        await queryRunner.query(`
            DROP TABLE "bid_versions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_bids_requirement_provider"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_bids_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "bids"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirement_case_details_child"
        `);
        await queryRunner.query(`
            DROP TABLE "requirement_case_details"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirements_agency_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirements_open_deadline"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirements_lot"
        `);
        await queryRunner.query(`
            DROP TABLE "requirements"
        `);
    }

}
