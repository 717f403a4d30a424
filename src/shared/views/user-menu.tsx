import { tryGetContext } from 'hono/context-storage';
import type { AppEnv } from '../http/context.js';
import { defineMessages, type Locale } from '../i18n/i18n.js';
import { CsrfField } from './csrf-field.js';
import { workNavItems } from './navigation.js';

const text = defineMessages({
  signIn: { nb: 'Logg inn', sv: 'Logga in', fi: 'Kirjaudu sisään', en: 'Sign in' },
  signOut: { nb: 'Logg ut', sv: 'Logga ut', fi: 'Kirjaudu ulos', en: 'Sign out' },
  account: { nb: 'Din konto', sv: 'Ditt konto', fi: 'Tilisi', en: 'Your account' },
  work: { nb: 'Arbeid', sv: 'Arbete', fi: 'Työ', en: 'Work' },
  demo: { nb: 'Prøv som demoperson', sv: 'Prova som demoperson', fi: 'Kokeile demohenkilönä', en: 'Try as a demo person' },
});

/** Header corner: a sign-in link, or the person's name (to /account) and a sign-out form. */
export function UserMenu(props: { locale: Locale }) {
  const l = props.locale;
  const vars = tryGetContext<AppEnv>()?.var;
  const user = vars?.user;
  const work = workNavItems(user);
  if (!user) {
    return (
      <div class="user-menu">
        {vars?.demoSignIn ? <a href={`/demo?lang=${l}`}>{text.demo[l]}</a> : null}
        <a href={`/sign-in?lang=${l}`}>{text.signIn[l]}</a>
      </div>
    );
  }
  return (
    <>
      {work.length ? (
        <nav class="work-menu" aria-label={text.work[l]}>
          {work.map((item) => (
            <a href={`${item.href}?lang=${l}`}>{item.label[l]}</a>
          ))}
        </nav>
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
