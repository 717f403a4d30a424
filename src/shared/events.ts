import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';

/**
 * What modules announce to whoever listens, without knowing the listeners: a lower module
 * (the registry) announces, a higher one (the directory) subscribes in the composition root
 * (src/modules/listeners.ts). The durable part of an event — what changed — is written by the
 * announcer in its own transaction; the announcement only says "look now".
 */
export interface AppEvents {
  /** Rows were added to the registry's change log (registry_firm_changes). */
  firmsChanged: { db: Kysely<DB> };
}

type Listener<K extends keyof AppEvents> = (payload: AppEvents[K]) => Promise<unknown> | unknown;

const listeners: { [K in keyof AppEvents]?: Map<string, Listener<K>> } = {};

/** Subscribes under a name; subscribing again under the same name replaces it (idempotent wiring). */
export function listen<K extends keyof AppEvents>(event: K, name: string, listener: Listener<K>): void {
  const map = (listeners[event] ??= new Map()) as Map<string, Listener<K>>;
  map.set(name, listener);
}

/** Runs every listener, one after the other, and waits for them; the first failure is thrown after all ran. */
export async function announce<K extends keyof AppEvents>(event: K, payload: AppEvents[K]): Promise<void> {
  let failure: unknown;
  for (const listener of (listeners[event] as Map<string, Listener<K>> | undefined)?.values() ?? []) {
    try {
      await listener(payload);
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== undefined) throw failure;
}
