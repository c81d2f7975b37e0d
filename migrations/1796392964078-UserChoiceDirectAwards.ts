import { MigrationInterface, QueryRunner } from "typeorm";

export class UserChoiceDirectAwards1796392964078 implements MigrationInterface {
    name = 'UserChoiceDirectAwards1796392964078'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "user_choice_awards" (
                "award_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "preference" text NOT NULL,
                "reasons" text NOT NULL,
                "legal_ground" text NOT NULL,
                "value_pence" integer NOT NULL,
                "recorded_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_user_choice_awards" PRIMARY KEY ("award_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_user_choice_awards_provider" ON "user_choice_awards" ("provider_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD "direct_award" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "method" text NOT NULL DEFAULT 'competition'
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_meeting"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ALTER COLUMN "meeting_id" DROP NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "ck_awards_method" CHECK (method IN ('competition', 'user_choice'))
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "fk_awards_meeting" FOREIGN KEY ("meeting_id") REFERENCES "panel_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_choice_awards"
            ADD CONSTRAINT "fk_user_choice_awards_award" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_choice_awards"
            ADD CONSTRAINT "fk_user_choice_awards_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_choice_awards"
            ADD CONSTRAINT "fk_user_choice_awards_recorded_by" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // TypeORM does not see a changed CHECK expression, so these are written out (issue 22).
        await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "ck_awards_outcome"`);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "ck_awards_outcome" CHECK (outcome IN ('awarded', 'no_award') AND CASE WHEN method = 'user_choice' THEN outcome = 'awarded' AND bid_id IS NULL AND meeting_id IS NULL ELSE (outcome = 'no_award') = (bid_id IS NULL) AND meeting_id IS NOT NULL END)
        `);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_type"`);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "ck_notices_type" CHECK (type IN ('transparency_notice', 'contract_award_notice', 'contract_details_notice', 'below_threshold_contract_details_notice', 'pcr_contract_award_notice', 'contracts_finder_notice'))
        `);
        await queryRunner.query(`ALTER TABLE "requirements" DROP CONSTRAINT "ck_requirements_published_complete"`);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "ck_requirements_published_complete" CHECK (status = 'draft' OR direct_award OR (bid_deadline IS NOT NULL AND ceiling_pence IS NOT NULL AND published_at IS NOT NULL))
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Only a database with no direct awards can go back: the old constraints cannot hold them.
        await queryRunner.query(`ALTER TABLE "requirements" DROP CONSTRAINT "ck_requirements_published_complete"`);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "ck_requirements_published_complete" CHECK (status = 'draft' OR (bid_deadline IS NOT NULL AND ceiling_pence IS NOT NULL AND published_at IS NOT NULL))
        `);
        await queryRunner.query(`ALTER TABLE "notices" DROP CONSTRAINT "ck_notices_type"`);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "ck_notices_type" CHECK (type IN ('contract_award_notice', 'contract_details_notice', 'below_threshold_contract_details_notice', 'pcr_contract_award_notice', 'contracts_finder_notice'))
        `);
        await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "ck_awards_outcome"`);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "ck_awards_outcome" CHECK (outcome IN ('awarded', 'no_award') AND (outcome = 'no_award') = (bid_id IS NULL))
        `);
        await queryRunner.query(`
            ALTER TABLE "user_choice_awards" DROP CONSTRAINT "fk_user_choice_awards_recorded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_choice_awards" DROP CONSTRAINT "fk_user_choice_awards_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_choice_awards" DROP CONSTRAINT "fk_user_choice_awards_award"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_meeting"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "ck_awards_method"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ALTER COLUMN "meeting_id"
            SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "fk_awards_meeting" FOREIGN KEY ("meeting_id") REFERENCES "panel_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "method"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP COLUMN "direct_award"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_user_choice_awards_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "user_choice_awards"
        `);
    }

}
