import { MigrationInterface, QueryRunner } from "typeorm";

export class ModeratedScoresByRequirement1795479607356 implements MigrationInterface {
    name = 'ModeratedScoresByRequirement1795479607356'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_moderated_scores_requirement" ON "moderated_scores" ("requirement_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_moderated_scores_requirement"
        `);
    }

}
