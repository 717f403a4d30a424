import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { defaultLocale, isLocale, localeFromAcceptLanguage } from '../i18n/i18n.js';
import type { AppEnv } from './context.js';

const cookieName = 'lk_lang';

/**
 * Language: `?lang=` in the URL wins and is remembered in a cookie; then the cookie;
 * then Accept-Language; then English.
 */
export const localeMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const fromUrl = c.req.query('lang');
  if (isLocale(fromUrl)) {
    setCookie(c, cookieName, fromUrl, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'Lax', httpOnly: true });
    c.set('locale', fromUrl);
  } else {
    const fromCookie = getCookie(c, cookieName);
    c.set('locale', isLocale(fromCookie) ? fromCookie : (localeFromAcceptLanguage(c.req.header('accept-language')) ?? defaultLocale));
  }
  await next();
  c.header('Content-Language', c.var.locale);
  c.header('Vary', 'Accept-Language, Cookie', { append: true });
};
