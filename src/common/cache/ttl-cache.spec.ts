import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let clock: number;
  const cacheOf = (ttlMs: number, maxEntries = 10) => new TtlCache<string>(ttlMs, maxEntries, () => clock);

  beforeEach(() => {
    clock = 1_000;
  });

  it('loads once within the time to live, and again after it', async () => {
    const cache = cacheOf(100);
    const load = jest.fn(async () => `loaded at ${clock}`);
    expect(await cache.get('a', load)).toBe('loaded at 1000');
    clock += 99;
    expect(await cache.get('a', load)).toBe('loaded at 1000');
    clock += 1;
    expect(await cache.get('a', load)).toBe('loaded at 1100');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares a load still running between callers', async () => {
    const cache = cacheOf(100);
    let finish: (value: string) => void = () => undefined;
    const load = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const first = cache.get('a', load);
    const second = cache.get('a', load);
    finish('done');
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load, so the next caller tries again', async () => {
    const cache = cacheOf(100);
    await expect(cache.get('a', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', async () => 'recovered')).toBe('recovered');
  });

  it('keeps keys apart, and drops the least recently used beyond the limit', async () => {
    const cache = cacheOf(100, 2);
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a is now the most recently used
    await cache.get('c', async () => 'c1');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a3')).toBe('a1');
    expect(await cache.get('b', async () => 'b2')).toBe('b2');
  });

  it('does not cache at all with no time to live', async () => {
    const cache = cacheOf(0);
    const load = jest.fn(async () => 'x');
    await cache.get('a', load);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });
});
