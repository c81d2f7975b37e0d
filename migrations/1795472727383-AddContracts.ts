import { MigrationInterface, QueryRunner } from "typeorm";

export class AddContracts1795472727383 implements MigrationInterface {
    name = 'AddContracts1795472727383'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "contracts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "award_id" uuid NOT NULL,
                "requirement_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "value_pence" integer NOT NULL,
                "session_count" integer,
                "block_volume" integer,
                "block_unit" text,
                "block_period_months" integer,
                "practitioner_ids" uuid array NOT NULL DEFAULT '{}',
                "outcome_tools" text array NOT NULL DEFAULT '{}',
                "starts_on" date,
                "ends_on" date,
                "activated_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_contracts_active_outcomes" CHECK (
                    status = 'pending'
                    OR cardinality(outcome_tools) > 0
                ),
                CONSTRAINT "ck_contracts_block" CHECK (
                    kind = 'spot'
                    OR block_volume > 0
                ),
                CONSTRAINT "ck_contracts_status" CHECK (
                    status IN (
                        'pending',
                        'active',
                        'completed',
                        'ended_early',
                        'exhausted'
                    )
                ),
                CONSTRAINT "ck_contracts_kind" CHECK (kind IN ('spot', 'block')),
                CONSTRAINT "pk_contracts" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_contracts_provider" ON "contracts" ("provider_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_contracts_agency" ON "contracts" ("agency_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_contracts_award" ON "contracts" ("award_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "call_offs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "contract_id" uuid NOT NULL,
                "child_reference" text NOT NULL,
                "units" integer NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_call_offs_units" CHECK (units > 0),
                CONSTRAINT "pk_call_offs" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_call_offs_contract" ON "call_offs" ("contract_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "fk_contracts_award" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "fk_contracts_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "fk_contracts_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts"
            ADD CONSTRAINT "fk_contracts_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs"
            ADD CONSTRAINT "fk_call_offs_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs"
            ADD CONSTRAINT "fk_call_offs_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "call_offs" DROP CONSTRAINT "fk_call_offs_created_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs" DROP CONSTRAINT "fk_call_offs_contract"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "fk_contracts_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "fk_contracts_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "fk_contracts_requirement"
        `);
        await queryRunner.query(`
            ALTER TABLE "contracts" DROP CONSTRAINT "fk_contracts_award"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_call_offs_contract"
        `);
        await queryRunner.query(`
            DROP TABLE "call_offs"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_contracts_award"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_contracts_agency"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_contracts_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "contracts"
        `);
    }

}
