import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { format } from '../../shared/i18n/i18n.js';
import { clientAddress, isSecureRequest, readSessionToken, setSessionCookie } from './accounts.http.js';
import { accountsText as t } from './accounts.messages.js';
import { beginOidcSignIn, completeOidcSignIn, isOidcConfigured } from './accounts.oidc.js';
import { safeReturnPath } from './accounts.schemas.js';
import { SignInPage } from './accounts.views.js';

export { isOidcConfigured };

const flowCookie = 'lk_oidc';

/** /sign-in/oidc → the provider → /sign-in/oidc/callback (the path of OIDC_REDIRECT_URL). */
export function oidcRoutes(deps: AppDeps) {
  const { db, env, logger } = deps;
  const app = new Hono<AppEnv>();
  if (!isOidcConfigured(env)) return app;
  const callbackPath = new URL(env.OIDC_REDIRECT_URL!).pathname;

  app.get('/sign-in/oidc', async (c) => {
    const { redirectTo, flowToken } = await beginOidcSignIn(db, env, safeReturnPath(c.req.query('next')));
    // SameSite=Lax: the provider's redirect back is a top-level GET, which carries the cookie.
    setCookie(c, flowCookie, flowToken, { path: callbackPath, httpOnly: true, sameSite: 'Lax', secure: isSecureRequest(c, env), maxAge: 600 });
    return c.redirect(redirectTo.href, 302);
  });

  app.get(callbackPath, async (c) => {
    const l = c.var.locale;
    const result = await completeOidcSignIn(db, env, {
      flowToken: getCookie(c, flowCookie),
      query: new URL(c.req.url).search,
      previousToken: readSessionToken(c),
      ip: clientAddress(c, env),
      userAgent: c.req.header('user-agent'),
      locale: l,
    });
    deleteCookie(c, flowCookie, { path: callbackPath });
    if (result.kind === 'signed_in') {
      setSessionCookie(c, env, result.session.token);
      return c.redirect(result.returnTo, 302);
    }
    if (result.kind === 'failed') logger.warn({ reason: result.reason }, 'OIDC sign-in failed');
    const message = format(result.kind === 'unverified_email' ? t.oidcNeedsVerifiedEmail[l] : t.oidcFailed[l], { provider: env.OIDC_LABEL });
    return c.html(<SignInPage locale={l} currentUrl={c.req.url} next="/account" error={message} oidcLabel={env.OIDC_LABEL} />, 401);
  });

  return app;
}
