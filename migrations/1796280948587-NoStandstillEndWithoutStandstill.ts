import { MigrationInterface, QueryRunner } from "typeorm";

export class NoStandstillEndWithoutStandstill1796280948587 implements MigrationInterface {
    name = 'NoStandstillEndWithoutStandstill1796280948587'

    // BR-11: an award on a route with no standstill was given a standstill end on the day it was made.
    // A real standstill always ends at least one working day after the award, so only those rows match.
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "awards" SET "standstill_ends_on" = NULL
            WHERE "outcome" = 'awarded' AND "standstill_ends_on" = ("decided_at" AT TIME ZONE 'Europe/London')::date
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "awards" SET "standstill_ends_on" = ("decided_at" AT TIME ZONE 'Europe/London')::date
            WHERE "outcome" = 'awarded' AND "standstill_ends_on" IS NULL
        `);
    }

}
