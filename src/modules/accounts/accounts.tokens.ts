import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { getOrCreateSecret } from './accounts.repository.js';

/** 256 random bits, URL-safe: session ids, link tokens, CSRF tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256 (the token itself only travels to the person). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// One signing key per database, shared by every instance, created on first use.
const secrets = new WeakMap<object, Promise<Buffer>>();
function signingKey(db: Kysely<DB>): Promise<Buffer> {
  let key = secrets.get(db);
  if (!key) {
    key = getOrCreateSecret(db, 'csrf-signing-key', randomBytes(32).toString('base64url')).then((v) => Buffer.from(v, 'base64url'));
    key.catch(() => secrets.delete(db));
    secrets.set(db, key);
  }
  return key;
}

/** A double-submit token for anonymous forms, signed so that only this installation can mint one. */
export async function newAnonymousCsrfToken(db: Kysely<DB>): Promise<string> {
  const nonce = randomBytes(18).toString('base64url');
  const mac = createHmac('sha256', await signingKey(db))
    .update(`anon-csrf:${nonce}`)
    .digest('base64url');
  return `${nonce}.${mac}`;
}

export async function isValidAnonymousCsrfToken(db: Kysely<DB>, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined || nonce.length > 64) return false;
  const expected = createHmac('sha256', await signingKey(db))
    .update(`anon-csrf:${nonce}`)
    .digest('base64url');
  return safeEqual(mac, expected);
}
