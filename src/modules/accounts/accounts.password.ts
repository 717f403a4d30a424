import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, in node:crypto — no native add-on to build).
 * The parameters travel with each hash ("scrypt$ln=15,r=8,p=1$salt$hash") so they can be raised
 * later: `needsRehash` tells the sign-in to store a stronger hash. See docs/adr/0005-password-hashing.md.
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N */
  ln: number;
  r: number;
  p: number;
}

/** What production hashes with (~100 ms and 32 MiB per hash on a small server). */
export const productionParams: ScryptParams = { ln: 15, r: 8, p: 1 };

/**
 * The parameters for new hashes. The test runner (NODE_ENV=test) may lower the cost with
 * PASSWORD_HASH_TEST_LN=10…14 so the suite's hundreds of sign-ins stay fast; the variable is
 * refused (the process does not start) anywhere else, so production never hashes weaker.
 */
export function paramsFromEnv(env: NodeJS.ProcessEnv = process.env): ScryptParams {
  const raw = env.PASSWORD_HASH_TEST_LN;
  if (raw === undefined || raw === '') return productionParams;
  if (env.NODE_ENV !== 'test') throw new Error('PASSWORD_HASH_TEST_LN is only for the test runner (NODE_ENV=test); unset it');
  const ln = Number(raw);
  if (!Number.isInteger(ln) || ln < 10 || ln > productionParams.ln)
    throw new Error(`PASSWORD_HASH_TEST_LN must be a whole number from 10 to ${productionParams.ln}`);
  return { ...productionParams, ln };
}

export const currentParams: ScryptParams = paramsFromEnv();
const keyLength = 32;
const saltLength = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128·N·r bytes; give it headroom above Node's 32 MiB default.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 128 * N * params.r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string, params: ScryptParams = currentParams): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, params);
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const match = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (params.ln < 10 || params.ln > 22 || params.r < 1 || params.p < 1) return undefined;
  return { params, salt: Buffer.from(match[4], 'base64url'), key: Buffer.from(match[5], 'base64url') };
}

/** Constant-time comparison of the derived key; a malformed or missing hash never matches. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parseHash(stored) : undefined;
  if (!parsed) {
    await burnTime(password);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

export function needsRehash(stored: string, wanted: ScryptParams = currentParams): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { ln, r, p } = parsed.params;
  return ln < wanted.ln || r < wanted.r || p < wanted.p;
}

const dummySalt = randomBytes(saltLength);
/** Same work as a real check, so "no such account" and "wrong password" take equally long. */
export async function burnTime(password: string): Promise<void> {
  await derive(password, dummySalt, currentParams);
}

export const passwordRules = { minLength: 10, maxLength: 256 } as const;
