import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/** Services that still read the system clock, each with why. */
const ALLOWED: Record<string, string> = {};

function serviceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return serviceFiles(path);
    return name.endsWith('.service.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('the injected clock', () => {
  it('is the only way services read the time: no new Date() or Date.now() in src/**/*.service.ts', () => {
    const readers = serviceFiles(join(ROOT, 'src')).filter((path) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(readers.sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});
