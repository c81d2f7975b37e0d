import { resolve } from 'node:path';
import { EmbeddedDatabase } from '../embedded-database';

/** Where `npm run seed:scale` and `npm run bench` keep the embedded scale database, apart from the demo's. */
const SCALE_DATA_DIR = process.env.SCALE_DATA_DIR ?? '.data-scale';
const SCALE_DATABASE_PORT = Number(process.env.SCALE_DATABASE_PORT ?? 54330);

/**
 * The scale database is tuned as a modest production server would be
 * (DESIGN.md §9's "modest hardware"): 1 GB of shared buffers and room for
 * a bulk load between checkpoints. The demo database keeps the defaults.
 */
const SCALE_DATABASE_SETTINGS = [
  'shared_buffers=1GB',
  'max_wal_size=8GB',
  'checkpoint_timeout=30min',
  'maintenance_work_mem=512MB',
  'work_mem=32MB',
  'effective_cache_size=8GB',
];

/** The embedded scale database, for `npm run seed:scale` and `npm run bench`. */
export function startScaleDatabase(): Promise<EmbeddedDatabase> {
  return EmbeddedDatabase.start({ directory: resolve(SCALE_DATA_DIR), port: SCALE_DATABASE_PORT, databaseName: 'portal', settings: SCALE_DATABASE_SETTINGS });
}
