import { MigrationInterface, QueryRunner } from "typeorm";

export class ProcurementThresholds1796307855664 implements MigrationInterface {
    name = 'ProcurementThresholds1796307855664'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "procurement_thresholds" (
                "regime" text NOT NULL,
                "kind" text NOT NULL,
                "in_force_from" date NOT NULL,
                "pence" integer NOT NULL,
                "source" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_procurement_thresholds_pence" CHECK (pence > 0),
                CONSTRAINT "ck_procurement_thresholds_kind" CHECK (
                    kind IN (
                        'light_touch',
                        'sub_central_services',
                        'notifiable_below_threshold'
                    )
                ),
                CONSTRAINT "ck_procurement_thresholds_regime" CHECK (regime IN ('pa2023', 'pcr2015')),
                CONSTRAINT "pk_procurement_thresholds" PRIMARY KEY ("regime", "kind", "in_force_from")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "procurement_thresholds"
        `);
    }

}
