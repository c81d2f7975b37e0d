import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_RETENTION_MONTHS, RETENTION_KINDS, RETENTION_SCHEDULE, type RetentionPeriods } from '../retention/retention-rules';

export class AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** Unset means "start the embedded PostgreSQL in dataDir". */
  readonly databaseUrl?: string;
  /** Unset means "write mail as .eml files in dataDir/mail". */
  readonly smtpUrl?: string;
  readonly sessionSecret: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly seedDemo: boolean;
  readonly outboxWorker: boolean;
  readonly sessionIdleMinutes: number;
  readonly logLevel: string;
  readonly mailFrom: string;
  /** Serve the OCDS release package without signing in, at /open-data/ocds/release-package.json. */
  readonly ocdsPublic: boolean;
  /** The registered OCDS prefix that starts every ocid. */
  readonly ocdsOcidPrefix: string;
  /** Report each request's SQL statement count in a response header, for benchmarks and query-budget tests. */
  readonly countSqlStatements: boolean;
  /** How long a market report's figures are reused before they are worked out again; 0 means every time. */
  readonly marketCacheSeconds: number;
  /** "required": staff must sign in with an authenticator app as well as a password. */
  readonly staffTwoFactor: 'required' | 'optional';
  /** Days after a contract ends that its provider still sees the child's identifying details; 0 withdraws them at the end. */
  readonly caseDetailsDaysAfterEnd: number;
  /** Whole months each kind of children's data is kept before the retention job erases it. */
  readonly retention: RetentionPeriods;

  constructor(values: AppConfigValues) {
    Object.assign(this, values);
  }

  get secureCookies(): boolean {
    return this.baseUrl.startsWith('https://');
  }
}

