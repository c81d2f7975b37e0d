/**
 * Polls `check` until it gives something truthy, and returns that. Past the
 * timeout it fails naming `what`, with `context()` (say, a process's log).
 */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, context: () => string = () => '', timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
