import { AppError, isAppError } from '../errors.js';
import { errorMessages as m } from '../i18n/error.messages.js';
import { robustnessMessages as r } from './robustness.messages.js';

/**
 * SQLSTATE of an error from either backend: node-postgres (`DatabaseError.code`) and PGlite
 * (its own `DatabaseError`, same field) both carry it; wrappers put the cause in `cause`.
 */
export function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * A database refusal as the error a person should see, in one place for every module:
 *   23505 unique violation (two sign-ups with one address, a firm added twice) → 409;
 *   23503 a referenced row went away meanwhile, 40001/40P01 serialization/deadlock → 409;
 *   class 22 data exceptions (22P02 bad number, 22003 out of range, 22008 bad date,
 *   22021/22P05 bytes the encoding refuses, 22001 too long) and 23514 check → 400;
 *   53300/57014/55P03 too many connections, timeouts, lock not available → 503.
 * Anything else is a bug and stays a 500.
 */
export function fromDatabaseError(err: unknown): AppError | undefined {
  if (isAppError(err)) return err;
  const state = sqlState(err);
  if (!state) return undefined;
  if (state === '23505') return new AppError('conflict', m.alreadyExists);
  if (state === '23503' || state === '40001' || state === '40P01') return new AppError('conflict', r.changedMeanwhile);
  if (state.startsWith('22') || state === '23514' || state === '23502') return new AppError('bad_request', r.valueNotAccepted);
  if (state === '53300' || state === '57014' || state === '55P03') return new AppError('unavailable', r.busy);
  return undefined;
}
