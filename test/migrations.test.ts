import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/migrate';
import { adminUrl, databaseUrl } from './support/test-database';

describe('migrations', () => {
  const name = `migrations_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl() });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  const tables = async (dataSource: DataSource) =>
    (await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`)).map(
      (row: { tablename: string }) => row.tablename,
    );

  it('apply to an empty database, revert cleanly with down(), and apply again', async () => {
    const applied = await runPendingMigrations(databaseUrl(name));
    expect(applied.length).toBeGreaterThanOrEqual(2);

    const dataSource = new DataSource(buildDataSourceOptions(databaseUrl(name)));
    await dataSource.initialize();
    try {
      expect(await tables(dataSource)).toEqual(expect.arrayContaining(['audit_events', 'notifications', 'sessions', 'users']));
      // The schema matches the entities: nothing left for TypeORM to generate.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);

      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables(dataSource)).toEqual([]);

      await dataSource.runMigrations({ transaction: 'each' });
      expect(await tables(dataSource)).toEqual(expect.arrayContaining(['audit_events', 'sessions']));
    } finally {
      await dataSource.destroy();
    }
  });
});
