import { MigrationInterface, QueryRunner } from "typeorm";

export class AddMeetingsAndAwards1795471969511 implements MigrationInterface {
    name = 'AddMeetingsAndAwards1795471969511'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "panel_meetings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "meeting_date" date NOT NULL,
                "chair_member_id" uuid NOT NULL,
                "attendee_member_ids" uuid array NOT NULL DEFAULT '{}',
                "minutes" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_panel_meetings" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_panel_meetings_partnership" ON "panel_meetings" ("partnership_id", "meeting_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "learning_log_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "meeting_id" uuid NOT NULL,
                "theme" text NOT NULL,
                "learned" text NOT NULL,
                "action" text NOT NULL,
                "owner" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_learning_log_entries" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_learning_log_entries_meeting" ON "learning_log_entries" ("meeting_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "awards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "meeting_id" uuid NOT NULL,
                "outcome" text NOT NULL,
                "bid_id" uuid,
                "rationale" text NOT NULL,
                "status" text NOT NULL,
                "standstill_ends_on" date,
                "value_pence" integer,
                "decided_by_user_id" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "withdrawn_reason" text,
                CONSTRAINT "ck_awards_status" CHECK (
                    status IN ('standstill', 'confirmed', 'withdrawn')
                ),
                CONSTRAINT "ck_awards_outcome" CHECK (
                    outcome IN ('awarded', 'no_award')
                    AND (outcome = 'no_award') = (bid_id IS NULL)
                ),
                CONSTRAINT "pk_awards" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_awards_requirement_live" ON "awards" ("requirement_id")
            WHERE status <> 'withdrawn'
        `);
        await queryRunner.query(`
            ALTER TABLE "partnerships"
            ADD "panel_quorum" jsonb NOT NULL DEFAULT '{"minimumMembers":3,"minimumAgencies":2,"requiredGroups":[{"label":"a psychologist","professions":["clinical_psychologist","educational_psychologist"]},{"label":"a social work manager","professions":["social_work_manager"]}]}'
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_meetings"
            ADD CONSTRAINT "fk_panel_meetings_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_meetings"
            ADD CONSTRAINT "fk_panel_meetings_chair" FOREIGN KEY ("chair_member_id") REFERENCES "panel_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "learning_log_entries"
            ADD CONSTRAINT "fk_learning_log_entries_meeting" FOREIGN KEY ("meeting_id") REFERENCES "panel_meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "fk_awards_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "fk_awards_meeting" FOREIGN KEY ("meeting_id") REFERENCES "panel_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "fk_awards_bid" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "fk_awards_decided_by" FOREIGN KEY ("decided_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_decided_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_bid"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_meeting"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "fk_awards_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "learning_log_entries" DROP CONSTRAINT "fk_learning_log_entries_meeting"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_meetings" DROP CONSTRAINT "fk_panel_meetings_chair"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_meetings" DROP CONSTRAINT "fk_panel_meetings_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "partnerships" DROP COLUMN "panel_quorum"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_awards_requirement_live"
        `);
        await queryRunner.query(`
            DROP TABLE "awards"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_learning_log_entries_meeting"
        `);
        await queryRunner.query(`
            DROP TABLE "learning_log_entries"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_panel_meetings_partnership"
        `);
        await queryRunner.query(`
            DROP TABLE "panel_meetings"
        `);
    }

}
