import { MigrationInterface, QueryRunner } from "typeorm";

export class PriceReviews1796283881653 implements MigrationInterface {
    name = 'PriceReviews1796283881653'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "price_reviews" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "requirement_id" uuid NOT NULL,
                "bid_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "reason" text NOT NULL,
                "reviewed_by_user_id" uuid NOT NULL,
                "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_price_reviews_decision" CHECK (decision IN ('accepted', 'rejected')),
                CONSTRAINT "pk_price_reviews" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_price_reviews_requirement" ON "price_reviews" ("requirement_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_price_reviews_bid" ON "price_reviews" ("bid_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "price_reviews"
            ADD CONSTRAINT "fk_price_reviews_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "price_reviews"
            ADD CONSTRAINT "fk_price_reviews_bid" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "price_reviews"
            ADD CONSTRAINT "fk_price_reviews_reviewed_by" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "price_reviews" DROP CONSTRAINT "fk_price_reviews_reviewed_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "price_reviews" DROP CONSTRAINT "fk_price_reviews_bid"
        `);
        await queryRunner.query(`
            ALTER TABLE "price_reviews" DROP CONSTRAINT "fk_price_reviews_requirement"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_price_reviews_bid"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_price_reviews_requirement"
        `);
        await queryRunner.query(`
            DROP TABLE "price_reviews"
        `);
    }

}
