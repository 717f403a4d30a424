import type { SessionUser } from '../../shared/http/auth.js';
import type { LocalisedIssue } from '../../shared/errors.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { CsrfField } from '../../shared/views/csrf-field.js';
import type { MyInvitation } from './accounts.invitations.js';
import { accountsText as t } from './accounts.messages.js';
import type { AccountOverview } from './accounts.privacy.js';
import { ErrorSummary, Field } from '../../shared/views/form.js';
import { AccountsPage, type PageBase } from './accounts.views.js';

const roleText = (l: Locale, role: string) => (t as Record<string, Record<Locale, string>>)[`role_${role}`]?.[l] ?? role;
const statusText = (l: Locale, s: string) => (t as Record<string, Record<Locale, string>>)[`status_${s}`]?.[l] ?? s;
const when = (d: Date) => new Date(d).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

const notices: Record<string, keyof typeof t> = {
  saved: 'saved',
  'verification-sent': 'verificationSent',
  verified: 'verifyDone',
  invitation: 'inviteAccepted',
};

export function AccountPage(
  props: PageBase & {
    user: SessionUser;
    overview: AccountOverview;
    invitations?: MyInvitation[];
    notice?: string;
    issues?: LocalisedIssue[];
    eraseError?: boolean;
  },
) {
  const l = props.locale;
  const o = props.overview;
  const noticeKey = props.notice ? notices[props.notice] : undefined;
  return (
    <AccountsPage {...props} title={t.accountTitle[l]}>
      <h1>{t.accountTitle[l]}</h1>
      {noticeKey ? (
        <p class="notice" role="status">
          {t[noticeKey][l]}
        </p>
      ) : null}
      <ErrorSummary locale={l} issues={props.issues} />

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t.profile[l]}</h2>
        <form class="account-form" method="post" action={`/account/profile?lang=${l}`}>
          <CsrfField />
          <Field required name="name" label={t.name[l]} value={o.displayName} autocomplete="name" issues={props.issues} />
          <div>
            <button type="submit">{t.save[l]}</button>
          </div>
        </form>
        <dl>
          <dt>{t.email[l]}</dt>
          <dd>
            {o.email} {o.isEmailVerified ? <span class="status-ok">({t.verified[l]})</span> : <span class="status-warn">({t.notVerified[l]})</span>}
          </dd>
        </dl>
        {o.isEmailVerified ? null : (
          <form method="post" action={`/account/verify-email?lang=${l}`}>
            <CsrfField />
            <button type="submit" class="button-secondary">
              {t.resendVerification[l]}
            </button>
          </form>
        )}
      </section>

      {props.invitations?.length ? (
        <section class="account-section" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t.myInvitations[l]}</h2>
          <ul>
            {props.invitations.map((i) => (
              <li>
                <form method="post" action={`/account/invitations/${i.id}/accept?lang=${l}`} class="inline-form">
                  <CsrfField />
                  {i.role ? `${i.organisationName ?? t.anOrganisation[l]}: ${roleText(l, i.role)}` : t.networkAdmin[l]}{' '}
                  <button type="submit">{t.acceptInvite[l]}</button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section class="account-section" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t.organisationsAndRoles[l]}</h2>
        {props.user.isNetworkAdmin ? <p>{t.networkAdmin[l]}</p> : null}
        {o.roles.length === 0 ? (
          <p>{t.noRoles[l]}</p>
        ) : (
          <table class="account-table">
            <thead>
              <tr>
                <th scope="col">{t.organisation[l]}</th>
                <th scope="col">{t.role[l]}</th>
              </tr>
            </thead>
            <tbody>
              {o.roles.map((r) => (
                <tr>
                  <td>{r.organisationName ?? `#${r.organisationId}`}</td>
                  <td>{roleText(l, r.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t.firmsManaged[l]}</h3>
        {o.firms.length === 0 ? (
          <p>{t.noFirms[l]}</p>
        ) : (
          <ul>
            {o.firms.map((f) => (
              <li>
                {f.status === 'approved' ? <a href={`/firms/${f.firmId}`}>{f.firmName}</a> : f.firmName} – {statusText(l, f.status)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="account-section" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t.sessions[l]}</h2>
        <ul>
          {o.sessions.map((s) => (
            <li>
              {when(s.createdAt)} – {s.userAgent ?? '?'}
            </li>
          ))}
        </ul>
        <form method="post" action={`/account/sign-out-everywhere?lang=${l}`}>
          <CsrfField />
          <button type="submit" class="button-secondary">
            {t.signOutEverywhere[l]}
          </button>
        </form>
      </section>

      <section class="account-section" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t.privacy[l]}</h2>
        <p>{t.exportIntro[l]}</p>
        <p>
          <a class="button" href="/account/export" download="lokalkraft-my-data.json">
            {t.exportButton[l]}
          </a>
        </p>
        <p>{t.eraseIntro[l]}</p>
        <form class="account-form" method="post" action={`/account/erase?lang=${l}`}>
          <CsrfField />
          <div>
            <label for="f-confirm_email">{t.eraseConfirmLabel[l]}</label>
            <input
              id="f-confirm_email"
              name="confirm_email"
              type="email"
              autocomplete="off"
              required
              aria-describedby={props.eraseError ? 'erase-error' : undefined}
              aria-invalid={props.eraseError ? 'true' : undefined}
            />
            {props.eraseError ? (
              <p class="field-error" id="erase-error">
                {t.eraseMismatch[l]}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" class="button-danger">
              {t.eraseButton[l]}
            </button>
          </div>
        </form>
      </section>
    </AccountsPage>
  );
}

export const formatSignedInAs = (l: Locale, name: string) => format(t.signedInAs[l], { name });
