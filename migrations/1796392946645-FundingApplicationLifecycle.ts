import { MigrationInterface, QueryRunner } from "typeorm";

export class FundingApplicationLifecycle1796392946645 implements MigrationInterface {
    name = 'FundingApplicationLifecycle1796392946645'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_funding_records_child"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "partnership_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "partnership_child_reference" text
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "therapy_pence" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "assessment_pence" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "starts_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "ends_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "approved_pence" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "claimed_pence" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "decided_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "claimed_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "closed_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "legal_order" text
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "previously_looked_after" boolean
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "lives_in_england" boolean
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD "ehc_plan" boolean
        `);
        // Existing records: the partnership is the agency's, the child's partnership reference starts as the agency's case reference,
        // the one amount becomes the line of the lot's kind, and an approved record's approval is what it asked within the limit.
        await queryRunner.query(`
            UPDATE "funding_records" f
               SET "partnership_id" = ag.partnership_id,
                   "partnership_child_reference" = f.child_reference,
                   "therapy_pence" = CASE WHEN t.funding_kind = 'assessment' THEN 0 ELSE f.asgsf_pence END,
                   "assessment_pence" = CASE WHEN t.funding_kind = 'assessment' THEN f.asgsf_pence ELSE 0 END,
                   "approved_pence" = CASE WHEN f.status = 'approved' THEN f.asgsf_pence - f.excess_pence END
              FROM agencies ag, contracts c, requirements r, therapy_types t
             WHERE ag.id = f.agency_id AND c.id = f.contract_id AND r.id = c.requirement_id AND t.id = r.therapy_type_id
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" ALTER COLUMN "partnership_id" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" ALTER COLUMN "partnership_child_reference" SET NOT NULL
        `);
        // The old statuses map onto the lifecycle: applied was submitted to the fund, refused is declined.
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_status"
        `);
        await queryRunner.query(`
            UPDATE "funding_records" SET "status" = CASE "status" WHEN 'applied' THEN 'submitted' WHEN 'refused' THEN 'declined' ELSE "status" END
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_status" CHECK (
                    status IN ('drafted', 'submitted', 'approved', 'partly_approved', 'declined', 'claimed', 'closed')
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ALTER COLUMN "asgsf_reference" DROP NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ALTER COLUMN "applied_on" DROP NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ALTER COLUMN "status"
            SET DEFAULT 'drafted'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_funding_records_partnership_child" ON "funding_records" (
                "partnership_id",
                "partnership_child_reference",
                "financial_year"
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_legal_order" CHECK (
                    legal_order IN (
                        'adopted',
                        'placed_for_adoption',
                        'special_guardianship_order',
                        'child_arrangements_order',
                        'none'
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_submitted" CHECK (
                    status = 'drafted'
                    OR (
                        asgsf_reference IS NOT NULL
                        AND applied_on IS NOT NULL
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_claim" CHECK (
                    claimed_pence IS NULL
                    OR claimed_pence BETWEEN 0 AND approved_pence
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_decision" CHECK (
                    approved_pence IS NULL
                    OR approved_pence BETWEEN 0 AND asgsf_pence
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_lines" CHECK (
                    therapy_pence >= 0
                    AND assessment_pence >= 0
                    AND asgsf_pence = therapy_pence + assessment_pence
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "fk_funding_records_partnership" FOREIGN KEY ("partnership_id") REFERENCES "partnerships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "fk_funding_records_partnership"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_lines"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_decision"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_claim"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_submitted"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_legal_order"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_funding_records_partnership_child"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ALTER COLUMN "status"
            SET DEFAULT 'applied'
        `);
        // Back to the three statuses; a draft had no reference or date, so it takes blanks the old columns can hold.
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "ck_funding_records_status"
        `);
        await queryRunner.query(`
            UPDATE "funding_records"
               SET "status" = CASE WHEN "status" IN ('drafted', 'submitted') THEN 'applied' WHEN "status" = 'declined' THEN 'refused' ELSE 'approved' END,
                   "asgsf_reference" = coalesce("asgsf_reference", ''),
                   "applied_on" = coalesce("applied_on", "created_at"::date)
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "ck_funding_records_status" CHECK (status IN ('applied', 'approved', 'refused'))
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ALTER COLUMN "applied_on"
            SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ALTER COLUMN "asgsf_reference"
            SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "ehc_plan"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "lives_in_england"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "previously_looked_after"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "legal_order"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "closed_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "claimed_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "decided_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "claimed_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "approved_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "ends_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "starts_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "assessment_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "therapy_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "partnership_child_reference"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP COLUMN "partnership_id"
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_funding_records_child" ON "funding_records" USING btree ("agency_id", "child_reference", "financial_year")
        `);
    }

}
