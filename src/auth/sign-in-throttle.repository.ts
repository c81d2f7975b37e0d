import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A key's count in its current window, and the seconds the window has left. */
export interface ThrottleCount {
  count: number;
  secondsLeft: number;
}

/** The sign_in_throttles table: the only place with its SQL. */
@Injectable()
export class SignInThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** For each of the keys locked now, the seconds until it is unlocked. */
  async listSecondsLocked(keys: string[], manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    const rows: Array<{ seconds: number }> = await manager.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM sign_in_throttles WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return rows.map((row) => row.seconds);
  }

  async deleteKey(key: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('DELETE FROM sign_in_throttles WHERE key = $1', [key]);
  }

  async lockFor(key: string, seconds: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE sign_in_throttles SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`, [key, seconds]);
  }

  /** One more under `key` in a window that starts again once it is `windowMinutes` old. */
  async countOneMore(key: string, windowMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<ThrottleCount> {
    const [row]: Array<{ failures: number; seconds_left: number }> = await manager.query(
      `INSERT INTO sign_in_throttles (key, failures, window_started_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN sign_in_throttles.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE sign_in_throttles.failures + 1 END,
         window_started_at = CASE WHEN sign_in_throttles.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE sign_in_throttles.window_started_at END
       RETURNING failures, ceil(extract(epoch FROM window_started_at + make_interval(mins => $2) - now()))::int AS seconds_left`,
      [key, windowMinutes],
    );
    return { count: row.failures, secondsLeft: row.seconds_left };
  }
}
