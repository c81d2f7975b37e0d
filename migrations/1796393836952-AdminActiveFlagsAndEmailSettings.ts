import { MigrationInterface, QueryRunner } from "typeorm";

export class AdminActiveFlagsAndEmailSettings1796393836952 implements MigrationInterface {
    name = 'AdminActiveFlagsAndEmailSettings1796393836952'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "email_settings" (
                "id" smallint NOT NULL DEFAULT '1',
                "mail_from" text,
                "feedback_email" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_email_settings_single_row" CHECK (id = 1),
                CONSTRAINT "pk_email_settings" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "partnerships"
            ADD "active" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "agencies"
            ADD "active" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "areas"
            ADD "active" boolean NOT NULL DEFAULT true
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "areas" DROP COLUMN "active"
        `);
        await queryRunner.query(`
            ALTER TABLE "agencies" DROP COLUMN "active"
        `);
        await queryRunner.query(`
            ALTER TABLE "partnerships" DROP COLUMN "active"
        `);
        await queryRunner.query(`
            DROP TABLE "email_settings"
        `);
    }

}
