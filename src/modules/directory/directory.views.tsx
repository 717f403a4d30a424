import type { Child } from 'hono/jsx';
import { common } from '../../shared/i18n/common.messages.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { Layout } from '../../shared/views/layout.js';
import { formatNumber } from './directory.format.js';
import { msg } from './directory.messages.js';

export interface MapSettings {
  tileUrl: string;
  attribution: string;
}

/** Stylesheets and scripts of pages with a map; the map is an enhancement, so all are deferred. */
export function MapHead() {
  return (
    <>
      <meta name="color-scheme" content="light dark" />
      <link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
      <link rel="stylesheet" href="/static/directory.css" />
      <script src="/vendor/leaflet/leaflet.js" defer></script>
      <script src="/static/directory.js" defer></script>
    </>
  );
}

/** The map container: hidden until directory.js shows it; markers travel as a data attribute. */
export function MapPanel(props: {
  id: string;
  label: string;
  locale: Locale;
  map: MapSettings;
  markers: { lat: number; lon: number; name: string; href?: string }[];
  toggle?: boolean;
}) {
  const l = props.locale;
  return (
    <div
      class="map-panel"
      hidden
      data-map-panel=""
      data-markers={JSON.stringify(props.markers)}
      data-tile-url={props.map.tileUrl}
      data-attribution={props.map.attribution}
      data-tiles-failed={msg.tilesFailed[l]}
      data-label-show={props.toggle ? msg.showMap[l] : undefined}
      data-label-hide={props.toggle ? msg.hideMap[l] : undefined}
    >
      <div id={props.id} class="map" role="region" aria-label={props.label}></div>
    </div>
  );
}

const demoRegions: { title: keyof typeof msg; country: 'NO' | 'SE' | 'FI'; codes: string[] }[] = [
  { title: 'regionFjell', country: 'NO', codes: ['5025', '5026', '3430', '3426', '3427', '3429', '3428', '3424'] },
  { title: 'regionLapland', country: 'FI', codes: ['320', '732', '742', '583', '614'] },
  { title: 'regionTen', country: 'SE', codes: ['2506', '2505', '2425', '2510', '2481', '2418', '2422', '2421', '2462', '2463'] },
];

/** SITE_DEFAULT_AREA ("5025,5026" or "NO:5025,SE:2506") → municipality keys; a bare code matches it in any country. */
export function parseArea(value: string | undefined): { country?: string; code: string }[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((part) => {
    const [a, b] = part.trim().split(':');
    return b ? { country: a, code: b } : { code: a };
  });
}

type FrontMunicipality = { country: string; code: string; name: string; count: number };

/** A municipality of the front page: a link to its listings, or its name alone when it has none (no link to empty results). */
function PlaceItem(props: { locale: Locale; m: FrontMunicipality }) {
  const { m, locale: l } = props;
  return (
    <li>
      {m.count > 0 ? (
        <a href={`/firms?municipality=${m.code}&country=${m.country}`}>{`${m.name} (${formatNumber(l, m.count)})`}</a>
      ) : (
        <span class="muted">{`${m.name} – ${msg.noListingsHere[l]}`}</span>
      )}
    </li>
  );
}

export function FrontPage(props: {
  locale: Locale;
  currentUrl: string;
  municipalities: FrontMunicipality[];
  /** The network's own area (SITE_DEFAULT_AREA); without it the demo regions are shown. */
  area?: { country?: string; code: string }[];
  categories: { key: string; name: string; count?: number }[];
  head?: Child;
}) {
  const l = props.locale;
  const byKey = new Map(props.municipalities.map((m) => [`${m.country}:${m.code}`, m]));
  const area = props.area?.flatMap((a) => props.municipalities.filter((m) => m.code === a.code && (!a.country || a.country === m.country))) ?? [];
  const areaCodes = area.filter((m) => m.count > 0);
  const categories = props.categories.filter((c) => c.count === undefined || c.count > 0);
  return (
    <Layout
      locale={l}
      title={msg.frontTitle[l]}
      currentUrl={props.currentUrl}
      description={msg.frontIntro[l]}
      head={
        <>
          <meta name="color-scheme" content="light dark" />
          <link rel="stylesheet" href="/static/directory.css" />
          {props.head}
        </>
      }
    >
      <section class="hero" aria-labelledby="front-title">
        <h1 id="front-title">{msg.frontTitle[l]}</h1>
        <p>{msg.frontIntro[l]}</p>
        <form role="search" method="get" action="/firms" class="hero-search">
          <label for="front-q">{msg.searchLabel[l]}</label>
          <div class="inline-field">
            <input id="front-q" name="q" type="search" aria-describedby="front-q-hint" enterkeyhint="search" />
            {areaCodes.length === 1 ? <input type="hidden" name="municipality" value={areaCodes[0].code} /> : null}
            <button type="submit">{msg.searchButton[l]}</button>
          </div>
          <p id="front-q-hint" class="hint">
            {msg.searchHint[l]}
          </p>
        </form>
      </section>
      {categories.length ? (
        <section aria-labelledby="categories-heading">
          <h2 id="categories-heading">{msg.browseCategories[l]}</h2>
          <ul class="category-chips">
            {categories.map((c) => (
              <li>
                <a href={`/firms?category=${c.key}`}>{c.count !== undefined ? `${c.name} (${formatNumber(l, c.count)})` : c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.area ? (
        <section aria-labelledby="area-heading">
          <h2 id="area-heading">{msg.ourArea[l]}</h2>
          <ul class="place-list">
            {area.map((m) => (
              <PlaceItem locale={l} m={m} />
            ))}
          </ul>
          <p>
            <a href={`/?area=all&lang=${l}`}>{msg.showAllAreas[l]}</a> · <a href="/firms">{msg.browseAll[l]}</a>
          </p>
          <p class="hint">{msg.searchWholeDirectory[l]}</p>
        </section>
      ) : (
        <>
          <p class="notice">{common.demoNotice[l]}</p>
          <section aria-labelledby="demo-heading">
            <h2 id="demo-heading">{msg.demoHeading[l]}</h2>
            <p>{msg.demoIntro[l]}</p>
            <div class="region-grid">
              {demoRegions.map((region) => (
                <section class="region" aria-labelledby={`region-${region.country}`}>
                  <h3 id={`region-${region.country}`}>{msg[region.title][l]}</h3>
                  <ul>
                    {region.codes.map((code) => {
                      const m = byKey.get(`${region.country}:${code}`);
                      return m ? <PlaceItem locale={l} m={m} /> : null;
                    })}
                  </ul>
                </section>
              ))}
            </div>
            <p>
              <a href="/firms">{msg.browseAll[l]}</a>
            </p>
          </section>
        </>
      )}
      <p>
        {msg.apiTeaser[l]} <a href="/api/docs">{common.api[l]}</a>
      </p>
    </Layout>
  );
}
