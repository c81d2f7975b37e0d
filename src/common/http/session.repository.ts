import type { EntityManager } from 'typeorm';

/** Signs someone out everywhere (or everywhere but `keepSessionId`): their sessions are deleted, not just left to fail. */
export async function deleteSessionsOf(manager: EntityManager, userId: string, keepSessionId?: string): Promise<void> {
  await manager.query(`DELETE FROM sessions WHERE sess -> 'passport' ->> 'user' = $1 AND sid IS DISTINCT FROM $2`, [userId, keepSessionId ?? null]);
}
