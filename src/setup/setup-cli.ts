import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createApp } from '../bootstrap';
import { createLogger } from '../common/logging/logger';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { EMBEDDED_DATABASE_PORT, EmbeddedDatabase } from '../database/embedded-database';
import { runPendingMigrations } from '../database/migrate';
import { FirstRunService } from './first-run.service';

/**
 * `npm run setup -- --email … --name … --partnership … --agency …`: the
 * first-run set-up for scripted installs. Creates the partnership, its lead
 * agency and the first system admin, and prints the link where they choose
 * their password. Uses DATABASE_URL, or the embedded database in DATA_DIR.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, partnership: { type: 'string' }, agency: { type: 'string' } },
  });
  const missing = (['email', 'name', 'partnership', 'agency'] as const).filter((option) => !values[option]?.trim());
  if (missing.length) {
    console.error(
      `Give ${missing.map((option) => `--${option}`).join(', ')}. For example:\n  npm run setup -- --email sam@council.example --name "Sam Patel" --partnership "Adoption Partnership South East" --agency "Kent County Council"`,
    );
    return 1;
  }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email!)) {
    console.error('Give --email as an email address, like name@example.com');
    return 1;
  }
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    return 1;
  }
  const embedded = config.databaseUrl
    ? undefined
    : await EmbeddedDatabase.start({ directory: config.dataDir, port: EMBEDDED_DATABASE_PORT, databaseName: 'portal' });
  config = new AppConfig({ ...config, databaseUrl: config.databaseUrl ?? embedded!.url, outboxWorker: false });
  try {
    await runPendingMigrations(config.databaseUrl!);
    const app = await createApp(config, createLogger(config.logLevel === 'silent' ? 'warn' : config.logLevel));
    try {
      const token = await app
        .get(FirstRunService)
        .setUpFromCommand({ email: values.email!, fullName: values.name!, partnershipName: values.partnership!, agencyName: values.agency! });
      console.log(
        `Created ${values.partnership}, ${values.agency} and the system admin ${values.email!.toLowerCase()}.\nThey choose a password at:\n  ${config.baseUrl}/accept-invitation?token=${token}`,
      );
      return 0;
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return 1;
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
