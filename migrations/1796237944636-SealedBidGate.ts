import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * BR-6 enforced by the database: the one view through which bid content and
 * bidders' identities are read (src/bids/sealed-bid-gate.ts). A row appears
 * only once the database's clock passes the requirement's bid deadline,
 * whatever the requirement's status, and it carries the latest submitted
 * version, never the working copy. A plain view, not security_barrier:
 * only the application queries it, and the planner must be free to join
 * through it by index at national scale.
 * Emails about a sealed bid are withheld from the admin outbox list until
 * the deadline.
 */
export class SealedBidGate1796237944636 implements MigrationInterface {
    name = 'SealedBidGate1796237944636'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE VIEW "opened_bids" AS
            SELECT b.id AS bid_id, b.requirement_id, b.provider_id, b.status, b.validity_problems,
                   v.version, v.rate_pence, v.total_pence, v.practitioner_ids, v.earliest_start_on, v.answers, v.over_ceiling, v.submitted_at
              FROM bids b
              JOIN requirements r ON r.id = b.requirement_id
              JOIN bid_versions v ON v.bid_id = b.id AND v.version = b.current_version
             WHERE r.bid_deadline <= now()
               AND b.status IN ('submitted', 'successful', 'unsuccessful')
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "withheld_until" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "withheld_until"
        `);
        await queryRunner.query(`
            DROP VIEW "opened_bids"
        `);
    }
}
