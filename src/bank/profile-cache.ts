/**
 * A customer's accounts and payees, loaded once per access token and shared by the calls
 * of a turn and the next turns for a while, so a conversation does not ask the bank for
 * the same lists again and again. A failed load is forgotten at once.
 */
export interface ProfileCache<P> {
  get(accessToken: string): Promise<P>;
  /** Drops what is kept for a token (the bank withdrew access, or the data is stale). */
  forget(accessToken: string): void;
}

export function profileCache<P>(load: (accessToken: string) => Promise<P>, ttlMs: number): ProfileCache<P> {
  const profiles = new Map<string, { loading: Promise<P>; startedAt: number }>();

  function refresh(accessToken: string): Promise<P> {
    const loading = load(accessToken);
    profiles.set(accessToken, { loading, startedAt: Date.now() });
    loading.catch(() => {
      if (profiles.get(accessToken)?.loading === loading) profiles.delete(accessToken);
    });
    return loading;
  }

  return {
    get(accessToken) {
      const cached = profiles.get(accessToken);
      if (cached && Date.now() - cached.startedAt < ttlMs) return cached.loading;
      return refresh(accessToken);
    },
    forget(accessToken) {
      profiles.delete(accessToken);
    },
  };
}
