import { MigrationInterface, QueryRunner } from "typeorm";

export class ContractLegalFactsAndNotices1796304142658 implements MigrationInterface {
    name = 'ContractLegalFactsAndNotices1796304142658'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" text NOT NULL,
                "requirement_id" uuid NOT NULL,
                "award_id" uuid NOT NULL,
                "contract_id" uuid,
                "agency_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "value_pence" integer NOT NULL,
                "value_including_vat_pence" integer NOT NULL,
                "due_on" date,
                "published_on" date,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "published_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_notices_published" CHECK ((published_on IS NULL) = (published_at IS NULL)),
                CONSTRAINT "ck_notices_type" CHECK (
                    type IN (
                        'contract_award_notice',
                        'contract_details_notice',
                        'below_threshold_contract_details_notice',
                        'pcr_contract_award_notice',
                        'contracts_finder_notice'
                    )
                ),
                CONSTRAINT "pk_notices" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notices_agency_due" ON "notices" ("agency_id", "published_on", "due_on")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notices_award_type" ON "notices" ("award_id", "type")
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types"
            ADD "light_touch" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types"
            ADD "cpv_code" text NOT NULL DEFAULT '85121270'
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD "vat_treatment" text NOT NULL DEFAULT 'exempt'
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "standstill_kind" text NOT NULL DEFAULT 'none'
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "standstill_working_days" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "value_including_vat_pence" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "light_touch" boolean
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "above_threshold" boolean
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD "threshold_pence" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "vat_treatment" text NOT NULL DEFAULT 'exempt'
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "value_including_vat_pence" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "light_touch" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD "above_threshold" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements"
            ADD CONSTRAINT "ck_requirements_vat_treatment" CHECK (vat_treatment IN ('exempt', 'standard'))
        `);
        await queryRunner.query(`
            ALTER TABLE "awards"
            ADD CONSTRAINT "ck_awards_standstill_kind" CHECK (
                    standstill_kind IN ('none', 'mandatory', 'voluntary')
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "ck_contracts_vat_treatment" CHECK (vat_treatment IN ('exempt', 'standard'))
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "fk_notices_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "fk_notices_award" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "fk_notices_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "fk_notices_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "fk_notices_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "fk_notices_published_by" FOREIGN KEY ("published_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // An award may now wait for its contract award notice (PA 2023 s.50).
        await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "ck_awards_status"`);
        await queryRunner.query(`ALTER TABLE "awards" ADD CONSTRAINT "ck_awards_status" CHECK (status IN ('awaiting_notice', 'standstill', 'confirmed', 'withdrawn'))`);
        // standstill_ends_on is now the standstill's last day (the contract follows the day after), so awards in standstill keep the day they are confirmed.
        await queryRunner.query(`UPDATE "awards" SET "standstill_ends_on" = "standstill_ends_on" - 1 WHERE "status" = 'standstill' AND "standstill_ends_on" IS NOT NULL`);
        // Contracts so far were VAT exempt (the default), so their value with VAT is their value.
        await queryRunner.query(`UPDATE "contracts" SET "value_including_vat_pence" = "value_pence"`);
        // The 8 working days forced on Procurement Act routes was the framework's, not the law's: the contract now decides (BR-11).
        await queryRunner.query(`UPDATE "frameworks" SET "standstill_days" = 0 WHERE "route" IN ('dynamic_market', 'open_framework') AND "standstill_days" = 8`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "frameworks" SET "standstill_days" = 8 WHERE "route" IN ('dynamic_market', 'open_framework') AND "standstill_days" = 0`);
        await queryRunner.query(`UPDATE "awards" SET "standstill_ends_on" = "standstill_ends_on" + 1 WHERE "status" = 'standstill' AND "standstill_ends_on" IS NOT NULL`);
        // An award still waiting for its notice goes back to the old reading: decided, and final.
        await queryRunner.query(`UPDATE "awards" SET "status" = 'confirmed' WHERE "status" = 'awaiting_notice'`);
        await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "ck_awards_status"`);
        await queryRunner.query(`ALTER TABLE "awards" ADD CONSTRAINT "ck_awards_status" CHECK (status IN ('standstill', 'confirmed', 'withdrawn'))`);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_published_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_award"
        `);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "fk_notices_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "ck_contracts_vat_treatment"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP CONSTRAINT "ck_awards_standstill_kind"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP CONSTRAINT "ck_requirements_vat_treatment"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "above_threshold"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "light_touch"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "value_including_vat_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP COLUMN "vat_treatment"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "threshold_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "above_threshold"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "light_touch"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "value_including_vat_pence"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "standstill_working_days"
        `);
        await queryRunner.query(`
            ALTER TABLE "awards" DROP COLUMN "standstill_kind"
        `);
        await queryRunner.query(`
            ALTER TABLE "requirements" DROP COLUMN "vat_treatment"
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types" DROP COLUMN "cpv_code"
        `);
        await queryRunner.query(`
            ALTER TABLE "therapy_types" DROP COLUMN "light_touch"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notices_award_type"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notices_agency_due"
        `);
        await queryRunner.query(`
            DROP TABLE "notices"
        `);
    }

}
