import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { AppError } from '../../shared/errors.js';
import { formatTime } from '../../shared/i18n/format.js';
import { requireUser } from '../../shared/http/auth.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { clearSessionCookie, clientAddress, readSessionToken, setSessionCookie } from './accounts.http.js';
import { accountsText as t } from './accounts.messages.js';
import { apiSignInSchema, fieldLabels, safeReturnPath, signInFormSchema, toSessionUserDto } from './accounts.schemas.js';
import { endSession, signInWithPassword, type SignInResult } from './accounts.service.js';
import { SignInPage } from './accounts.views.js';
import { accountPageRoutes } from './accounts.account-routes.js';
import { linkRoutes } from './accounts.link-routes.js';
import { isOidcConfigured, oidcRoutes } from './accounts.oidc-routes.js';
import { outboxRoutes } from './accounts.outbox-routes.js';
import { demoSignInRoutes } from './accounts.demo-routes.js';

/** The refusal of a limited sign-in, as an error in the reader's language (the time in their zone). */
export function rateLimitError(l: Locale, result: Extract<SignInResult, { kind: 'rate_limited' }>): AppError {
  const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000));
  return new AppError('rate_limited', result.scope === 'account' ? t.rateLimitedAccount : t.rateLimitedAddress, [], {
    minutes,
    time: formatTime(result.retryAt, l),
  });
}

/** Pages: /sign-in, /sign-out, /sign-up, /forgot-password, /reset-password/:t, /verify-email/:t, /invitations/:t, /account…; API: /api/v1/session, /api/v1/me. */
export function accountsRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();
  const oidcLabel = () => (isOidcConfigured(env) ? env.OIDC_LABEL : undefined);

  app.get('/sign-in', (c) => {
    const next = safeReturnPath(c.req.query('next'));
    if (c.var.user) return c.redirect(next);
    return c.html(<SignInPage locale={c.var.locale} currentUrl={c.req.url} next={next} oidcLabel={oidcLabel()} />);
  });

  app.post('/sign-in', async (c) => {
    const l = c.var.locale;
    const form = parseOrThrow(signInFormSchema, await c.req.parseBody(), { labels: fieldLabels });
    const result = await signInWithPassword(db, env, {
      email: form.email,
      password: form.password,
      ip: clientAddress(c, env),
      userAgent: c.req.header('user-agent'),
      previousToken: readSessionToken(c),
      locale: l,
    });
    if (result.kind === 'signed_in') {
      setSessionCookie(c, env, result.session.token);
      return c.redirect(form.next, 303);
    }
    const error = result.kind === 'rate_limited' ? rateLimitError(l, result).messageIn(l) : t.invalidCredentials[l];
    if (result.kind === 'rate_limited') c.header('Retry-After', String(Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000))));
    return c.html(
      <SignInPage locale={l} currentUrl={c.req.url} next={form.next} email={form.email} error={error} oidcLabel={oidcLabel()} />,
      result.kind === 'rate_limited' ? 429 : 401,
    );
  });

  app.post('/sign-out', async (c) => {
    await endSession(db, readSessionToken(c));
    clearSessionCookie(c, env);
    return c.redirect(`/?lang=${c.var.locale}`, 303);
  });

  // JSON sign-in for scripts and apps: 401 on wrong credentials, 429 with Retry-After when limited.
  app.post('/api/v1/session', async (c) => {
    const body = parseOrThrow(apiSignInSchema, await c.req.json().catch(() => ({})), { labels: fieldLabels });
    const result = await signInWithPassword(db, env, {
      ...body,
      ip: clientAddress(c, env),
      userAgent: c.req.header('user-agent'),
      previousToken: readSessionToken(c),
    });
    if (result.kind === 'rate_limited') {
      c.header('Retry-After', String(Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000))));
      throw rateLimitError(c.var.locale, result);
    }
    if (result.kind === 'invalid') throw new AppError('unauthorized', t.invalidCredentials);
    setSessionCookie(c, env, result.session.token);
    return c.json({ csrfToken: result.session.csrfToken }, 201);
  });

  app.delete('/api/v1/session', async (c) => {
    await endSession(db, readSessionToken(c));
    clearSessionCookie(c, env);
    return c.body(null, 204);
  });

  app.get('/api/v1/me', (c) => c.json({ user: toSessionUserDto(requireUser(c)) }));

  app.route('/', accountPageRoutes(deps));
  app.route('/', linkRoutes(deps));
  app.route('/', oidcRoutes(deps));
  app.route('/', outboxRoutes(deps));
  app.route('/', demoSignInRoutes(deps));
  return app;
}
