/**
 * A small in-process cache of search results. Popular searches (the front page, a trade in a
 * town) repeat far more often than the directory changes; answering them from memory keeps the
 * single-threaded embedded database free for the rest. Entries live at most a minute (the API
 * already tells HTTP caches max-age=60, and "open now" moves by the minute) and are dropped at
 * once by any sync in this process. Concurrent identical searches share one computation.
 * It holds nothing another instance would need: each instance has its own.
 */
const MAX_ENTRIES = 500;
const TTL_MS = 60_000;

let generation = 0;
let enabled = process.env.LOKALKRAFT_SEARCH_CACHE !== 'off';
const stores = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

/** Called by every sync of the read model: cached results are from an older directory. */
export function invalidateSearchCache(): void {
  generation++;
}

/** The benchmark measures the engine with the cache off (LOKALKRAFT_SEARCH_CACHE=off does the same). */
export function setSearchCacheEnabled(on: boolean): void {
  enabled = on;
}

export function isSearchCacheEnabled(): boolean {
  return enabled;
}

export function cached<T>(owner: object, key: string, compute: () => Promise<T>): Promise<T> {
  if (!enabled) return compute();
  let store = stores.get(owner);
  if (!store) stores.set(owner, (store = new Map()));
  const fullKey = `${generation}|${key}`;
  const hit = store.get(fullKey);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) {
    store.delete(fullKey);
    store.set(fullKey, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  store.set(fullKey, { at: now, value });
  value.catch(() => store!.delete(fullKey));
  while (store.size > MAX_ENTRIES) store.delete(store.keys().next().value!);
  return value;
}
