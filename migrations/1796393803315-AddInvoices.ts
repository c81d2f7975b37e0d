import { MigrationInterface, QueryRunner } from "typeorm";

export class AddInvoices1796393803315 implements MigrationInterface {
    name = 'AddInvoices1796393803315'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "invoices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "contract_id" uuid NOT NULL,
                "agency_id" uuid NOT NULL,
                "provider_id" uuid NOT NULL,
                "invoice_number" text NOT NULL,
                "invoice_number_key" text NOT NULL,
                "invoice_date" date NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "sessions" integer NOT NULL,
                "amount_pence" integer NOT NULL,
                "status" text NOT NULL DEFAULT 'submitted',
                "received_on" date NOT NULL,
                "due_on" date,
                "approved_on" date,
                "disputed_on" date,
                "dispute_reason" text,
                "paid_on" date,
                "replaces_invoice_id" uuid,
                "late_notified_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_invoices_paid" CHECK (
                    status <> 'paid'
                    OR paid_on IS NOT NULL
                ),
                CONSTRAINT "ck_invoices_disputed" CHECK (
                    status <> 'disputed'
                    OR dispute_reason IS NOT NULL
                ),
                CONSTRAINT "ck_invoices_period" CHECK (period_end >= period_start),
                CONSTRAINT "ck_invoices_sessions" CHECK (sessions > 0),
                CONSTRAINT "ck_invoices_amount" CHECK (amount_pence > 0),
                CONSTRAINT "ck_invoices_status" CHECK (
                    status IN (
                        'submitted',
                        'approved',
                        'disputed',
                        'replaced',
                        'paid'
                    )
                ),
                CONSTRAINT "pk_invoices" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoices_late" ON "invoices" ("due_on")
            WHERE status IN ('submitted', 'approved')
                AND late_notified_at IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoices_agency_status" ON "invoices" ("agency_id", "status", "due_on")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invoices_contract" ON "invoices" ("contract_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invoices_provider_number" ON "invoices" ("provider_id", "invoice_number_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_contract" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_replaces" FOREIGN KEY ("replaces_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "fk_invoices_submitted_by" FOREIGN KEY ("submitted_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_submitted_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_replaces"
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_agency"
        `);
        await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "fk_invoices_contract"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_invoices_provider_number"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_contract"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_agency_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_late"
        `);
        await queryRunner.query(`
            DROP TABLE "invoices"
        `);
    }

}
