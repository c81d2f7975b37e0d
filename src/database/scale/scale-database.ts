/** Where `npm run seed:scale` and `npm run bench` keep the embedded scale database, apart from the demo's. */
export const SCALE_DATA_DIR = process.env.SCALE_DATA_DIR ?? '.data-scale';
export const SCALE_DATABASE_PORT = Number(process.env.SCALE_DATABASE_PORT ?? 54330);

/**
 * The scale database is tuned as a modest production server would be
 * (DESIGN.md §9's "modest hardware"): 1 GB of shared buffers and room for
 * a bulk load between checkpoints. The demo database keeps the defaults.
 */
export const SCALE_DATABASE_SETTINGS = ['shared_buffers=1GB', 'max_wal_size=8GB', 'checkpoint_timeout=30min', 'maintenance_work_mem=512MB', 'work_mem=32MB', 'effective_cache_size=8GB'];
