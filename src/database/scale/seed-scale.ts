import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditEventRepository } from '../../audit/audit-event.repository';
import { AuditService } from '../../audit/audit.service';
import { hashPassword } from '../../auth/password';
import { buildDataSourceOptions } from '../data-source-options';
import { runPendingMigrations } from '../migrate';
import { DEMO_PASSWORD } from '../seed/demo-data';
import { Seeder } from '../seed/seeder';
import { ScaleGenerator, type ScaleProgress } from './scale-generator';
import type { ScalePlan } from './scale-plan';

export interface SeedScaleOptions {
  plan: ScalePlan;
  seed: number;
  anchor: string;
  /** Empty the portal's tables first; otherwise a database with data is refused. */
  reset?: boolean;
  onProgress?: (progress: ScaleProgress) => void;
}

export class ScaleDatabaseNotEmptyError extends Error {
  constructor() {
    super('The database already holds partnerships. Run again with --reset to replace everything in it with generated data.');
  }
}

/** Migrates the database at `url`, adds reference data and fills it with generated data. Returns the rows written. */
export async function seedScale(url: string, options: SeedScaleOptions): Promise<number> {
  await runPendingMigrations(url);
  const dataSource = new DataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await new Seeder(dataSource, new AuditService(new AuditEventRepository(dataSource))).seedReferenceData();
  } finally {
    await dataSource.destroy();
  }
  const client = new Client({ connectionString: url, application_name: 'seed-scale' });
  await client.connect();
  try {
    const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM partnerships`)).rows;
    if (count > 0 && !options.reset) throw new ScaleDatabaseNotEmptyError();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return await new ScaleGenerator(client, { ...options, passwordHash, replaceExisting: count > 0 }).run();
  } finally {
    await client.end();
  }
}
