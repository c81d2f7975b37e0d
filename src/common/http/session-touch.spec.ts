import type session from 'express-session';
import { throttleTouches } from './session-touch';

describe('throttleTouches', () => {
  const minute = 60_000;
  function fakeStore() {
    const writes: Array<{ kind: 'touch' | 'set'; sid: string; expires: number }> = [];
    const store = {
      touch: (sid: string, data: session.SessionData, callback?: () => void) => {
        writes.push({ kind: 'touch', sid, expires: new Date(data.cookie.expires!).getTime() });
        callback?.();
      },
      set: (sid: string, data: session.SessionData, callback?: (error?: unknown) => void) => {
        writes.push({ kind: 'set', sid, expires: new Date(data.cookie.expires!).getTime() });
        callback?.();
      },
    };
    return { store, writes };
  }
  const sessionExpiring = (at: number) => ({ cookie: { expires: new Date(at) } }) as unknown as session.SessionData;

  it('writes the first touch with a window beyond the cookie, then skips touches the stored expiry already covers', () => {
    let clock = 0;
    const { store, writes } = fakeStore();
    throttleTouches(store, minute, () => clock);
    const idle = 20 * minute;
    const done = jest.fn();
    store.touch('a', sessionExpiring(clock + idle), done);
    clock += 30_000;
    store.touch('a', sessionExpiring(clock + idle), done);
    clock += 30_000;
    store.touch('a', sessionExpiring(clock + idle), done);
    expect(writes).toEqual([{ kind: 'touch', sid: 'a', expires: idle + minute }]);
    expect(done).toHaveBeenCalledTimes(3);
    clock += 1;
    store.touch('a', sessionExpiring(clock + idle), done);
    expect(writes.at(-1)).toEqual({ kind: 'touch', sid: 'a', expires: clock + idle + minute });
    expect(writes).toHaveLength(2);
  });

  it('keeps sessions apart, and extends a save the same way so the touches after it are skipped', () => {
    const { store, writes } = fakeStore();
    throttleTouches(store, minute, () => 0);
    store.touch('a', sessionExpiring(1000));
    store.touch('b', sessionExpiring(1000));
    store.set('b', sessionExpiring(2000));
    store.touch('b', sessionExpiring(2000));
    expect(writes).toEqual([
      { kind: 'touch', sid: 'a', expires: 1000 + minute },
      { kind: 'touch', sid: 'b', expires: 1000 + minute },
      { kind: 'set', sid: 'b', expires: 2000 + minute },
    ]);
  });

  it('touches again when a write failed', () => {
    const { store, writes } = fakeStore();
    const failing = {
      ...store,
      touch: (sid: string, data: session.SessionData, callback?: (error?: unknown) => void) => (store.touch(sid, data), callback?.(new Error('down'))),
    };
    throttleTouches(failing, minute, () => 0);
    const errors: unknown[] = [];
    failing.touch('a', sessionExpiring(1000), (error) => errors.push(error));
    failing.touch('a', sessionExpiring(1000), (error) => errors.push(error));
    expect(writes).toHaveLength(2);
    expect(errors).toEqual([new Error('down'), new Error('down')]);
  });
});
