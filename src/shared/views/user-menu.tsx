import { tryGetContext } from 'hono/context-storage';
import type { AppEnv } from '../http/context.js';
import { defineMessages, type Locale } from '../i18n/i18n.js';
import { CsrfField } from './csrf-field.js';

const text = defineMessages({
  signIn: { nb: 'Logg inn', sv: 'Logga in', fi: 'Kirjaudu sisään', en: 'Sign in' },
  signOut: { nb: 'Logg ut', sv: 'Logga ut', fi: 'Kirjaudu ulos', en: 'Sign out' },
  account: { nb: 'Din konto', sv: 'Ditt konto', fi: 'Tilisi', en: 'Your account' },
  network: { nb: 'Nettverket', sv: 'Nätverket', fi: 'Verkosto', en: 'Network' },
  myFirms: { nb: 'Mine bedrifter', sv: 'Mina företag', fi: 'Omat yritykset', en: 'My firms' },
  jobs: { nb: 'Jobber', sv: 'Jobb', fi: 'Taustatyöt', en: 'Jobs' },
});

/** Header corner: a sign-in link, or the person's name (to /account) and a sign-out form. */
export function UserMenu(props: { locale: Locale }) {
  const l = props.locale;
  const user = tryGetContext<AppEnv>()?.var.user;
  if (!user) {
    return (
      <div class="user-menu">
        <a href={`/sign-in?lang=${l}`}>{text.signIn[l]}</a>
      </div>
    );
  }
  return (
    <>
      {user.isNetworkAdmin || user.roles.length || user.managedFirmIds.length ? (
        <div class="work-menu">
          {user.isNetworkAdmin || user.roles.length ? <a href={`/network?lang=${l}`}>{text.network[l]}</a> : null}
          {user.managedFirmIds.length ? <a href={`/my/firms?lang=${l}`}>{text.myFirms[l]}</a> : null}
          {user.isNetworkAdmin ? <a href={`/admin/jobs?lang=${l}`}>{text.jobs[l]}</a> : null}
        </div>
      ) : null}
      <div class="user-menu">
        <a href={`/account?lang=${l}`} aria-label={`${text.account[l]}: ${user.displayName || user.email}`}>
          {user.displayName || user.email}
        </a>
        <form method="post" action="/sign-out" class="inline-form">
          <CsrfField />
          <button type="submit" class="button-secondary">
            {text.signOut[l]}
          </button>
        </form>
      </div>
    </>
  );
}
