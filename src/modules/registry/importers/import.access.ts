import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { AppError } from '../../../shared/errors.js';
import type { AppEnv } from '../../../shared/http/context.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Network-admin gate for /admin pages. Accounts and roles do not exist on this branch yet:
 * until they do, everyone is refused (403) unless LOKALKRAFT_ADMIN_TOKEN is set and sent as
 * `Authorization: Bearer <token>`. To be replaced by the accounts module's role check.
 */
export function requireNetworkAdmin(c: Context<AppEnv>): void {
  const expected = process.env.LOKALKRAFT_ADMIN_TOKEN;
  const header = c.req.header('authorization') ?? '';
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  // Hashing first gives equal lengths, so the comparison takes the same time whatever is sent.
  if (!expected || expected.length < 16 || !given || !timingSafeEqual(digest(given), digest(expected)))
    throw new AppError('forbidden', 'This page is for network administrators.');
}
