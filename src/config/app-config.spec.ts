import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = mkdtempSync(join(tmpdir(), 'ascp-config-'));
const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret });
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.secureCookies).toBe(false);
    expect(config.marketCacheSeconds).toBe(300);
    expect(config.staffTwoFactor).toBe('required');
    expect(config.caseDetailsDaysAfterEnd).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret, CASE_DETAILS_DAYS_AFTER_END: '14' }).caseDetailsDaysAfterEnd).toBe(14);
    expect(config.retention).toEqual({
      case_details: 12,
      needs_profile: 24,
      feedback_comments: 24,
      delivery_reports: 72,
      compliance_documents: 72,
      unsuccessful_bids: 36,
    });
    expect(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: secret, NODE_ENV: 'test' })).toMatchObject({ marketCacheSeconds: 0, staffTwoFactor: 'optional' });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://u:p@db.internal:5432/portal',
      SMTP_URL: 'smtp://mail.internal:25',
      SESSION_SECRET: secret,
      PORT: '8080',
      BASE_URL: 'https://portal.example.gov.uk/',
      SEED_DEMO: 'false',
      RETENTION_CASE_DETAILS_MONTHS: '18',
      RETENTION_UNSUCCESSFUL_BIDS_MONTHS: '60',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db.internal:5432/portal',
      smtpUrl: 'smtp://mail.internal:25',
      port: 8080,
      baseUrl: 'https://portal.example.gov.uk',
      seedDemo: false,
      retention: { case_details: 18, needs_profile: 24, unsuccessful_bids: 60 },
    });
    expect(config.secureCookies).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        DATA_DIR: dataDir,
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SESSION_SECRET: 'short',
        SEED_DEMO: 'maybe',
        MARKET_CACHE_SECONDS: '-1',
        STAFF_TWO_FACTOR: 'sometimes',
        CASE_DETAILS_DAYS_AFTER_END: 'a week',
        RETENTION_FEEDBACK_MONTHS: '1.5',
        RETENTION_DELIVERY_REPORTS_MONTHS: '0',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'DATABASE_URL must start with postgres:// or postgresql://',
      'SESSION_SECRET must be at least 32 characters long',
      'SEED_DEMO must be true or false (got "maybe")',
      'MARKET_CACHE_SECONDS must be a whole number of seconds from 0 to 86400 (got "-1")',
      'STAFF_TWO_FACTOR must be required or optional (got "sometimes")',
      'CASE_DETAILS_DAYS_AFTER_END must be a whole number of days from 0 to 365 (got "a week")',
      'RETENTION_FEEDBACK_MONTHS must be a whole number of months from 1 to 1200 (got "1.5")',
      'RETENTION_DELIVERY_REPORTS_MONTHS must be a whole number of months from 1 to 1200 (got "0")',
    ]);
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set in production/);
  });

  it('keeps a generated development secret between starts', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.sessionSecret).toHaveLength(64);
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });
});
