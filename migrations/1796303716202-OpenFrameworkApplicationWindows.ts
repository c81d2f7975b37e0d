import { MigrationInterface, QueryRunner } from "typeorm";

export class OpenFrameworkApplicationWindows1796303716202 implements MigrationInterface {
    name = 'OpenFrameworkApplicationWindows1796303716202'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "framework_application_windows" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "framework_id" uuid NOT NULL,
                "opens_on" date NOT NULL,
                "closes_on" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_framework_application_windows_dates" CHECK (closes_on >= opens_on),
                CONSTRAINT "pk_framework_application_windows" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_framework_application_windows_framework" ON "framework_application_windows" ("framework_id", "opens_on")
        `);
        await queryRunner.query(`
            ALTER TABLE "framework_application_windows"
            ADD CONSTRAINT "fk_framework_application_windows_framework" FOREIGN KEY ("framework_id") REFERENCES "frameworks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "framework_application_windows" DROP CONSTRAINT "fk_framework_application_windows_framework"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_framework_application_windows_framework"
        `);
        await queryRunner.query(`
            DROP TABLE "framework_application_windows"
        `);
    }

}
