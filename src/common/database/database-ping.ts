import type { DataSource } from 'typeorm';

/** Rejects unless the database answers a trivial statement: the health check's probe. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}
