import type session from 'express-session';

/** A store that can extend a session's expiry (`touch`) and save it (`set`), as express-session calls them. */
type TouchableStore = Pick<session.Store, 'set'> & Required<Pick<session.Store, 'touch'>>;

/**
 * express-session touches the stored session on every request it does not
 * save, which is one UPDATE per page view. Each write (a save or a touch) here stores an expiry
 * `windowMs` beyond the cookie's, and later touches are skipped while the stored
 * expiry still covers a whole idle period from now. So a session always lives
 * at least the idle period after someone's last request (and at most
 * `windowMs` more), with one write per window instead of one per request.
 */
export function throttleTouches<Store extends TouchableStore>(store: Store, windowMs: number, now: () => number = () => Date.now()): Store {
  const storedExpiry = new Map<string, number>();
  const touch = store.touch.bind(store);
  const set = store.set.bind(store);
  let touchesSincePrune = 0;

  store.touch = (sid, sessionData, callback) => {
    const expires = sessionData.cookie.expires ? new Date(sessionData.cookie.expires).getTime() : undefined;
    if (expires === undefined) return touch(sid, sessionData, callback);
    if ((storedExpiry.get(sid) ?? 0) >= expires) return callback?.();
    if (++touchesSincePrune >= 1000) {
      touchesSincePrune = 0;
      for (const [id, expiry] of storedExpiry) if (expiry < now()) storedExpiry.delete(id);
    }
    const extended = expires + windowMs;
    // express-session's types say the callback takes nothing; stores pass their error to it, and it is passed on.
    const passOn = callback as ((error?: unknown) => void) | undefined;
    const written = (error?: unknown) => {
      if (!error) storedExpiry.set(sid, extended);
      passOn?.(error);
    };
    touch(sid, { ...sessionData, cookie: { ...sessionData.cookie, expires: new Date(extended) } } as session.SessionData, written as () => void);
  };
  // A save stores the same extended expiry, so the touches after it are skipped too.
  store.set = (sid, sessionData, callback) => {
    const expires = sessionData.cookie?.expires ? new Date(sessionData.cookie.expires).getTime() : undefined;
    if (expires === undefined) {
      storedExpiry.delete(sid);
      return set(sid, sessionData, callback);
    }
    set(sid, { ...sessionData, cookie: { ...sessionData.cookie, expires: new Date(expires + windowMs) } } as session.SessionData, (error?: unknown) => {
      if (error) storedExpiry.delete(sid);
      else storedExpiry.set(sid, expires + windowMs);
      callback?.(error);
    });
  };
  return store;
}
