import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Applies pending migrations, each in its own transaction. Returns their names. */
export async function runPendingMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
