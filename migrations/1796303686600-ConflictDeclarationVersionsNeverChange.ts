import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A declaration's versions are its history (PA 2023 s.81: conflicts kept
 * under review): the database refuses any UPDATE of one, so an amendment can
 * only add a version. Deleting stays possible only with the declaration
 * itself (its requirement's deletion cascades).
 */
export class ConflictDeclarationVersionsNeverChange1796303686600 implements MigrationInterface {
  name = 'ConflictDeclarationVersionsNeverChange1796303686600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION conflict_declaration_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'conflict_declaration_versions keeps every version: % is not allowed; amend the declaration instead', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "trg_conflict_declaration_versions_never_change"
      BEFORE UPDATE ON "conflict_declaration_versions"
      FOR EACH ROW EXECUTE FUNCTION conflict_declaration_versions_refuse_change()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_conflict_declaration_versions_never_change" ON "conflict_declaration_versions"`);
    await queryRunner.query(`DROP FUNCTION conflict_declaration_versions_refuse_change()`);
  }
}
