import { MigrationInterface, QueryRunner } from "typeorm";

export class AddFundingRecords1795473193621 implements MigrationInterface {
    name = 'AddFundingRecords1795473193621'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "funding_records" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "agency_id" uuid NOT NULL,
                "contract_id" uuid NOT NULL,
                "call_off_id" uuid,
                "child_reference" text NOT NULL,
                "asgsf_reference" text NOT NULL,
                "applied_on" date NOT NULL,
                "asgsf_pence" integer NOT NULL,
                "top_up_pence" integer NOT NULL DEFAULT '0',
                "financial_year" integer NOT NULL,
                "status" text NOT NULL DEFAULT 'applied',
                "excess_pence" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_funding_records_money" CHECK (
                    asgsf_pence >= 0
                    AND top_up_pence >= 0
                    AND excess_pence >= 0
                ),
                CONSTRAINT "ck_funding_records_status" CHECK (status IN ('applied', 'approved', 'refused')),
                CONSTRAINT "pk_funding_records" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_funding_records_contract" ON "funding_records" ("contract_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_funding_records_child" ON "funding_records" ("agency_id", "child_reference", "financial_year")
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "fk_funding_records_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "fk_funding_records_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records"
            ADD CONSTRAINT "fk_funding_records_call_off" FOREIGN KEY ("call_off_id") REFERENCES "call_offs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "fk_funding_records_call_off"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "fk_funding_records_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_records" DROP CONSTRAINT "fk_funding_records_agency"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_funding_records_child"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_funding_records_contract"
        `);
        await queryRunner.query(`
            DROP TABLE "funding_records"
        `);
    }

}
