import { MigrationInterface, QueryRunner } from "typeorm";

export class AddPanelScoring1795471185389 implements MigrationInterface {
    name = 'AddPanelScoring1795471185389'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "panel_members" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "partnership_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "profession" text NOT NULL,
                "is_chair" boolean NOT NULL DEFAULT false,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_panel_members_profession" CHECK (
                    profession IN (
                        'clinical_psychologist',
                        'educational_psychologist',
                        'social_work_manager',
                        'other'
                    )
                ),
                CONSTRAINT "pk_panel_members" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_panel_members_partnership" ON "panel_members" ("partnership_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_panel_members_user" ON "panel_members" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "conflict_declarations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "panel_member_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "conflicted" boolean NOT NULL,
                "nature" text,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_conflict_declarations_nature" CHECK (
                    NOT conflicted
                    OR nature IS NOT NULL
                ),
                CONSTRAINT "pk_conflict_declarations" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_conflict_declarations" ON "conflict_declarations" (
                "requirement_id",
                "panel_member_id",
                "provider_id"
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "panel_scores" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "bid_id" uuid NOT NULL,
                "panel_member_id" uuid NOT NULL,
                "criterion_index" integer NOT NULL,
                "score" integer NOT NULL,
                "comment" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_panel_scores_score" CHECK (
                    score >= 0
                    AND criterion_index >= 0
                ),
                CONSTRAINT "pk_panel_scores" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_panel_scores_requirement" ON "panel_scores" ("requirement_id", "panel_member_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_panel_scores" ON "panel_scores" ("bid_id", "panel_member_id", "criterion_index")
        `);
        await queryRunner.query(`
            CREATE TABLE "score_submissions" (
                "requirement_id" uuid NOT NULL,
                "panel_member_id" uuid NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_score_submissions" PRIMARY KEY ("requirement_id", "panel_member_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "moderated_scores" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "bid_id" uuid NOT NULL,
                "criterion_index" integer NOT NULL,
                "score" integer NOT NULL,
                "rationale" text NOT NULL,
                "moderated_by_user_id" uuid NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_moderated_scores_score" CHECK (
                    score >= 0
                    AND criterion_index >= 0
                ),
                CONSTRAINT "pk_moderated_scores" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_moderated_scores" ON "moderated_scores" ("bid_id", "criterion_index")
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members"
            ADD CONSTRAINT "fk_panel_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members"
            ADD CONSTRAINT "fk_panel_members_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members"
            ADD CONSTRAINT "fk_panel_members_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD CONSTRAINT "fk_conflict_declarations_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD CONSTRAINT "fk_conflict_declarations_member" FOREIGN KEY ("panel_member_id") REFERENCES "panel_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD CONSTRAINT "fk_conflict_declarations_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_scores"
            ADD CONSTRAINT "fk_panel_scores_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_scores"
            ADD CONSTRAINT "fk_panel_scores_bid" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_scores"
            ADD CONSTRAINT "fk_panel_scores_member" FOREIGN KEY ("panel_member_id") REFERENCES "panel_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "score_submissions"
            ADD CONSTRAINT "fk_score_submissions_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "score_submissions"
            ADD CONSTRAINT "fk_score_submissions_member" FOREIGN KEY ("panel_member_id") REFERENCES "panel_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "moderated_scores"
            ADD CONSTRAINT "fk_moderated_scores_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "moderated_scores"
            ADD CONSTRAINT "fk_moderated_scores_bid" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "moderated_scores"
            ADD CONSTRAINT "fk_moderated_scores_moderated_by" FOREIGN KEY ("moderated_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "moderated_scores" DROP CONSTRAINT "fk_moderated_scores_moderated_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "moderated_scores" DROP CONSTRAINT "fk_moderated_scores_bid"
        `);
        await queryRunner.query(`
            ALTER TABLE "moderated_scores" DROP CONSTRAINT "fk_moderated_scores_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "score_submissions" DROP CONSTRAINT "fk_score_submissions_member"
        `);
        await queryRunner.query(`
            ALTER TABLE "score_submissions" DROP CONSTRAINT "fk_score_submissions_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_scores" DROP CONSTRAINT "fk_panel_scores_member"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_scores" DROP CONSTRAINT "fk_panel_scores_bid"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_scores" DROP CONSTRAINT "fk_panel_scores_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP CONSTRAINT "fk_conflict_declarations_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP CONSTRAINT "fk_conflict_declarations_member"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP CONSTRAINT "fk_conflict_declarations_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members" DROP CONSTRAINT "fk_panel_members_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_moderated_scores"
        `);
        await queryRunner.query(`
            DROP TABLE "moderated_scores"
        `);
        await queryRunner.query(`
            DROP TABLE "score_submissions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_panel_scores"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_panel_scores_requirement"
        `);
        await queryRunner.query(`
            DROP TABLE "panel_scores"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_conflict_declarations"
        `);
        await queryRunner.query(`
            DROP TABLE "conflict_declarations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_panel_members_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_panel_members_partnership"
        `);
        await queryRunner.query(`
            DROP TABLE "panel_members"
        `);
    }

}
