import { MigrationInterface, QueryRunner } from "typeorm";

export class TwoFactorSignIn1795484030383 implements MigrationInterface {
    name = 'TwoFactorSignIn1795484030383'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "recovery_codes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "code_hash" text NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_recovery_codes" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_recovery_codes_user_hash" ON "recovery_codes" ("user_id", "code_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "totp_secret" text
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "totp_enabled_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "totp_last_step" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "recovery_codes"
            ADD CONSTRAINT "fk_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "recovery_codes" DROP CONSTRAINT "fk_recovery_codes_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "totp_last_step"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "totp_enabled_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "totp_secret"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_recovery_codes_user_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "recovery_codes"
        `);
    }

}
