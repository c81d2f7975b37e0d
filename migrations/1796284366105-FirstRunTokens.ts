import { MigrationInterface, QueryRunner } from "typeorm";

export class FirstRunTokens1796284366105 implements MigrationInterface {
    name = 'FirstRunTokens1796284366105'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "first_run_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_first_run_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_first_run_tokens_hash" ON "first_run_tokens" ("token_hash")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."uq_first_run_tokens_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "first_run_tokens"
        `);
    }

}
