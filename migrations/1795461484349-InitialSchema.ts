import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795461484349 implements MigrationInterface {
    name = 'InitialSchema1795461484349'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "partnerships" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_partnerships" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "agencies" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "partnership_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_agencies" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_agencies_name" ON "agencies" ("name")
        `);
        await queryRunner.query(`
            CREATE TABLE "areas" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "agency_id" uuid NOT NULL,
                CONSTRAINT "pk_areas" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_areas_agency_name" ON "areas" ("agency_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                "actor_user_id" uuid,
                "actor_email" text,
                "action" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" text,
                "before" jsonb,
                "after" jsonb,
                "request_id" text,
                CONSTRAINT "pk_audit_events" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_actor" ON "audit_events" ("actor_user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_entity" ON "audit_events" ("entity_type", "entity_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_events_occurred_at" ON "audit_events" ("occurred_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sign_in_throttles" (
                "key" text NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_sign_in_throttles" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "therapy_types" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "asgsf_eligible" boolean NOT NULL DEFAULT true,
                "sort_order" integer NOT NULL DEFAULT '0',
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "pk_therapy_types" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_therapy_types_name" ON "therapy_types" ("name")
        `);
        await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_key" text,
                "to_address" text NOT NULL,
                "template" text NOT NULL,
                "subject" text NOT NULL,
                "text_body" text NOT NULL,
                "html_body" text NOT NULL,
                "status" text NOT NULL DEFAULT 'queued',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_error" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_notifications_status" CHECK (status IN ('queued', 'sent', 'failed')),
                CONSTRAINT "pk_notifications" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_event_key" ON "notifications" ("event_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notifications_created_at" ON "notifications" ("created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notifications_due" ON "notifications" ("status", "next_attempt_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "provider_organisations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending_confirmation',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_provider_organisations_status" CHECK (status IN ('pending_confirmation', 'active')),
                CONSTRAINT "pk_provider_organisations" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "full_name" text NOT NULL,
                "password_hash" text,
                "roles" text array NOT NULL,
                "agency_id" uuid,
                "provider_id" uuid,
                "is_provider_admin" boolean NOT NULL DEFAULT false,
                "status" text NOT NULL DEFAULT 'pending',
                "email_confirmed_at" TIMESTAMP WITH TIME ZONE,
                "last_sign_in_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_users_roles" CHECK (
                    roles <@ ARRAY ['provider_user', 'commissioner', 'framework_manager', 'panel_member', 'system_admin']::text []
                    AND cardinality(roles) > 0
                ),
                CONSTRAINT "ck_users_one_organisation" CHECK (
                    agency_id IS NULL
                    OR provider_id IS NULL
                ),
                CONSTRAINT "ck_users_status" CHECK (status IN ('pending', 'active', 'disabled')),
                CONSTRAINT "pk_users" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_users_provider" ON "users" ("provider_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_users_agency" ON "users" ("agency_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_user_tokens_purpose" CHECK (
                    purpose IN (
                        'confirm_registration',
                        'reset_password',
                        'accept_invitation'
                    )
                ),
                CONSTRAINT "pk_user_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_user_tokens_user" ON "user_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_user_tokens_hash" ON "user_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "agencies"
            ADD CONSTRAINT "fk_agencies_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "areas"
            ADD CONSTRAINT "fk_areas_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "fk_users_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "fk_users_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_tokens"
            ADD CONSTRAINT "fk_user_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "user_tokens" DROP CONSTRAINT "fk_user_tokens_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "fk_users_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "fk_users_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "areas" DROP CONSTRAINT "fk_areas_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "agencies" DROP CONSTRAINT "fk_agencies_partnership"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_user_tokens_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_user_tokens_user"
        `);
        await queryRunner.query(`
            DROP TABLE "user_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_users_agency"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_users_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TABLE "provider_organisations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_due"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_created_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_event_key"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_therapy_types_name"
        `);
        await queryRunner.query(`
            DROP TABLE "therapy_types"
        `);
        await queryRunner.query(`
            DROP TABLE "sign_in_throttles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_occurred_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_events_actor"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_areas_agency_name"
        `);
        await queryRunner.query(`
            DROP TABLE "areas"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_agencies_name"
        `);
        await queryRunner.query(`
            DROP TABLE "agencies"
        `);
        await queryRunner.query(`
            DROP TABLE "partnerships"
        `);
    }

}
