import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { throttleTouches } from './session-touch';

/**
 * Sessions live in PostgreSQL (the `sessions` table), sharing TypeORM's pool,
 * so any number of app instances can serve the same users.
 */
/** How far beyond the idle period a stored session may live, to save a write on every request. */
export const SESSION_TOUCH_WINDOW_MS = 60_000;

@Injectable()
export class SessionStore implements OnApplicationShutdown {
  readonly store: session.Store & { close(): void };

  constructor(dataSource: DataSource, config: AppConfig) {
    const PgStore = connectPgSimple(session);
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    // One expiry write a minute per session rather than one per page (bench/README.md, per-request cost).
    this.store = throttleTouches(
      new PgStore({
        pool,
        tableName: 'sessions',
        createTableIfMissing: false,
        // Expired sessions are pruned by each instance; tests skip the timer.
        pruneSessionInterval: config.nodeEnv === 'test' ? false : 15 * 60,
      }),
      SESSION_TOUCH_WINDOW_MS,
    );
  }

  onApplicationShutdown(): void {
    this.store.close();
  }
}
