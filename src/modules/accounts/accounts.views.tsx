import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../shared/errors.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { CsrfField } from '../../shared/views/csrf-field.js';
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

/** Field errors → localised text; the summary links to each field (WCAG 3.3.1). */
export function fieldMessage(l: Locale, issue: FieldIssue): string {
  const m = issue.message;
  if (typeof m !== 'string') return m[l];
  if (/e-mail/.test(m)) return t.fieldInvalidEmail[l];
  if (/at least 10/.test(m)) return t.fieldPasswordShort[l];
  if (/does not match/.test(m)) return t.fieldPasswordMismatch[l];
  if (/required|at least 1|>=1/.test(m)) return t.fieldRequired[l];
  return t.fieldInvalid[l];
}

export function ErrorSummary(props: { locale: Locale; issues?: FieldIssue[]; message?: string }) {
  const l = props.locale;
  if (!props.message && !props.issues?.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="form-errors">
      {props.message ? <p>{props.message}</p> : <p>{t.formErrors[l]}</p>}
      {props.issues?.length ? (
        <ul>
          {props.issues.map((i) => (
            <li>
              <a href={`#f-${i.field}`}>{`${labelFor(l, i.field)}: ${fieldMessage(l, i)}`}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function labelFor(l: Locale, field: string): string {
  const labels: Record<string, string> = { email: t.email[l], password: t.password[l], password_confirm: t.passwordConfirm[l], name: t.name[l] };
  return labels[field] ?? field;
}

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function Field(props: { locale: Locale; name: string; label: string; type?: string; value?: string; autocomplete?: string; hint?: string; issues?: FieldIssue[]; required?: boolean }) {
  const id = `f-${props.name}`;
  const issue = props.issues?.find((i) => i.field === props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', issue ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        aria-invalid={issue ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {issue ? (
        <p class="field-error" id={`${id}-error`}>
          {fieldMessage(props.locale, issue)}
        </p>
      ) : null}
    </div>
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
        <Field locale={l} name="email" type="email" label={t.email[l]} value={props.email} autocomplete="username" />
        <Field locale={l} name="password" type="password" label={t.password[l]} autocomplete="current-password" />
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

export function SignUpPage(props: PageBase & { name?: string; email?: string; issues?: FieldIssue[]; done?: string; error?: string }) {
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
            <Field locale={l} name="name" label={t.name[l]} value={props.name} autocomplete="name" issues={props.issues} />
            <Field locale={l} name="email" type="email" label={t.email[l]} value={props.email} autocomplete="email" issues={props.issues} />
            <Field locale={l} name="password" type="password" label={t.password[l]} autocomplete="new-password" hint={t.passwordHint[l]} issues={props.issues} />
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

export function ForgotPasswordPage(props: PageBase & { sentTo?: string; issues?: FieldIssue[]; email?: string; error?: string }) {
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
        <Field locale={l} name="email" type="email" label={t.email[l]} value={props.email} autocomplete="email" issues={props.issues} />
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

export function SetPasswordPage(props: PageBase & { action: string; title: string; intro?: string; withName?: boolean; name?: string; issues?: FieldIssue[]; submitLabel: string }) {
  const l = props.locale;
  return (
    <AccountsPage {...props} title={props.title}>
      <h1>{props.title}</h1>
      {props.intro ? <p>{props.intro}</p> : null}
      <ErrorSummary locale={l} issues={props.issues} />
      <form class="account-form" method="post" action={props.action}>
        <CsrfField />
        {props.withName ? <Field locale={l} name="name" label={t.name[l]} value={props.name} autocomplete="name" issues={props.issues} /> : null}
        <Field locale={l} name="password" type="password" label={t.newPassword[l]} autocomplete="new-password" hint={t.passwordHint[l]} issues={props.issues} />
        <Field locale={l} name="password_confirm" type="password" label={t.passwordConfirm[l]} autocomplete="new-password" issues={props.issues} />
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
