import { MigrationInterface, QueryRunner } from "typeorm";

export class BankHolidaysByDivision1796281290685 implements MigrationInterface {
    name = 'BankHolidaysByDivision1796281290685'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "bank_holidays"
            ADD "division" text NOT NULL DEFAULT 'england-and-wales'
        `);
        // Every row so far is an England and Wales holiday; new rows must say their division.
        await queryRunner.query(`
            ALTER TABLE "bank_holidays"
            ALTER COLUMN "division" DROP DEFAULT
        `);
        await queryRunner.query(`
            ALTER TABLE "bank_holidays" DROP CONSTRAINT "pk_bank_holidays"
        `);
        await queryRunner.query(`
            ALTER TABLE "bank_holidays"
            ADD CONSTRAINT "pk_bank_holidays" PRIMARY KEY ("date", "division")
        `);
        await queryRunner.query(`
            ALTER TABLE "bank_holidays"
            ADD CONSTRAINT "ck_bank_holidays_division" CHECK (
                    division IN (
                        'england-and-wales',
                        'scotland',
                        'northern-ireland'
                    )
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "bank_holidays" DROP CONSTRAINT "ck_bank_holidays_division"
        `);
        await queryRunner.query(`
            DELETE FROM "bank_holidays" WHERE "division" <> 'england-and-wales'
        `);
        await queryRunner.query(`
            ALTER TABLE "bank_holidays" DROP CONSTRAINT "pk_bank_holidays"
        `);
        await queryRunner.query(`
            ALTER TABLE "bank_holidays"
            ADD CONSTRAINT "pk_bank_holidays" PRIMARY KEY ("date")
        `);
        await queryRunner.query(`
            ALTER TABLE "bank_holidays" DROP COLUMN "division"
        `);
    }

}
