/**
 * A small in-process cache of search results. Popular searches (the front page, a trade in a
 * town) repeat far more often than the directory changes; answering them from memory keeps the
 * single-threaded embedded database free for the rest.
 *
 * - A result is fresh for 30 s; for 30 s more it is served while one background refresh replaces
 *   it (so expiry never makes a visitor wait). Nothing is older than a minute, which is what the
 *   API already tells HTTP caches (max-age=60) and how far "open now" may lag.
 * - Any sync in this process drops every entry at once (a new generation); writers in another
 *   process (an import run from the CLI) show after at most a minute.
 * - Concurrent identical searches share one computation.
 * It holds nothing another instance would need: each instance has its own.
 */
const MAX_ENTRIES = 500;
const FRESH_MS = 30_000;
const STALE_MS = 30_000;

interface Entry {
  at: number;
  value: Promise<unknown>;
  refreshing: boolean;
}

let generation = 0;
let enabled = process.env.LOKALKRAFT_SEARCH_CACHE !== 'off';
const stores = new WeakMap<object, Map<string, Entry>>();

/** Called by every sync of the read model: cached results are from an older directory. */
export function invalidateSearchCache(): void {
  generation++;
}

/** The benchmark measures the engine with the cache off (LOKALKRAFT_SEARCH_CACHE=off does the same). */
export function setSearchCacheEnabled(on: boolean): void {
  enabled = on;
}

export function cached<T>(owner: object, key: string, compute: () => Promise<T>): Promise<T> {
  if (!enabled) return compute();
  let store = stores.get(owner);
  if (!store) stores.set(owner, (store = new Map()));
  const fullKey = `${generation}|${key}`;
  const now = Date.now();
  const hit = store.get(fullKey);
  if (hit && now - hit.at < FRESH_MS + STALE_MS) {
    store.delete(fullKey); // most recently used last
    store.set(fullKey, hit);
    if (now - hit.at >= FRESH_MS && !hit.refreshing) {
      hit.refreshing = true;
      compute().then(
        (value) => store!.set(fullKey, { at: Date.now(), value: Promise.resolve(value), refreshing: false }),
        () => (hit.refreshing = false),
      );
    }
    return hit.value as Promise<T>;
  }
  const value = compute();
  store.set(fullKey, { at: now, value, refreshing: false });
  value.catch(() => store!.delete(fullKey));
  while (store.size > MAX_ENTRIES) store.delete(store.keys().next().value!);
  return value;
}
