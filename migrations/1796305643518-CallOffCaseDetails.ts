import { MigrationInterface, QueryRunner } from "typeorm";

export class CallOffCaseDetails1796305643518 implements MigrationInterface {
    name = 'CallOffCaseDetails1796305643518'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "call_off_case_details" (
                "call_off_id" uuid NOT NULL,
                "child_name" text NOT NULL,
                "date_of_birth" date NOT NULL,
                CONSTRAINT "pk_call_off_case_details" PRIMARY KEY ("call_off_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs"
            ADD "starts_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs"
            ADD "ends_on" date
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs"
            ADD CONSTRAINT "ck_call_offs_dates" CHECK (ends_on > starts_on)
        `);
        await queryRunner.query(`
            ALTER TABLE "call_off_case_details"
            ADD CONSTRAINT "fk_call_off_case_details_call_off" FOREIGN KEY ("call_off_id") REFERENCES "call_offs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "call_off_case_details" DROP CONSTRAINT "fk_call_off_case_details_call_off"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs" DROP CONSTRAINT "ck_call_offs_dates"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs" DROP COLUMN "ends_on"
        `);
        await queryRunner.query(`
            ALTER TABLE "call_offs" DROP COLUMN "starts_on"
        `);
        await queryRunner.query(`
            DROP TABLE "call_off_case_details"
        `);
    }

}
