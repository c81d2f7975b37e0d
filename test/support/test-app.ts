import 'reflect-metadata';
import { Clock } from '../../src/common/clock/clock';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { createLogger } from '../../src/common/logging/logger';
import { loadConfig } from '../../src/config/app-config';
import { OutboxWorker } from '../../src/notifications/outbox-worker';
import { TEST_SESSION_SECRET } from './app-process';
import { SmtpTestServer } from './smtp-test-server';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  server: Server;
  dataSource: DataSource;
  /** Its database, for a second process to share. */
  databaseUrl: string;
  smtp?: SmtpTestServer;
  /** Delivers everything due in the outbox now, as the worker would. */
  deliverEmails(): Promise<{ sent: number; failed: number }>;
  close(): Promise<void>;
}

/**
 * Boots the real application against its own copy of the seeded test
 * database. With `smtp: true`, mail goes to a real SMTP server in-process.
 */
export async function createTestApp(options: { smtp?: boolean; env?: Record<string, string>; logLines?: string[]; clock?: Clock } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-test-data-'));
  let smtp: SmtpTestServer | undefined;
  if (options.smtp) {
    smtp = new SmtpTestServer();
    await smtp.start();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SESSION_SECRET: TEST_SESSION_SECRET,
    BASE_URL: 'http://portal.test',
    DATA_DIR: dataDir,
    OUTBOX_WORKER: 'false',
    LOG_LEVEL: options.logLines ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...(smtp ? { SMTP_URL: smtp.url } : {}),
    ...options.env,
  });
  const logDestination = options.logLines ? { write: (line: string) => void options.logLines!.push(line) } : undefined;
  const app = await createApp(config, createLogger(config.logLevel, logDestination), options.clock);
  const worker = app.get(OutboxWorker);
  return {
    app,
    server: app.getHttpServer(),
    dataSource: app.get(DataSource),
    databaseUrl: database.url,
    smtp,
    deliverEmails: () => worker.deliverDue(),
    async close() {
      await app.close();
      await smtp?.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
