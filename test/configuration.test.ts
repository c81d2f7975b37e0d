import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('starting with bad configuration', () => {
  it('stops at once with a clear message naming every problem', () => {
    const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '..', 'src', 'main.ts')], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'mysql://db/portal', SESSION_SECRET: 'short', NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration is not valid:');
    expect(result.stderr).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(result.stderr).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(result.stderr).toContain('SESSION_SECRET must be at least 32 characters long');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
