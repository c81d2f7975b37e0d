import { MigrationInterface, QueryRunner } from "typeorm";

export class AddDeliveryAndQuality1795475454896 implements MigrationInterface {
    name = 'AddDeliveryAndQuality1795475454896'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "session_logs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "contract_id" uuid NOT NULL,
                "delivered_on" date NOT NULL,
                "sessions" integer NOT NULL,
                "recorded_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_session_logs_sessions" CHECK (
                    sessions BETWEEN 1 AND 20
                ),
                CONSTRAINT "pk_session_logs" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_session_logs_contract" ON "session_logs" ("contract_id", "delivered_on")
        `);
        await queryRunner.query(`
            CREATE TABLE "delivery_reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "contract_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "due_on" date NOT NULL,
                "engagement" text NOT NULL,
                "goal_progress" text NOT NULL,
                "summary" text NOT NULL,
                "next_steps" text NOT NULL,
                "safeguarding_concern" boolean NOT NULL,
                "submitted_by_user_id" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_delivery_reports_goals" CHECK (
                    goal_progress IN ('met', 'partly_met', 'not_met')
                ),
                CONSTRAINT "ck_delivery_reports_engagement" CHECK (engagement IN ('good', 'mixed', 'poor')),
                CONSTRAINT "ck_delivery_reports_kind" CHECK (kind IN ('progress', 'end')),
                CONSTRAINT "pk_delivery_reports" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_delivery_reports_end" ON "delivery_reports" ("contract_id")
            WHERE kind = 'end'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_delivery_reports_contract" ON "delivery_reports" ("contract_id", "submitted_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "outcome_measures" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "contract_id" uuid NOT NULL,
                "tool" text NOT NULL,
                "label" text NOT NULL,
                "baseline_score" integer NOT NULL,
                "end_score" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "end_recorded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_outcome_measures_scores" CHECK (
                    baseline_score >= 0
                    AND (
                        end_score IS NULL
                        OR end_score >= 0
                    )
                ),
                CONSTRAINT "pk_outcome_measures" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outcome_measures_contract" ON "outcome_measures" ("contract_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "feedback_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "contract_id" uuid NOT NULL,
                "respondent" text NOT NULL,
                "stage" text NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "sent_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_feedback_requests_stage" CHECK (stage IN ('midpoint', 'end')),
                CONSTRAINT "ck_feedback_requests_respondent" CHECK (
                    respondent IN ('adopter', 'young_person', 'professional')
                ),
                CONSTRAINT "pk_feedback_requests" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_feedback_requests_once" ON "feedback_requests" ("contract_id", "respondent", "stage")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_feedback_requests_token" ON "feedback_requests" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "feedback_responses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "request_id" uuid NOT NULL,
                "contract_id" uuid NOT NULL,
                "respondent" text NOT NULL,
                "helpful" smallint NOT NULL,
                "listened" smallint NOT NULL,
                "better" smallint NOT NULL,
                "comment" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_feedback_responses_ratings" CHECK (
                    helpful BETWEEN 1 AND 5
                    AND listened BETWEEN 1 AND 5
                    AND better BETWEEN 1 AND 5
                ),
                CONSTRAINT "pk_feedback_responses" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_feedback_responses_contract" ON "feedback_responses" ("contract_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_feedback_responses_request" ON "feedback_responses" ("request_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "report_interval_weeks" integer NOT NULL DEFAULT '6'
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "midpoint_feedback" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "ending_kind" text
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "ending_reason" text
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "ending_detail" text
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "ended_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "ck_contracts_ending" CHECK (
                    status NOT IN ('completed', 'ended_early')
                    OR ending_kind IS NOT NULL
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "ck_contracts_ending_kind" CHECK (ending_kind IN ('planned', 'unplanned'))
        `);
        await queryRunner.query(`
            ALTER TABLE "session_logs"
            ADD CONSTRAINT "fk_session_logs_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "session_logs"
            ADD CONSTRAINT "fk_session_logs_recorded_by" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "delivery_reports"
            ADD CONSTRAINT "fk_delivery_reports_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "delivery_reports"
            ADD CONSTRAINT "fk_delivery_reports_submitted_by" FOREIGN KEY ("submitted_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "outcome_measures"
            ADD CONSTRAINT "fk_outcome_measures_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_requests"
            ADD CONSTRAINT "fk_feedback_requests_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_requests"
            ADD CONSTRAINT "fk_feedback_requests_sent_by" FOREIGN KEY ("sent_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_responses"
            ADD CONSTRAINT "fk_feedback_responses_request" FOREIGN KEY ("request_id") REFERENCES "feedback_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_responses"
            ADD CONSTRAINT "fk_feedback_responses_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "feedback_responses" DROP CONSTRAINT "fk_feedback_responses_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_responses" DROP CONSTRAINT "fk_feedback_responses_request"
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_requests" DROP CONSTRAINT "fk_feedback_requests_sent_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "feedback_requests" DROP CONSTRAINT "fk_feedback_requests_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "outcome_measures" DROP CONSTRAINT "fk_outcome_measures_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "delivery_reports" DROP CONSTRAINT "fk_delivery_reports_submitted_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "delivery_reports" DROP CONSTRAINT "fk_delivery_reports_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_logs" DROP CONSTRAINT "fk_session_logs_recorded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "session_logs" DROP CONSTRAINT "fk_session_logs_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "ck_contracts_ending_kind"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "ck_contracts_ending"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "ended_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "ending_detail"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "ending_reason"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "ending_kind"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "midpoint_feedback"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "report_interval_weeks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_feedback_responses_request"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_responses_contract"
        `);
        await queryRunner.query(`
            DROP TABLE "feedback_responses"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_feedback_requests_token"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_feedback_requests_once"
        `);
        await queryRunner.query(`
            DROP TABLE "feedback_requests"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outcome_measures_contract"
        `);
        await queryRunner.query(`
            DROP TABLE "outcome_measures"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_delivery_reports_contract"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_delivery_reports_end"
        `);
        await queryRunner.query(`
            DROP TABLE "delivery_reports"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_session_logs_contract"
        `);
        await queryRunner.query(`
            DROP TABLE "session_logs"
        `);
    }

}
