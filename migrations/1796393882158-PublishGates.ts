import { MigrationInterface, QueryRunner } from "typeorm";

export class PublishGates1796393882158 implements MigrationInterface {
    name = 'PublishGates1796393882158'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "requirement_approval_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "comments" text,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_requirement_approval_events_comments" CHECK (
                    kind <> 'returned'
                    OR comments IS NOT NULL
                ),
                CONSTRAINT "ck_requirement_approval_events_kind" CHECK (kind IN ('requested', 'approved', 'returned')),
                CONSTRAINT "pk_requirement_approval_events" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_requirement_approval_events_requirement" ON "requirement_approval_events" ("requirement_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "panel_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "excess_pence" integer NOT NULL DEFAULT '0',
                "status" text NOT NULL DEFAULT 'pending',
                "requested_by_user_id" uuid NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "meeting_id" uuid,
                "rationale" text,
                "decided_by_user_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_panel_requests_decided" CHECK (
                    status = 'pending'
                    OR (
                        meeting_id IS NOT NULL
                        AND rationale IS NOT NULL
                        AND decided_at IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_panel_requests_excess" CHECK (excess_pence >= 0),
                CONSTRAINT "ck_panel_requests_status" CHECK (
                    status IN ('pending', 'approved', 'declined', 'deferred')
                ),
                CONSTRAINT "ck_panel_requests_kind" CHECK (kind IN ('block_purchase', 'excess_funding')),
                CONSTRAINT "pk_panel_requests" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_panel_requests_requirement" ON "panel_requests" ("requirement_id", "requested_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_panel_requests_partnership_status" ON "panel_requests" ("partnership_id", "status")
        `);
        await queryRunner.query(`
            ALTER TABLE "agencies"
            ADD "publish_approval_required" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_approval_events"
            ADD CONSTRAINT "fk_requirement_approval_events_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_approval_events"
            ADD CONSTRAINT "fk_requirement_approval_events_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests"
            ADD CONSTRAINT "fk_panel_requests_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests"
            ADD CONSTRAINT "fk_panel_requests_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests"
            ADD CONSTRAINT "fk_panel_requests_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests"
            ADD CONSTRAINT "fk_panel_requests_requested_by" FOREIGN KEY ("requested_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests"
            ADD CONSTRAINT "fk_panel_requests_meeting" FOREIGN KEY ("meeting_id") REFERENCES "panel_meetings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests"
            ADD CONSTRAINT "fk_panel_requests_decided_by" FOREIGN KEY ("decided_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "panel_requests" DROP CONSTRAINT "fk_panel_requests_decided_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests" DROP CONSTRAINT "fk_panel_requests_meeting"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests" DROP CONSTRAINT "fk_panel_requests_requested_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests" DROP CONSTRAINT "fk_panel_requests_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests" DROP CONSTRAINT "fk_panel_requests_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_requests" DROP CONSTRAINT "fk_panel_requests_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_approval_events" DROP CONSTRAINT "fk_requirement_approval_events_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirement_approval_events" DROP CONSTRAINT "fk_requirement_approval_events_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "agencies" DROP COLUMN "publish_approval_required"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_panel_requests_partnership_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_panel_requests_requirement"
        `);
        await queryRunner.query(`
            DROP TABLE "panel_requests"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_requirement_approval_events_requirement"
        `);
        await queryRunner.query(`
            DROP TABLE "requirement_approval_events"
        `);
    }

}
