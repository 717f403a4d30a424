import type { Child } from 'hono/jsx';
import type { Locale } from '../../shared/i18n/i18n.js';
import { common } from '../../shared/i18n/common.messages.js';
import { branding } from '../../shared/views/branding.js';

/**
 * Made to be found and shared: OpenGraph and Twitter card tags, the sitemap index and its pages,
 * robots.txt, the web app manifest and the favicon. Canonical and hreflang links come from the
 * layout (absolute with PUBLIC_BASE_URL).
 */

const ogLocale: Record<Locale, string> = { nb: 'nb_NO', sv: 'sv_SE', fi: 'fi_FI', en: 'en_GB' };

export const siteNameFor = (l: Locale) => branding().siteName ?? common.siteName[l];

/** OpenGraph + Twitter card tags of a page. */
export function ShareTags(props: {
  locale: Locale;
  title: string;
  description?: string;
  url: string;
  image?: string;
  type?: 'website' | 'business.business';
}): Child {
  const l = props.locale;
  const image = props.image ?? branding().logoUrl;
  const abs = (u: string | undefined) => (u?.startsWith('/') ? `${branding().baseUrl ?? ''}${u}` : u);
  return (
    <>
      <meta property="og:site_name" content={siteNameFor(l)} />
      <meta property="og:type" content={props.type ?? 'website'} />
      <meta property="og:title" content={props.title} />
      {props.description ? <meta property="og:description" content={props.description} /> : null}
      <meta property="og:url" content={props.url} />
      <meta property="og:locale" content={ogLocale[l]} />
      {image ? <meta property="og:image" content={abs(image)} /> : null}
      <meta name="twitter:card" content={props.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={props.title} />
      {props.description ? <meta name="twitter:description" content={props.description} /> : null}
      {image ? <meta name="twitter:image" content={abs(image)} /> : null}
    </>
  );
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Listings per sitemap page (the protocol allows 50 000 URLs and 50 MB; tests lower it). */
export const sitemapTuning = { pageSize: 50_000 };

/** The sitemap index: the static pages, then one page per `pageSize` listings (21 for a million). */
export function sitemapIndexXml(baseUrl: string, listingPages: number): string {
  const entries = [`${baseUrl}/sitemaps/pages.xml`, ...Array.from({ length: listingPages }, (_, i) => `${baseUrl}/sitemaps/firms-${i + 1}.xml`)];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries
    .map((u) => `  <sitemap><loc>${xmlEscape(u)}</loc></sitemap>`)
    .join('\n')}\n</sitemapindex>\n`;
}

/** A page of the sitemap: absolute URLs. */
export function sitemapPageXml(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
    .map((u) => `  <url><loc>${xmlEscape(u)}</loc></url>`)
    .join('\n')}\n</urlset>\n`;
}

export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /firms/*/manage',
    'Disallow: /my/',
    'Disallow: /admin/',
    'Disallow: /network/',
    'Disallow: /dev/',
    'Disallow: /sign-in',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}

export function webManifest(l: Locale): string {
  const b = branding();
  return JSON.stringify({
    name: siteNameFor(l),
    short_name: siteNameFor(l).slice(0, 12),
    lang: l,
    start_url: `/?lang=${l}`,
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: b.brandColour ?? '#1d5c4b',
    icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  });
}

/** A square icon: the site name's first letter on the brand colour. */
export function faviconSvg(): string {
  const b = branding();
  const letter = xmlEscape((b.siteName ?? 'Lokalkraft').trim().charAt(0).toUpperCase() || 'L');
  const colour = b.brandColour ?? '#1d5c4b';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${colour}"/><text x="32" y="45" font-family="system-ui,sans-serif" font-size="38" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
}

/** The brand colour as CSS custom properties (the design system in app.css reads them). */
export function brandCss(): string {
  const c = branding().brandColour;
  if (!c) return '';
  // Buttons and the header's band take it (white on it passes 4.5:1, checked at start-up); link colours stay the scheme's own.
  return `:root { --brand: ${c}; --accent: ${c}; }\n`;
}
