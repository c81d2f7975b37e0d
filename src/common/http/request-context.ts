import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string | null;
  userId: string | null;
  userEmail: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Who is acting and in which request, for audit events, without threading it through every call. */
export const requestContext = {
  run<T>(context: RequestContext, callback: () => T): T {
    return storage.run(context, callback);
  },
  current(): RequestContext {
    return storage.getStore() ?? { requestId: null, userId: null, userEmail: null };
  },
  /** Updates the acting user mid-request, for example straight after sign-in. */
  setUser(user: { id: string; email: string } | null): void {
    const store = storage.getStore();
    if (!store) return;
    store.userId = user?.id ?? null;
    store.userEmail = user?.email ?? null;
  },
};
