import 'reflect-metadata';
import { createApp } from './bootstrap';
import { createLogger } from './common/logging/logger';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { EMBEDDED_DATABASE_PORT, EmbeddedDatabase } from './database/embedded-database';
import { EmbeddedDatabaseError } from './database/embedded-database-failure';
import { runPendingMigrations } from './database/migrate';
import { DEMO_PASSWORD, DEMO_USERS } from './database/seed/demo-data';
import { Seeder } from './database/seed/seeder';
import { FIRST_RUN_LINK_HOURS, FirstRunService } from './setup/first-run.service';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    logger.info({ directory: config.dataDir, port: EMBEDDED_DATABASE_PORT }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    try {
      embedded = await EmbeddedDatabase.start({
        directory: config.dataDir,
        port: EMBEDDED_DATABASE_PORT,
        databaseName: 'portal',
        log: (line) => logger.debug(line),
      });
    } catch (error) {
      logger.fatal({ err: error }, error instanceof EmbeddedDatabaseError ? error.message : 'The embedded PostgreSQL could not start');
      process.exit(1);
    }
    config = new AppConfig({ ...config, databaseUrl: embedded.url });
  }

  const stopDatabase = async () => {
    await embedded?.stop().catch((error) => logger.error({ err: error }, 'Embedded PostgreSQL did not stop cleanly'));
  };

  try {
    const applied = await runPendingMigrations(config.databaseUrl!);
    if (applied.length) logger.info({ migrations: applied }, 'Applied migrations');

    const app = await createApp(config, logger);
    const seeder = app.get(Seeder);
    await seeder.seedReferenceData();
    if (config.seedDemo && (await seeder.seedDemo())) logger.info('Seeded the demo partnership, providers and users');
    if (config.seedDemo && (await seeder.seedDemoMarket())) logger.info('Seeded the demo framework and its members');
    if (config.seedDemo && (await seeder.seedDemoYear()))
      logger.info('Seeded a year of demo work: requirements, bids, panel decisions, contracts and delivery');

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'Stopping');
      await app.close();
      await stopDatabase();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));

    await app.listen(config.port);
    const lines = [`Adoption Support Commissioning Portal is running at ${config.baseUrl}`];
    const setUpToken = await app.get(FirstRunService).issueLink();
    if (setUpToken) {
      lines.push(
        '',
        'No one can sign in yet. Set up the partnership and the first system admin at this single-use link:',
        `  ${config.baseUrl}/setup?token=${setUpToken}`,
        `It works for ${FIRST_RUN_LINK_HOURS} hours; restart the portal for a new one.`,
      );
      logger.warn('No system admin exists: the set-up link has been printed');
    }
    if (config.seedDemo) {
      lines.push('', `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
      for (const user of DEMO_USERS) lines.push(`  ${user.roles.join(', ').padEnd(18)} ${user.email}`);
      if (config.staffTwoFactor === 'required') {
        lines.push(
          '',
          'Staff set up an authenticator app at their first sign-in. Without one, `npm run totp -- <key>` prints the current code for the key the set-up page shows.',
        );
      }
    }
    console.log(`\n${lines.join('\n')}\n`);
  } catch (error) {
    logger.fatal({ err: error }, 'The portal could not start');
    await stopDatabase();
    process.exit(1);
  }
}

void main();
