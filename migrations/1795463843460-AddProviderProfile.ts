import { MigrationInterface, QueryRunner } from "typeorm";

export class AddProviderProfile1795463843460 implements MigrationInterface {
    name = 'AddProviderProfile1795463843460'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "practitioners" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "provider_id" uuid NOT NULL,
                "full_name" text NOT NULL,
                "profession" text NOT NULL,
                "registration_body" text NOT NULL,
                "registration_body_other" text,
                "registration_number" text NOT NULL,
                "registration_expires_on" date NOT NULL,
                "dbs_issued_on" date NOT NULL,
                "therapy_type_ids" uuid array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_practitioners_other_body" CHECK (
                    registration_body <> 'other'
                    OR registration_body_other IS NOT NULL
                ),
                CONSTRAINT "ck_practitioners_registration_body" CHECK (
                    registration_body IN ('HCPC', 'UKCP', 'BACP', 'BPS', 'AFT', 'other')
                ),
                CONSTRAINT "pk_practitioners" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_practitioners_provider" ON "practitioners" ("provider_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "provider_areas" (
                "provider_id" uuid NOT NULL,
                "area_id" uuid NOT NULL,
                CONSTRAINT "pk_provider_areas" PRIMARY KEY ("provider_id", "area_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "trading_name" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "companies_house_number" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "charity_number" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "ofsted_urn" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "registered_agency_name" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "ico_registration_number" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "address_line1" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "address_line2" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "town" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "postcode" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "contact_name" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "contact_email" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "contact_phone" text
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations"
            ADD "details_completed_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "practitioners"
            ADD CONSTRAINT "fk_practitioners_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_areas"
            ADD CONSTRAINT "fk_provider_areas_provider" FOREIGN KEY ("provider_id") REFERENCES "provider_organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_areas"
            ADD CONSTRAINT "fk_provider_areas_area" FOREIGN KEY ("area_id") REFERENCES "areas"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "provider_areas" DROP CONSTRAINT "fk_provider_areas_area"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_areas" DROP CONSTRAINT "fk_provider_areas_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "practitioners" DROP CONSTRAINT "fk_practitioners_provider"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "details_completed_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "contact_phone"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "contact_email"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "contact_name"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "postcode"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "town"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "address_line2"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "address_line1"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "ico_registration_number"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "registered_agency_name"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "ofsted_urn"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "charity_number"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "companies_house_number"
        `);
        await queryRunner.query(`
            ALTER TABLE "provider_organisations" DROP COLUMN "trading_name"
        `);
        await queryRunner.query(`
            DROP TABLE "provider_areas"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_practitioners_provider"
        `);
        await queryRunner.query(`
            DROP TABLE "practitioners"
        `);
    }

}
