import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { localiseIssues, type LocalisedIssue } from '../../shared/errors.js';
import { toFieldIssues } from '../../shared/http/validate.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { clientAddress, publicBaseUrl, readSessionToken, setSessionCookie } from './accounts.http.js';
import { acceptInvitation, findInvitation } from './accounts.invitations.js';
import { accountsText as t } from './accounts.messages.js';
import { acceptInvitationFormSchema, emailSchema, formIssues, setPasswordFormSchema, signUpFormSchema } from './accounts.schemas.js';
import { isResetTokenUsable, requestPasswordReset, resetPassword, signUp, startSession, verifyEmail } from './accounts.service.js';
import { ForgotPasswordPage, MessagePage, SetPasswordPage, SignUpPage } from './accounts.views.js';

const tokenPattern = /^[A-Za-z0-9_-]{20,100}$/;
const retryAfterSeconds = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
const tooManyRequests = (l: Locale, at: Date) =>
  format(t.mailRequestsLimited[l], { minutes: Math.ceil(retryAfterSeconds(at) / 60), time: at.toISOString().slice(11, 16) });

/** Sign-up and the pages behind links sent by mail. A GET never uses up a link; the form's POST does. */
export function linkRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const app = new Hono<AppEnv>();
  const ctx = (_c: Context<AppEnv>) => ({ env, baseUrl: publicBaseUrl(env) });
  const invalidLink = (c: Context<AppEnv>) =>
    c.html(
      <MessagePage
        locale={c.var.locale}
        currentUrl={c.req.url}
        title={t.linkInvalidTitle[c.var.locale]}
        message={t.linkInvalid[c.var.locale]}
        link={{ href: `/forgot-password?lang=${c.var.locale}`, text: t.forgotTitle[c.var.locale] }}
      />,
      410,
    );

  app.get('/sign-up', (c) => c.html(<SignUpPage locale={c.var.locale} currentUrl={c.req.url} />));
  app.post('/sign-up', async (c) => {
    const l = c.var.locale;
    const body = await c.req.parseBody();
    const parsed = signUpFormSchema.safeParse(body);
    if (!parsed.success) {
      return c.html(
        <SignUpPage
          locale={l}
          currentUrl={c.req.url}
          name={String(body.name ?? '')}
          email={String(body.email ?? '')}
          issues={formIssues(parsed.error, body, l)}
        />,
        400,
      );
    }
    // Same answer whether or not the address had an account (the owner of an existing one gets a mail).
    const result = await signUp(db, ctx(c), {
      email: parsed.data.email,
      displayName: parsed.data.name,
      password: parsed.data.password,
      locale: l,
      ip: clientAddress(c, env),
    });
    if (result.kind === 'rate_limited') {
      c.header('Retry-After', String(retryAfterSeconds(result.retryAt)));
      return c.html(
        <SignUpPage locale={l} currentUrl={c.req.url} name={parsed.data.name} email={parsed.data.email} error={tooManyRequests(l, result.retryAt)} />,
        429,
      );
    }
    return c.html(<SignUpPage locale={l} currentUrl={c.req.url} done={format(t.signUpDone[l], { email: parsed.data.email })} />);
  });

  app.get('/forgot-password', (c) => c.html(<ForgotPasswordPage locale={c.var.locale} currentUrl={c.req.url} />));
  app.post('/forgot-password', async (c) => {
    const l = c.var.locale;
    const body = await c.req.parseBody();
    const parsed = emailSchema.safeParse(body.email);
    if (!parsed.success) {
      const issues = localiseIssues(
        toFieldIssues(parsed.error, body).map((i) => ({ ...i, field: 'email', label: t.email })),
        l,
      );
      return c.html(<ForgotPasswordPage locale={l} currentUrl={c.req.url} email={String(body.email ?? '')} issues={issues} />, 400);
    }
    const result = await requestPasswordReset(db, ctx(c), parsed.data, clientAddress(c, env));
    if (result.kind === 'rate_limited') {
      c.header('Retry-After', String(retryAfterSeconds(result.retryAt)));
      return c.html(<ForgotPasswordPage locale={l} currentUrl={c.req.url} email={parsed.data} error={tooManyRequests(l, result.retryAt)} />, 429);
    }
    return c.html(<ForgotPasswordPage locale={l} currentUrl={c.req.url} sentTo={parsed.data} />);
  });

  app.get('/reset-password/:token', async (c) => {
    const l = c.var.locale;
    const token = c.req.param('token');
    if (!tokenPattern.test(token) || !(await isResetTokenUsable(db, token))) return invalidLink(c);
    return c.html(
      <SetPasswordPage
        locale={l}
        currentUrl={c.req.url}
        action={`/reset-password/${token}?lang=${l}`}
        title={t.resetTitle[l]}
        submitLabel={t.savePassword[l]}
      />,
    );
  });
  app.post('/reset-password/:token', async (c) => {
    const l = c.var.locale;
    const token = c.req.param('token');
    if (!tokenPattern.test(token)) return invalidLink(c);
    const body = await c.req.parseBody();
    const parsed = setPasswordFormSchema.safeParse(body);
    if (!parsed.success) {
      return c.html(
        <SetPasswordPage
          locale={l}
          currentUrl={c.req.url}
          action={`/reset-password/${token}?lang=${l}`}
          title={t.resetTitle[l]}
          submitLabel={t.savePassword[l]}
          issues={formIssues(parsed.error, body, l)}
        />,
        400,
      );
    }
    const userId = await resetPassword(db, token, parsed.data.password);
    if (!userId) return invalidLink(c);
    return c.html(
      <MessagePage
        locale={l}
        currentUrl={c.req.url}
        title={t.resetTitle[l]}
        message={t.resetDone[l]}
        link={{ href: `/sign-in?lang=${l}`, text: t.signIn[l] }}
      />,
    );
  });

  app.get('/verify-email/:token', (c) => {
    const l = c.var.locale;
    const token = c.req.param('token');
    if (!tokenPattern.test(token)) return invalidLink(c);
    return c.html(
      <MessagePage
        locale={l}
        currentUrl={c.req.url}
        title={t.verifyTitle[l]}
        message={t.verifyIntro[l]}
        action={`/verify-email/${token}?lang=${l}`}
        button={t.verifyButton[l]}
      />,
    );
  });
  app.post('/verify-email/:token', async (c) => {
    const l = c.var.locale;
    const token = c.req.param('token');
    if (!tokenPattern.test(token) || !(await verifyEmail(db, token))) return invalidLink(c);
    return c.html(
      <MessagePage
        locale={l}
        currentUrl={c.req.url}
        title={t.verifyTitle[l]}
        message={t.verifyDone[l]}
        link={{ href: `/account?lang=${l}`, text: t.accountTitle[l] }}
      />,
    );
  });

  const invitationPage = async (c: Context<AppEnv>, issues?: LocalisedIssue[], name?: string) => {
    const l = c.var.locale;
    const token = c.req.param('token') ?? '';
    const invitation = tokenPattern.test(token) ? await findInvitation(db, token) : undefined;
    if (!invitation) return invalidLink(c);
    const what = invitation.role
      ? format(t.inviteIntro[l], { organisation: invitation.organisationName ?? t.anOrganisation[l], role: t[`role_${invitation.role}`][l] })
      : t.inviteNetworkAdmin[l];
    const action = `/invitations/${token}?lang=${l}`;
    const user = c.var.user;
    if (user && user.email !== invitation.email) {
      return c.html(
        <MessagePage
          locale={l}
          currentUrl={c.req.url}
          title={t.inviteTitle[l]}
          message={`${what} ${format(t.inviteWrongAccount[l], { email: invitation.email, current: user.email })}`}
        />,
        issues ? 403 : 200,
      );
    }
    if (user)
      return c.html(<MessagePage locale={l} currentUrl={c.req.url} title={t.inviteTitle[l]} message={what} action={action} button={t.acceptInvite[l]} />);
    if (invitation.hasAccount) {
      const back = encodeURIComponent(`/invitations/${token}`);
      return c.html(
        <MessagePage
          locale={l}
          currentUrl={c.req.url}
          title={t.inviteTitle[l]}
          message={`${what} ${format(t.inviteSignInFirst[l], { email: invitation.email })}`}
          link={{ href: `/sign-in?lang=${l}&next=${back}`, text: t.signIn[l] }}
        />,
      );
    }
    return c.html(
      <SetPasswordPage
        locale={l}
        currentUrl={c.req.url}
        action={action}
        title={t.inviteTitle[l]}
        intro={`${what} ${format(t.inviteCreateAccount[l], { email: invitation.email })}`}
        withName
        name={name}
        issues={issues}
        submitLabel={t.acceptInvite[l]}
      />,
      issues ? 400 : 200,
    );
  };

  app.get('/invitations/:token', (c) => invitationPage(c));
  app.post('/invitations/:token', async (c) => {
    const l = c.var.locale;
    const token = c.req.param('token');
    if (!tokenPattern.test(token)) return invalidLink(c);
    let newAccount: { displayName: string; password: string } | undefined;
    if (!c.var.user) {
      const body = await c.req.parseBody();
      const parsed = acceptInvitationFormSchema.safeParse(body);
      const invitation = await findInvitation(db, token);
      if (invitation && !invitation.hasAccount) {
        if (!parsed.success) return invitationPage(c, formIssues(parsed.error, body, c.var.locale), String(body.name ?? ''));
        newAccount = { displayName: parsed.data.name, password: parsed.data.password };
      }
    }
    const result = await acceptInvitation(db, token, { user: c.var.user, newAccount }, c.var.requestId);
    if (result.kind !== 'accepted') return result.kind === 'invalid' ? invalidLink(c) : invitationPage(c, []);
    if (result.isNewAccount) {
      const session = await startSession(db, env, result.userId, {
        previousToken: readSessionToken(c),
        ip: clientAddress(c, env),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookie(c, env, session.token);
    }
    return c.redirect(`/account?lang=${l}&notice=invitation`, 303);
  });

  return app;
}
