import type { Context, MiddlewareHandler } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { getConnInfo } from '@hono/node-server/conninfo';
import { publicBaseUrl as baseUrlFromConfig, type Env } from '../../config/env.js';
import { AppError, isAppError } from '../../shared/errors.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { csrfFieldName, csrfHeaderName, wasCsrfTokenUsed } from '../../shared/http/csrf.js';
import { accountsText as t } from './accounts.messages.js';
import { loadSession } from './accounts.service.js';
import { isLoopbackAddress } from '../../shared/mail/mailer.js';
import { isValidAnonymousCsrfToken, newAnonymousCsrfToken, safeEqual } from './accounts.tokens.js';

/** Cookies: the session and, for anonymous forms, the signed double-submit CSRF token. */
const sessionCookie = 'lk_session';
const csrfCookie = 'lk_csrf';

/** https when PUBLIC_BASE_URL says so, or the request came over https (X-Forwarded-Proto behind a trusted proxy). */
export function isSecureRequest(c: Context, env: Env): boolean {
  if (env.PUBLIC_BASE_URL?.startsWith('https:')) return true;
  if (env.TRUST_PROXY && c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * Where links in mail point: configuration only (PUBLIC_BASE_URL, or http://localhost:PORT in
 * development) — never the request's Host header, which anyone can set to their own server.
 */
export function publicBaseUrl(env: Env): string {
  return baseUrlFromConfig(env);
}

/** The client's address: the socket's, or the last X-Forwarded-For hop when TRUST_PROXY is set. */
export function clientAddress(c: Context, env: Env): string {
  if (env.TRUST_PROXY) {
    const hops = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (hops?.length) return hops[hops.length - 1].slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

const cookieName = (base: string, secure: boolean) => (secure ? `__Host-${base}` : base);

function readCookie(c: Context, base: string): string | undefined {
  return getCookie(c, `__Host-${base}`) ?? getCookie(c, base);
}

export function readSessionToken(c: Context): string | undefined {
  return readCookie(c, sessionCookie);
}

export function setSessionCookie(c: Context, env: Env, token: string): void {
  const secure = isSecureRequest(c, env);
  // No max-age: the server decides expiry (idle and absolute); the cookie dies with the browser at the latest.
  setCookie(c, cookieName(sessionCookie, secure), token, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
}

export function clearSessionCookie(c: Context, env: Env): void {
  const secure = isSecureRequest(c, env);
  deleteCookie(c, cookieName(sessionCookie, secure), { path: '/', secure });
  if (secure) deleteCookie(c, sessionCookie, { path: '/' });
}

const unsafeMethod = (m: string) => !['GET', 'HEAD', 'OPTIONS'].includes(m);
const isFormBody = (c: Context) => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '');

/**
 * Origin / Sec-Fetch-Site check (hono/csrf) for every unsafe request, /api included: a form
 * posted from another site is refused. Requests that carry neither header do not come from a
 * browser page; for pages they still need the token below.
 */
function originCheck(env: Env): MiddlewareHandler<AppEnv> {
  const publicOrigin = env.PUBLIC_BASE_URL ? new URL(env.PUBLIC_BASE_URL).origin : undefined;
  const check = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin });
  return async (c, next) => {
    if (unsafeMethod(c.req.method) && (c.req.header('origin') !== undefined || c.req.header('sec-fetch-site') !== undefined)) {
      try {
        await check(c, async () => undefined);
      } catch {
        throw new AppError('forbidden', t.csrfRefused);
      }
    }
    await next();
  };
}

/**
 * The CSRF check reads form bodies before any route does, so it caps them first: no page form
 * needs more (routes with uploads set their own, lower limits).
 */
export const maxFormBytes = 25 * 1024 * 1024;
const formLimit = bodyLimit({
  maxSize: maxFormBytes,
  onError: () => {
    throw new AppError('payload_too_large', errorMessages.bodyTooLarge, [], { limit: `${maxFormBytes / 1024 / 1024} MiB` });
  },
});

async function submittedCsrfToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(csrfHeaderName);
  if (header) return header;
  if (!isFormBody(c)) return undefined;
  const body = await c.req.parseBody();
  const value = body[csrfFieldName];
  return typeof value === 'string' ? value : undefined;
}

/**
 * One middleware for the whole app (mounted in app.tsx): request context for components,
 * the session (c.var.user), the CSRF token (c.var.csrfToken) and its check on every
 * state-changing page request, and sign-in redirects for pages that need a user.
 */
export function accountsMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { db, env } = deps;
  const storage = contextStorage();
  const origins = originCheck(env);
  return (c, next) =>
    storage(c, async () => {
      const token = readSessionToken(c);
      const session = token ? await loadSession(db, env, token) : undefined;
      c.set('demoSignIn', isDemoSignInOpen(env, clientAddress(c, env)));
      let anonymousCookieOk = false;
      if (session) {
        c.set('user', session.user);
        c.set('csrfToken', session.csrfToken);
      } else {
        try {
          const cookie = readCookie(c, csrfCookie);
          anonymousCookieOk = !!cookie && (await isValidAnonymousCsrfToken(db, cookie));
          c.set('csrfToken', anonymousCookieOk && cookie ? cookie : await newAnonymousCsrfToken(db));
        } catch (err) {
          // Database down: /healthz and /readyz must still answer; forms will be refused.
          deps.logger.warn({ err }, 'CSRF signing key unavailable');
        }
      }

      await origins(c, async () => {
        if (!unsafeMethod(c.req.method) || c.req.path.startsWith('/api/')) return next();
        await formLimit(c, async () => {
          const submitted = await submittedCsrfToken(c);
          const isValid = session
            ? !!submitted && safeEqual(submitted, session.csrfToken)
            : !!submitted && anonymousCookieOk && safeEqual(submitted, readCookie(c, csrfCookie) ?? '');
          if (!isValid) throw new AppError('forbidden', t.csrfRefused);
          await next();
        });
      });

      if (!session && !anonymousCookieOk && wasCsrfTokenUsed(c) && c.var.csrfToken) {
        const secure = isSecureRequest(c, env);
        setCookie(c, cookieName(csrfCookie, secure), c.var.csrfToken, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
      }
      // A page that needs a signed-in person sends anonymous visitors to the sign-in form and back.
      if (isAppError(c.error) && c.error.code === 'unauthorized' && !c.req.path.startsWith('/api/')) {
        const back = c.req.method === 'GET' ? new URL(c.req.url).pathname + new URL(c.req.url).search : '/account';
        c.res = new Response(null, { status: c.req.method === 'GET' ? 302 : 303, headers: { Location: `/sign-in?next=${encodeURIComponent(back)}` } });
      }
    });
}

/**
 * Is the demo sign-in page (/demo) open to this request? Only on an installation with the demo on,
 * never in production, and to the machine itself (the newcomer who ran `npm start`) unless the
 * operator opened it to everyone with LOKALKRAFT_DEMO_SIGNIN=true.
 */
export function isDemoSignInOpen(env: Pick<Env, 'LOKALKRAFT_DEMO' | 'LOKALKRAFT_DEMO_SIGNIN' | 'NODE_ENV'>, address: string): boolean {
  return env.LOKALKRAFT_DEMO && env.NODE_ENV !== 'production' && (env.LOKALKRAFT_DEMO_SIGNIN || isLoopbackAddress(address));
}
