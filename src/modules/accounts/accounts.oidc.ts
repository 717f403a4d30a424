import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { Env } from '../../config/env.js';
import type { DB } from '../../db/types.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import * as repo from './accounts.repository.js';
import { normaliseEmail, safeReturnPath } from './accounts.schemas.js';
import { startSession, type NewSession } from './accounts.service.js';
import { hashToken, newToken } from './accounts.tokens.js';

/**
 * OpenID Connect sign-in (authorization code flow with PKCE, state and nonce) through
 * openid-client. The flow's secrets wait in the database under the hash of a cookie token,
 * so any instance can finish a sign-in another one started.
 */
export const isOidcConfigured = (env: Env) => !!(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_REDIRECT_URL);

const flowLifetimeMs = 10 * 60_000;
const configs = new Map<string, Promise<oidc.Configuration>>();

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Discovery once per process; a failed discovery is retried on the next sign-in. */
function configuration(env: Env): Promise<oidc.Configuration> {
  const issuer = new URL(env.OIDC_ISSUER!);
  const key = `${issuer.href}|${env.OIDC_CLIENT_ID}`;
  let config = configs.get(key);
  if (!config) {
    const auth = env.OIDC_CLIENT_SECRET ? oidc.ClientSecretBasic(env.OIDC_CLIENT_SECRET) : oidc.None();
    // Plain http only for a provider on this machine (development and tests).
    config = oidc.discovery(
      issuer,
      env.OIDC_CLIENT_ID!,
      env.OIDC_CLIENT_SECRET,
      auth,
      isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    config.catch(() => configs.delete(key));
    configs.set(key, config);
  }
  return config;
}

export async function beginOidcSignIn(db: Kysely<DB>, env: Env, returnTo: string): Promise<{ redirectTo: URL; flowToken: string }> {
  const config = await configuration(env);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const flowToken = newToken();
  await repo.insertOidcFlow(db, {
    id: hashToken(flowToken),
    state,
    nonce,
    code_verifier: codeVerifier,
    return_to: safeReturnPath(returnTo),
    expires_at: new Date(Date.now() + flowLifetimeMs),
  });
  const redirectTo = oidc.buildAuthorizationUrl(config, {
    redirect_uri: env.OIDC_REDIRECT_URL!,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { redirectTo, flowToken };
}

export type OidcResult =
  | { kind: 'signed_in'; session: NewSession; returnTo: string; isNewAccount: boolean }
  | { kind: 'failed'; reason: string }
  | { kind: 'unverified_email' };

/**
 * Finishes the flow: checks state, nonce and PKCE (openid-client), then finds the person by
 * (issuer, subject); else links to the account with the same e-mail only when the provider
 * vouches for it (email_verified); else creates an account.
 */
export async function completeOidcSignIn(
  db: Kysely<DB>,
  env: Env,
  input: { flowToken: string | undefined; query: string; previousToken?: string; ip?: string; userAgent?: string; locale: Locale },
): Promise<OidcResult> {
  if (!input.flowToken) return { kind: 'failed', reason: 'no flow cookie' };
  const flow = await repo.takeOidcFlow(db, hashToken(input.flowToken));
  if (!flow) return { kind: 'failed', reason: 'unknown or expired flow' };
  const config = await configuration(env);
  // The callback URL as registered at the provider, with the query the provider sent.
  const callbackUrl = new URL(env.OIDC_REDIRECT_URL!);
  callbackUrl.search = input.query;
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (err) {
    return { kind: 'failed', reason: (err as Error).message };
  }
  if (!claims?.sub) return { kind: 'failed', reason: 'no subject' };
  const issuer = String(claims.iss);
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : undefined;
  const isEmailVerified = claims.email_verified === true;
  const name = typeof claims.name === 'string' ? claims.name.slice(0, 120) : '';

  let userId: number;
  let isNewAccount = false;
  const identity = await repo.findOidcIdentity(db, issuer, claims.sub);
  if (identity) {
    userId = Number(identity.user_id);
  } else {
    if (!email) return { kind: 'failed', reason: 'no e-mail claim' };
    const existing = await repo.findUserByEmail(db, email);
    if (existing) {
      if (!isEmailVerified) return { kind: 'unverified_email' };
      userId = Number(existing.id);
      if (!existing.email_verified_at) await repo.updateUser(db, userId, { email_verified_at: new Date() });
    } else {
      userId = await repo.insertUser(db, {
        email,
        display_name: name,
        password_hash: null,
        email_verified_at: isEmailVerified ? new Date() : null,
        is_network_admin: false,
        locale: input.locale,
      });
      isNewAccount = true;
    }
    await repo.insertOidcIdentity(db, { issuer, subject: claims.sub, user_id: userId, email: email ?? null });
  }
  const user = await repo.findUserById(db, userId);
  if (!user || user.erased_at) return { kind: 'failed', reason: 'account erased' };
  const session = await startSession(db, env, userId, input);
  return { kind: 'signed_in', session, returnTo: flow.return_to, isNewAccount };
}
