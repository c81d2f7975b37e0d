import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditEventRepository } from '../../src/audit/audit-event.repository';
import { AuditService } from '../../src/audit/audit.service';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { runPendingMigrations } from '../../src/database/migrate';
import { Seeder } from '../../src/database/seed/seeder';
import { freePort } from './app-process';
import { databaseUrl, TEMPLATE_DATABASE } from './test-database';

/**
 * Starts one embedded PostgreSQL for the whole run and builds a template
 * database (migrated and seeded) that each test file copies.
 */
export default async function globalSetup(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'portal-test-db-'));
  const database = await EmbeddedDatabase.start({ directory, port: await freePort(), databaseName: TEMPLATE_DATABASE, persistent: false });
  process.env.TEST_DATABASE_ADMIN_URL = database.adminUrl;
  (globalThis as Record<string, unknown>).__TEST_DATABASE__ = { database, directory };

  await runPendingMigrations(database.url);
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl(TEMPLATE_DATABASE)));
  await dataSource.initialize();
  try {
    const seeder = new Seeder(dataSource, new AuditService(new AuditEventRepository(dataSource)));
    await seeder.seedReferenceData();
    await seeder.seedDemo();
  } finally {
    await dataSource.destroy();
  }
}