export type AppConfigValues = Omit<AppConfig, 'secureCookies'>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function parseUrl(name: string, raw: string, protocols: string[], problems: string[]): string | undefined {
  try {
    const url = new URL(raw);
    if (!protocols.includes(url.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
    return raw;
  } catch {
    problems.push(`${name} is not a valid URL`);
    return undefined;
  }
}

/**
 * Reads and validates configuration from the environment. Every problem is
 * collected so one failed start lists everything that needs fixing.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const rawNodeEnv = blankToUndefined(env.NODE_ENV) ?? 'development';
  if (!['development', 'test', 'production'].includes(rawNodeEnv)) {
    problems.push(`NODE_ENV must be development, test or production (got "${rawNodeEnv}")`);
  }
  const nodeEnv = rawNodeEnv as AppConfig['nodeEnv'];

  const rawPort = blankToUndefined(env.PORT) ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535 (got "${rawPort}")`);
  }

  const rawDatabaseUrl = blankToUndefined(env.DATABASE_URL);
  const databaseUrl = rawDatabaseUrl && parseUrl('DATABASE_URL', rawDatabaseUrl, ['postgres:', 'postgresql:'], problems);

  const rawSmtpUrl = blankToUndefined(env.SMTP_URL);
  const smtpUrl = rawSmtpUrl && parseUrl('SMTP_URL', rawSmtpUrl, ['smtp:', 'smtps:'], problems);

  const rawBaseUrl = blankToUndefined(env.BASE_URL) ?? `http://localhost:${Number.isInteger(port) ? port : 3000}`;
  const baseUrl = parseUrl('BASE_URL', rawBaseUrl, ['http:', 'https:'], problems)?.replace(/\/+$/, '') ?? '';

  const dataDir = resolve(blankToUndefined(env.DATA_DIR) ?? '.data');

  let sessionSecret = blankToUndefined(env.SESSION_SECRET);
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long');
  } else if (sessionSecret === undefined) {
    if (nodeEnv === 'production') {
      problems.push('SESSION_SECRET must be set in production (at least 32 random characters)');
    } else if (problems.length === 0) {
      sessionSecret = persistedDevelopmentSecret(dataDir);
    }
  }

  const rawIdle = blankToUndefined(env.SESSION_IDLE_MINUTES) ?? '30';
  const sessionIdleMinutes = Number(rawIdle);
  if (!/^\d+$/.test(rawIdle) || sessionIdleMinutes < 1 || sessionIdleMinutes > 24 * 60) {
    problems.push(`SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440 (got "${rawIdle}")`);
  }

  const seedDemo = parseBoolean('SEED_DEMO', blankToUndefined(env.SEED_DEMO), true, problems);
  const outboxWorker = parseBoolean('OUTBOX_WORKER', blankToUndefined(env.OUTBOX_WORKER), true, problems);
  const logLevel = blankToUndefined(env.LOG_LEVEL) ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent (got "${logLevel}")`);
  }
  const mailFrom = blankToUndefined(env.MAIL_FROM) ?? 'Adoption Support Commissioning <no-reply@adoption-support.example>';
  const ocdsPublic = parseBoolean('OCDS_PUBLIC', blankToUndefined(env.OCDS_PUBLIC), false, problems);
  const ocdsOcidPrefix = blankToUndefined(env.OCDS_OCID_PREFIX) ?? 'ocds-ascp00';
  if (!/^ocds-[a-z0-9]{6}$/.test(ocdsOcidPrefix))
    problems.push(`OCDS_OCID_PREFIX must be "ocds-" and 6 lower-case letters or digits (got "${ocdsOcidPrefix}")`);

  const countSqlStatements = parseBoolean('SQL_STATEMENT_COUNTS', blankToUndefined(env.SQL_STATEMENT_COUNTS), false, problems);

  // Tests change the data between views, so there the figures are worked out every time.
  const rawMarketCache = blankToUndefined(env.MARKET_CACHE_SECONDS) ?? (nodeEnv === 'test' ? '0' : '300');
  const marketCacheSeconds = Number(rawMarketCache);
  if (!/^\d+$/.test(rawMarketCache) || marketCacheSeconds > 24 * 60 * 60) {
    problems.push(`MARKET_CACHE_SECONDS must be a whole number of seconds from 0 to 86400 (got "${rawMarketCache}")`);
  }

  // Most tests sign staff in many times a minute, which single-use codes would refuse; the two-factor tests turn it on.
  const staffTwoFactor = blankToUndefined(env.STAFF_TWO_FACTOR) ?? (nodeEnv === 'test' ? 'optional' : 'required');
  if (staffTwoFactor !== 'required' && staffTwoFactor !== 'optional') problems.push(`STAFF_TWO_FACTOR must be required or optional (got "${staffTwoFactor}")`);

  const rawCaseDays = blankToUndefined(env.CASE_DETAILS_DAYS_AFTER_END) ?? '0';
  const caseDetailsDaysAfterEnd = Number(rawCaseDays);
  if (!/^\d+$/.test(rawCaseDays) || caseDetailsDaysAfterEnd > 365) {
    problems.push(`CASE_DETAILS_DAYS_AFTER_END must be a whole number of days from 0 to 365 (got "${rawCaseDays}")`);
  }

  const retention = {} as RetentionPeriods;
  for (const kind of RETENTION_KINDS) {
    const { envVar, defaultMonths } = RETENTION_SCHEDULE[kind];
    const raw = blankToUndefined(env[envVar]) ?? String(defaultMonths);
    retention[kind] = Number(raw);
    if (!/^\d+$/.test(raw) || retention[kind] < 1 || retention[kind] > MAX_RETENTION_MONTHS) {
      problems.push(`${envVar} must be a whole number of months from 1 to ${MAX_RETENTION_MONTHS} (got "${raw}")`);
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return new AppConfig({
    nodeEnv,
    databaseUrl: databaseUrl || undefined,
    smtpUrl: smtpUrl || undefined,
    sessionSecret: sessionSecret as string,
    port,
    baseUrl,
    dataDir,
    seedDemo,
    outboxWorker,
    sessionIdleMinutes,
    logLevel,
    mailFrom,
    ocdsPublic,
    ocdsOcidPrefix,
    countSqlStatements,
    marketCacheSeconds,
    staffTwoFactor: staffTwoFactor as AppConfig['staffTwoFactor'],
    caseDetailsDaysAfterEnd,
    retention,
  });
}

/** Outside production a secret is generated once and kept, so restarts keep sessions. */
function persistedDevelopmentSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
