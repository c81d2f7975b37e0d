import { rmSync } from 'node:fs';
import type { EmbeddedDatabase } from '../../src/database/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__TEST_DATABASE__ as { database: EmbeddedDatabase; directory: string } | undefined;
  if (!state) return;
  await state.database.stop();
  rmSync(state.directory, { recursive: true, force: true });
}
