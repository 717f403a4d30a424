import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { requireUser, type SessionUser } from '../../shared/http/auth.js';
import type { LocalisedIssue } from '../../shared/errors.js';
import { common } from '../../shared/i18n/common.messages.js';
import { AccountPage } from './accounts.account-views.js';
import { clearSessionCookie, clientAddress, publicBaseUrl } from './accounts.http.js';
import { accountsText as t } from './accounts.messages.js';
import { erasePerson, exportPersonalData, getAccountOverview } from './accounts.privacy.js';
import { formIssues, normaliseEmail, profileFormSchema } from './accounts.schemas.js';
import { endAllSessions, resendVerificationMail, updateProfile } from './accounts.service.js';
import { MessagePage } from './accounts.views.js';
import { acceptMyInvitation, listMyInvitations } from './accounts.invitations.js';
import { AppError } from '../../shared/errors.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';

/** /account: the signed-in person's own page — profile, roles, sessions, download my data, erase me. */
export function accountPageRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, user: SessionUser, extra: { issues?: LocalisedIssue[]; eraseError?: boolean } = {}, status: 200 | 400 = 200) => {
    const [overview, invitations] = await Promise.all([getAccountOverview(db, user.id), listMyInvitations(db, user)]);
    return c.html(
      <AccountPage
        locale={c.var.locale}
        currentUrl={c.req.url}
        user={user}
        overview={overview}
        invitations={invitations}
        notice={c.req.query('notice')}
        {...extra}
      />,
      status,
    );
  };

  app.get('/account', (c) => page(c, requireUser(c)));

  app.post('/account/profile', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    const parsed = profileFormSchema.safeParse(body);
    if (!parsed.success) return page(c, user, { issues: formIssues(parsed.error, body, c.var.locale) }, 400);
    await updateProfile(db, user.id, { displayName: parsed.data.name, locale: c.var.locale });
    return c.redirect(`/account?lang=${c.var.locale}&notice=saved`, 303);
  });

  // An invitation accepted here instead of through its link (the address must be verified).
  app.post('/account/invitations/:invitationId/accept', async (c) => {
    const user = requireUser(c);
    const id = c.req.param('invitationId');
    if (!/^\d{1,15}$/.test(id)) throw new AppError('not_found', errorMessages.notFound);
    await acceptMyInvitation(db, user, Number(id), c.var.requestId);
    return c.redirect(`/account?lang=${c.var.locale}&notice=invitation`, 303);
  });

  app.post('/account/verify-email', async (c) => {
    const user = requireUser(c);
    const result = await resendVerificationMail(db, { env, baseUrl: publicBaseUrl(env) }, user, clientAddress(c, env));
    if (result.kind === 'rate_limited')
      throw new AppError('rate_limited', t.mailRequestsLimited, [], {
        minutes: Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000)),
        time: result.retryAt.toISOString().slice(11, 16),
      });
    return c.redirect(`/account?lang=${c.var.locale}&notice=verification-sent`, 303);
  });

  app.post('/account/sign-out-everywhere', async (c) => {
    const user = requireUser(c);
    await endAllSessions(db, user.id);
    clearSessionCookie(c, env);
    return c.redirect(`/sign-in?lang=${c.var.locale}`, 303);
  });

  // A download of everything about the person; never cached anywhere.
  app.get('/account/export', async (c) => {
    const user = requireUser(c);
    const data = await exportPersonalData(db, user.id);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="lokalkraft-my-data-${user.id}.json"`);
    return c.body(JSON.stringify(data, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.post('/account/erase', async (c) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    // Typing the address guards against a slip of the finger; CSRF guards against other sites.
    if (typeof body.confirm_email !== 'string' || normaliseEmail(body.confirm_email) !== user.email) return page(c, user, { eraseError: true }, 400);
    await erasePerson(db, user.id);
    clearSessionCookie(c, env);
    c.set('user', undefined);
    const l = c.var.locale;
    return c.html(
      <MessagePage
        locale={l}
        currentUrl={c.req.url}
        title={t.erasedTitle[l]}
        message={t.erasedText[l]}
        link={{ href: `/?lang=${l}`, text: common.backHome[l] }}
      />,
    );
  });

  return app;
}
