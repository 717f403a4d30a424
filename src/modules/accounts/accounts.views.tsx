import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../../shared/errors.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { CsrfField } from '../../shared/views/csrf-field.js';
import { ErrorSummary, Field } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { accountsText as t } from './accounts.messages.js';

export interface PageBase {
  locale: Locale;
  currentUrl: string;
}

export function AccountsPage(props: PageBase & { title: string; children?: Child }) {
  return (
    <Layout locale={props.locale} title={props.title} currentUrl={props.currentUrl} head={<link rel="stylesheet" href="/static/accounts.css" />}>
      {props.children}
    </Layout>
  );
}

export function SignInPage(props: PageBase & { email?: string; next: string; error?: string; notice?: string; oidcLabel?: string }) {
  const l = props.locale;
  return (
    <AccountsPage {...props} title={t.signIn[l]}>
      <h1>{t.signIn[l]}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary locale={l} message={props.error} />
      <form class="account-form" method="post" action={`/sign-in?lang=${l}`}>
        <CsrfField />
        <input type="hidden" name="next" value={props.next} />
        <Field required name="email" type="email" label={t.email[l]} value={props.email} autocomplete="username" />
        <Field required name="password" type="password" label={t.password[l]} autocomplete="current-password" />
        <div>
          <button type="submit">{t.signIn[l]}</button>
        </div>
      </form>
      <p>
        <a href={`/forgot-password?lang=${l}`}>{t.forgotPassword[l]}</a>
      </p>
      <p>
        {t.noAccountYet[l]} <a href={`/sign-up?lang=${l}`}>{t.signUp[l]}</a>
      </p>
      {props.oidcLabel ? (
        <section class="account-section" aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t.orSignInWith[l]}</h2>
          <p>
            <a class="button button-secondary" href={`/sign-in/oidc?next=${encodeURIComponent(props.next)}`}>
              {props.oidcLabel}
            </a>
          </p>
        </section>
      ) : null}
    </AccountsPage>
  );
}

export function SignUpPage(props: PageBase & { name?: string; email?: string; issues?: LocalisedIssue[]; done?: string; error?: string }) {
  const l = props.locale;
  return (
    <AccountsPage {...props} title={t.signUp[l]}>
      <h1>{t.signUp[l]}</h1>
      {props.done ? (
        <p class="notice" role="status">
          {props.done} <a href={`/sign-in?lang=${l}`}>{t.signIn[l]}</a>
        </p>
      ) : (
        <>
          <p>{t.signUpIntro[l]}</p>
          <ErrorSummary locale={l} message={props.error} issues={props.issues} />
          <form class="account-form" method="post" action={`/sign-up?lang=${l}`}>
            <CsrfField />
            <Field required name="name" label={t.name[l]} value={props.name} autocomplete="name" issues={props.issues} />
            <Field required name="email" type="email" label={t.email[l]} value={props.email} autocomplete="email" issues={props.issues} />
            <Field required name="password" type="password" label={t.password[l]} autocomplete="new-password" hint={t.passwordHint[l]} issues={props.issues} />
            <div>
              <button type="submit">{t.signUp[l]}</button>
            </div>
          </form>
          <p>
            {t.haveAccount[l]} <a href={`/sign-in?lang=${l}`}>{t.signIn[l]}</a>
          </p>
        </>
      )}
    </AccountsPage>
  );
}

export function ForgotPasswordPage(props: PageBase & { sentTo?: string; issues?: LocalisedIssue[]; email?: string; error?: string }) {
  const l = props.locale;
  return (
    <AccountsPage {...props} title={t.forgotTitle[l]}>
      <h1>{t.forgotTitle[l]}</h1>
      {props.sentTo ? (
        <p class="notice" role="status">
          {format(t.forgotSent[l], { email: props.sentTo })}
        </p>
      ) : null}
      <p>{t.forgotIntro[l]}</p>
      <ErrorSummary locale={l} message={props.error} issues={props.issues} />
      <form class="account-form" method="post" action={`/forgot-password?lang=${l}`}>
        <CsrfField />
        <Field required name="email" type="email" label={t.email[l]} value={props.email} autocomplete="email" issues={props.issues} />
        <div>
          <button type="submit">{t.sendLink[l]}</button>
        </div>
      </form>
      <p>
        <a href={`/sign-in?lang=${l}`}>{t.signIn[l]}</a>
      </p>
    </AccountsPage>
  );
}

export function SetPasswordPage(
  props: PageBase & { action: string; title: string; intro?: string; withName?: boolean; name?: string; issues?: LocalisedIssue[]; submitLabel: string },
) {
  const l = props.locale;
  return (
    <AccountsPage {...props} title={props.title}>
      <h1>{props.title}</h1>
      {props.intro ? <p>{props.intro}</p> : null}
      <ErrorSummary locale={l} issues={props.issues} />
      <form class="account-form" method="post" action={props.action}>
        <CsrfField />
        {props.withName ? <Field required name="name" label={t.name[l]} value={props.name} autocomplete="name" issues={props.issues} /> : null}
        <Field required name="password" type="password" label={t.newPassword[l]} autocomplete="new-password" hint={t.passwordHint[l]} issues={props.issues} />
        <Field required name="password_confirm" type="password" label={t.passwordConfirm[l]} autocomplete="new-password" issues={props.issues} />
        <div>
          <button type="submit">{props.submitLabel}</button>
        </div>
      </form>
    </AccountsPage>
  );
}

/** A page with a message and an optional one-button form (links in mail never change state on GET). */
export function MessagePage(props: PageBase & { title: string; message: string; action?: string; button?: string; link?: { href: string; text: string } }) {
  return (
    <AccountsPage {...props} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.action && props.button ? (
        <form method="post" action={props.action}>
          <CsrfField />
          <button type="submit">{props.button}</button>
        </form>
      ) : null}
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.text}</a>
        </p>
      ) : null}
    </AccountsPage>
  );
}
