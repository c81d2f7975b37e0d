import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createLogger } from '../common/logging/logger';
import { loadConfig } from '../config/app-config';
import { EMBEDDED_DATABASE_PORT, EmbeddedDatabase } from './embedded-database';
import { revertLastMigration, runPendingMigrations } from './migrate';

/**
 * `npm run migration:run | migration:revert | migration:generate -- <Name>`.
 * Uses DATABASE_URL when set, otherwise the embedded database in ./.data.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'silent' ? 'info' : config.logLevel);
  const embedded = config.databaseUrl
    ? undefined
    : await EmbeddedDatabase.start({ directory: config.dataDir, port: EMBEDDED_DATABASE_PORT, databaseName: 'portal' });
  const url = config.databaseUrl ?? embedded!.url;
  let exitCode = 0;
  try {
    if (command === 'run') {
      const applied = await runPendingMigrations(url);
      logger.info({ migrations: applied }, applied.length ? 'Applied migrations' : 'No pending migrations');
    } else if (command === 'revert') {
      await revertLastMigration(url);
      logger.info('Reverted the last migration');
    } else if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
        throw new Error('Give the migration a PascalCase name, for example: npm run migration:generate -- AddFrameworks');
      await runPendingMigrations(url);
      const result = spawnSync(
        process.execPath,
        [require.resolve('typeorm/cli-ts-node-commonjs'), 'migration:generate', '-p', '-d', join(__dirname, 'data-source.ts'), join('migrations', name)],
        { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } },
      );
      exitCode = result.status ?? 1;
    } else {
      throw new Error('Usage: database-cli run | revert | generate <Name>');
    }
  } finally {
    await embedded?.stop();
  }
  process.exit(exitCode);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
