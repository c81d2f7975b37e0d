import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Used by the TypeORM CLI (`npm run migration:generate`), which sets DATABASE_URL. */
if (!process.env.DATABASE_URL) {
  throw new Error('DATABASE_URL must be set to use the TypeORM CLI; use the npm migration scripts instead');
}
export default new DataSource(buildDataSourceOptions(process.env.DATABASE_URL));
