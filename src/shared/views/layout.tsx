import type { Child } from 'hono/jsx';
import { common } from '../i18n/common.messages.js';
import { htmlLang, localeNames, locales, type Locale } from '../i18n/i18n.js';
import { publicNavItems } from './navigation.js';
import { UserMenu } from './user-menu.js';
import { branding } from './branding.js';

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** Current path + query, used by the language selector to stay on the same page. */
  currentUrl: string;
  description?: string;
  head?: Child;
  children?: Child;
  nonce?: string;
}

/** Rebuilds a URL with `lang` set, keeping every other parameter (shareable URLs). */
export function withLang(currentUrl: string, lang: Locale): string {
  const url = new URL(currentUrl, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/** The URL without `lang` (the x-default alternate: the language follows the visitor's browser). */
export function withoutLang(currentUrl: string): string {
  const url = new URL(currentUrl, 'http://x');
  url.searchParams.delete('lang');
  const q = url.searchParams.toString();
  return q ? `${url.pathname}?${q}` : url.pathname;
}

export function Layout(props: LayoutProps) {
  const { locale: l } = props;
  const url = new URL(props.currentUrl, 'http://x');
  const hidden = [...url.searchParams.entries()].filter(([k]) => k !== 'lang');
  const brand = branding();
  const siteName = brand.siteName ?? common.siteName[l];
  return (
    <html lang={htmlLang[l]}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${siteName}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="canonical" href={`${brand.baseUrl ?? ''}${withLang(props.currentUrl, l)}`} />
        {locales.map((alt) => (
          <link rel="alternate" hreflang={alt} href={`${brand.baseUrl ?? ''}${withLang(props.currentUrl, alt)}`} />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${brand.baseUrl ?? ''}${withoutLang(props.currentUrl)}`} />
        <link rel="stylesheet" href="/static/app.css" />
        {brand.brandColour ? <link rel="stylesheet" href="/brand.css" /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <meta name="theme-color" content={brand.brandColour ?? '#1d5c4b'} />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {common.skipToContent[l]}
        </a>
        <header class="site-header">
          <a class="brand" href={`/?lang=${l}`}>
            {brand.logoUrl ? <img class="brand-logo" src={brand.logoUrl} alt="" width={32} height={32} /> : null}
            {siteName}
          </a>
          <nav aria-label={common.mainNav[l]}>
            <ul>
              {publicNavItems().map((item) => (
                <li>
                  <a href={`${item.href}?lang=${l}`}>{item.label[l]}</a>
                </li>
              ))}
            </ul>
          </nav>
          <UserMenu locale={l} />
          <form class="lang-form" method="get" action={url.pathname}>
            {hidden.map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
            <label for="lang-select">{common.language[l]}</label>
            <select id="lang-select" name="lang" data-autosubmit="true">
              {locales.map((code) => (
                <option value={code} selected={code === l} lang={code}>
                  {localeNames[code]}
                </option>
              ))}
            </select>
            <button type="submit">{common.change[l]}</button>
          </form>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{common.footer[l]}</p>
        </footer>
        <script src="/static/app.js" defer></script>
      </body>
    </html>
  );
}

export function ErrorPage(props: { locale: Locale; title: string; message: string; currentUrl: string }) {
  return (
    <Layout locale={props.locale} title={props.title} currentUrl={props.currentUrl}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href={`/?lang=${props.locale}`}>{common.backHome[props.locale]}</a>
      </p>
    </Layout>
  );
}
