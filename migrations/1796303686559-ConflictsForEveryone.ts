import { MigrationInterface, QueryRunner } from "typeorm";

export class ConflictsForEveryone1796303686559 implements MigrationInterface {
    name = 'ConflictsForEveryone1796303686559'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP CONSTRAINT "fk_conflict_declarations_member"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_conflict_declarations"
        `);
        await queryRunner.query(`
            CREATE TABLE "conflict_declaration_versions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "declaration_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "conflicted" boolean NOT NULL,
                "nature" text,
                "changed_on" date,
                "reason" text,
                "mitigation" text,
                "recorded_by_user_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_conflict_declaration_versions_amendment" CHECK (
                    version = 1
                    OR (
                        reason IS NOT NULL
                        AND changed_on IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_conflict_declaration_versions_nature" CHECK (
                    NOT conflicted
                    OR nature IS NOT NULL
                ),
                CONSTRAINT "pk_conflict_declaration_versions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_conflict_declaration_versions" ON "conflict_declaration_versions" ("declaration_id", "version")
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members"
            ADD "is_alternate_chair" boolean NOT NULL DEFAULT false
        `);
        // Declarations were a panel member's: each becomes their user's, in the panel member capacity.
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD "user_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD "capacities" text array NOT NULL DEFAULT '{panel_member}'
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" ALTER COLUMN "capacities" DROP DEFAULT
        `);
        await queryRunner.query(`
            UPDATE "conflict_declarations" d SET "user_id" = m."user_id" FROM "panel_members" m WHERE m."id" = d."panel_member_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" ALTER COLUMN "user_id" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP COLUMN "panel_member_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
        await queryRunner.query(`
            UPDATE "conflict_declarations" SET "updated_at" = "declared_at"
        `);
        // Each existing declaration's history starts with itself, as version 1.
        await queryRunner.query(`
            INSERT INTO "conflict_declaration_versions" ("declaration_id", "version", "conflicted", "nature", "recorded_by_user_id", "recorded_at")
            SELECT "id", 1, "conflicted", "nature", "user_id", "declared_at" FROM "conflict_declarations"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_conflict_declarations_user" ON "conflict_declarations" ("user_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_conflict_declarations" ON "conflict_declarations" ("requirement_id", "user_id", "provider_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD CONSTRAINT "fk_conflict_declarations_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declaration_versions"
            ADD CONSTRAINT "fk_conflict_declaration_versions_declaration" FOREIGN KEY ("declaration_id") REFERENCES "conflict_declarations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declaration_versions"
            ADD CONSTRAINT "fk_conflict_declaration_versions_recorded_by" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "conflict_declaration_versions" DROP CONSTRAINT "fk_conflict_declaration_versions_recorded_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declaration_versions" DROP CONSTRAINT "fk_conflict_declaration_versions_declaration"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP CONSTRAINT "fk_conflict_declarations_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_conflict_declarations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_conflict_declarations_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP COLUMN "updated_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP COLUMN "capacities"
        `);
        await queryRunner.query(`
            ALTER TABLE "panel_members" DROP COLUMN "is_alternate_chair"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD "panel_member_id" uuid
        `);
        // Back to panel members' declarations only: anyone else's (commissioners', framework managers') cannot be kept.
        await queryRunner.query(`
            UPDATE "conflict_declarations" d SET "panel_member_id" = m."id" FROM "panel_members" m WHERE m."user_id" = d."user_id"
        `);
        await queryRunner.query(`
            DELETE FROM "conflict_declarations" WHERE "panel_member_id" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" ALTER COLUMN "panel_member_id" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations" DROP COLUMN "user_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_conflict_declaration_versions"
        `);
        await queryRunner.query(`
            DROP TABLE "conflict_declaration_versions"
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_conflict_declarations" ON "conflict_declarations" USING btree (
                "panel_member_id",
                "provider_id",
                "requirement_id"
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_declarations"
            ADD CONSTRAINT "fk_conflict_declarations_member" FOREIGN KEY ("panel_member_id") REFERENCES "panel_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

}
