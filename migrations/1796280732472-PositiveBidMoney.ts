import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A bid's rate and total must be more than £0, in the working copy and in
 * every submitted version: a £0 total makes every other bid's price score 0
 * (BR-8), so the award would be decided on quality alone. The bid form says
 * so first; this is the database's own guard.
 */
export class PositiveBidMoney1796280732472 implements MigrationInterface {
    name = 'PositiveBidMoney1796280732472'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "ck_bids_money"
        `);
        await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "ck_bids_money" CHECK (
                    rate_pence > 0
                    AND total_pence > 0
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "bid_versions"
            ADD CONSTRAINT "ck_bid_versions_money" CHECK (
                    rate_pence > 0
                    AND total_pence > 0
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "bid_versions" DROP CONSTRAINT "ck_bid_versions_money"
        `);
        await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "ck_bids_money"
        `);
        await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "ck_bids_money" CHECK (
                    rate_pence >= 0
                    AND total_pence >= 0
                )
        `);
    }
}
