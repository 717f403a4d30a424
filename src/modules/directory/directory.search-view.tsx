import type { LocalisedIssue } from '../../shared/errors.js';

/** The search form's visible controls (their ids are their names); hidden ones are named without a link. */
const visibleFields = new Set(['q', 'municipality', 'category', 'sector', 'near', 'radius_km', 'open_now']);
import { formatCount } from '../../shared/i18n/format.js';
import { ErrorSummary } from '../../shared/views/form.js';
import type { Child } from 'hono/jsx';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { Layout } from '../../shared/views/layout.js';
import { countryName, formatNumber, withParam } from './directory.format.js';
import { msg } from './directory.messages.js';
import type { FacetValue, ListingItem, SearchResult } from './directory.schemas.js';
import type { MunicipalityOption, SectorOption } from './directory.service.js';
import { MapHead, MapPanel, type MapSettings } from './directory.views.js';

/** The search page: form, result count, active filters, map, results, facets and pagination. */
export interface SearchPageProps {
  locale: Locale;
  currentUrl: string;
  /** The raw query string parameters, for shareable links that change one of them. */
  params: URLSearchParams;
  result: SearchResult | null;
  /** Validation problems (a bad parameter), shown instead of results. */
  errors: LocalisedIssue[];
  municipalities: MunicipalityOption[];
  sectors: SectorOption[];
  categories: { key: string; name: string }[];
  map: MapSettings;
}

/** County groups for the selects: "Trøndelag (Norge)". */
function groupByCounty(locale: Locale, options: MunicipalityOption[]) {
  const groups = new Map<string, { label: string; items: MunicipalityOption[] }>();
  for (const m of options) {
    const key = `${m.country}:${m.county?.code ?? ''}`;
    const g = groups.get(key) ?? { label: `${m.county?.name ?? ''} (${countryName(locale, m.country)})`, items: [] };
    g.items.push(m);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const radiusChoices = [5, 10, 25, 50, 100, 250];

/** Filters beyond the words are open when one of them is in use (collapsed otherwise: results come first on a phone). */
const filtersInUse = (p: URLSearchParams) => ['category', 'municipality', 'sector', 'near', 'radius_km', 'open_now', 'county'].some((k) => p.get(k));

export function SearchPage(props: SearchPageProps) {
  const l = props.locale;
  const p = props.params;
  const q = p.get('q') ?? '';
  const near = p.get('near') ?? '';
  const groups = groupByCounty(l, props.municipalities);
  const nearValues = new Set(props.municipalities.filter((m) => m.position).map((m) => `${m.position!.lat},${m.position!.lon}`));
  const title = q ? `«${q}» – ${msg.searchTitle[l]}` : msg.searchTitle[l];
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={<MapHead />}>
      <h1>{msg.searchTitle[l]}</h1>
      <form role="search" aria-label={msg.searchFormLabel[l]} method="get" action="/firms" class="search-form">
        <div class="search-main">
          <div class="field field-wide">
            <label for="q">{msg.words[l]}</label>
            <input id="q" name="q" type="search" value={q} enterkeyhint="search" />
          </div>
          <div class="field field-submit">
            <button type="submit">{msg.showResults[l]}</button>
            <button type="button" class="button-secondary near-me" hidden data-near-me="" data-locating={msg.locating[l]} data-failed={msg.locateFailed[l]}>
              {msg.nearMe[l]}
            </button>
          </div>
          <p class="hint near-status" role="status" data-near-status=""></p>
        </div>
        <details class="search-filters" open={filtersInUse(p) || undefined}>
          <summary>{msg.filtersHeading[l]}</summary>
          <div class="filter-grid">
            <div class="field">
              <label for="category">{msg.category[l]}</label>
              <select id="category" name="category">
                <option value="">{msg.anyCategory[l]}</option>
                {props.categories.map((c) => (
                  <option value={c.key} selected={p.get('category') === c.key}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="municipality">{msg.municipality[l]}</label>
              <select id="municipality" name="municipality">
                <option value="">{msg.anyMunicipality[l]}</option>
                {groups.map((g) => (
                  <optgroup label={g.label}>
                    {g.items.map((m) => (
                      <option value={m.code} selected={p.get('municipality') === m.code}>
                        {m.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="sector">{msg.sector[l]}</label>
              <select id="sector" name="sector">
                <option value="">{msg.anySector[l]}</option>
                {props.sectors.map((s) => (
                  <option value={s.code} selected={p.get('sector') === s.code}>
                    {`${s.code} – ${s.name}`}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="near">{msg.near[l]}</label>
              <div class="inline-field">
                <select id="near" name="near" data-my-position={msg.myPosition[l]}>
                  <option value="">{msg.nearAnywhere[l]}</option>
                  {near && !nearValues.has(near) ? (
                    <option value={near} selected>
                      {format(msg.chosenPoint[l], { point: near })}
                    </option>
                  ) : null}
                  {groups.map((g) => (
                    <optgroup label={g.label}>
                      {g.items
                        .filter((m) => m.position)
                        .map((m) => {
                          const value = `${m.position!.lat},${m.position!.lon}`;
                          return (
                            <option value={value} selected={near === value}>
                              {m.name}
                            </option>
                          );
                        })}
                    </optgroup>
                  ))}
                </select>
              </div>
            </div>
            <div class="field">
              <label for="radius_km">{msg.radius[l]}</label>
              <select id="radius_km" name="radius_km">
                <option value="">{msg.anyDistance[l]}</option>
                {radiusChoices.map((r) => (
                  <option value={String(r)} selected={p.get('radius_km') === String(r)}>
                    {format(msg.radiusKm[l], { n: r })}
                  </option>
                ))}
              </select>
            </div>
            <div class="field field-check">
              <input id="open_now" name="open_now" type="checkbox" value="true" checked={['true', '1', 'on'].includes(p.get('open_now') ?? '')} />
              <label for="open_now">{msg.onlyOpenNow[l]}</label>
            </div>
            {p.get('county') ? <input type="hidden" name="county" value={p.get('county')!} /> : null}
            {p.get('country') ? <input type="hidden" name="country" value={p.get('country')!} /> : null}
            {p.get('per_page') ? <input type="hidden" name="per_page" value={p.get('per_page')!} /> : null}
            <div class="field field-submit">
              <button type="submit">{msg.applyFilters[l]}</button>
              <a href="/firms">{msg.clearFilters[l]}</a>
            </div>
          </div>
        </details>
      </form>
      {props.errors.length ? (
        <ErrorSummary locale={l} message={msg.invalidSearch[l]} issues={props.errors} fieldId={(f) => (visibleFields.has(f) ? f : undefined)} />
      ) : null}
      {props.result ? <Results {...props} result={props.result} /> : null}
    </Layout>
  );
}

function Results(props: SearchPageProps & { result: SearchResult }) {
  const l = props.locale;
  const r = props.result;
  const from = r.total === 0 ? 0 : (r.page - 1) * r.per_page + 1;
  const to = Math.min(r.total, r.page * r.per_page);
  const count = r.total === 0 ? msg.resultsNone[l] : formatCount(r.total, l, { one: msg.resultsCountOne, other: msg.resultsCount });
  const markers = r.items.filter((i) => i.position).map((i) => ({ lat: i.position!.lat, lon: i.position!.lon, name: i.name, href: `/firms/${i.id}` }));
  return (
    <div class="search-layout">
      <section class="results-column" aria-labelledby="results-heading">
        <h2 id="results-heading">{msg.resultsHeading[l]}</h2>
        <p role="status" class="result-count">
          {count}
          {r.total > r.items.length && r.items.length > 0 ? `. ${format(msg.showingRange[l], { from: formatNumber(l, from), to: formatNumber(l, to) })}` : ''}
        </p>
        <Corrections {...props} />
        <ActiveFilters {...props} />
        {r.total === 0 ? <p>{msg.noResultsHelp[l]}</p> : null}
        {r.items.length ? (
          <ol class="results" start={from}>
            {r.items.map((item) => (
              <ResultItem locale={l} item={item} />
            ))}
          </ol>
        ) : null}
        <Pagination locale={l} params={props.params} page={r.page} pages={Math.min(1000, Math.ceil(r.total / r.per_page))} />
        {markers.length ? <MapPanel id="results-map" label={msg.mapOfResults[l]} locale={l} map={props.map} markers={markers} toggle /> : null}
      </section>
      <aside class="facets" aria-labelledby="refine-heading">
        <h2 id="refine-heading">{msg.refineHeading[l]}</h2>
        <Facet id="facet-category" title={msg.category[l]} param="category" values={r.facets.category ?? []} params={props.params} locale={l} />
        <Facet id="facet-municipality" title={msg.municipality[l]} param="municipality" values={r.facets.municipality} params={props.params} locale={l} />
        <Facet id="facet-county" title={msg.county[l]} param="county" values={r.facets.county} params={props.params} locale={l} />
        <Facet id="facet-sector" title={msg.sector[l]} param="sector" values={r.facets.sector} params={props.params} locale={l} />
      </aside>
    </div>
  );
}

function ResultItem(props: { locale: Locale; item: ListingItem }) {
  const l = props.locale;
  const i = props.item;
  const meta = [i.category?.name ?? i.sector?.name, i.municipality?.name].filter(Boolean).join(' · ');
  return (
    <li class="result">
      <h3>
        <a href={`/firms/${i.id}`}>{i.name}</a>
        {i.is_demo ? <span class="badge">{msg.demoBadge[l]}</span> : null}
      </h3>
      {meta ? <p class="meta">{meta}</p> : null}
      {i.address ? <p class="address">{i.address}</p> : null}
      <p class="status-line">
        {i.is_open_now === true ? <span class="open">{msg.openNow[l]}</span> : i.is_open_now === false ? <span class="closed">{msg.closedNow[l]}</span> : null}
        {i.distance_km !== undefined ? <span class="distance">{format(msg.distanceAway[l], { km: formatNumber(l, i.distance_km, 1) })}</span> : null}
      </p>
      {i.snippet ? <p class="snippet">{i.snippet}</p> : null}
    </li>
  );
}

/**
 * "Showing results for bakeri" when words were corrected, with a link that searches the words as
 * typed (exact=1: no correction).
 */
function Corrections(props: SearchPageProps) {
  const l = props.locale;
  const r = props.result;
  if (!r?.corrections?.length) return null;
  const q = props.params.get('q') ?? '';
  const swap = new Map(r.corrections.map((c) => [c.from.toLowerCase(), c.to[0]]));
  const corrected = q
    .split(/(\s+)/)
    .map((w) => swap.get(w.toLowerCase()) ?? w)
    .join('');
  const exact = new URLSearchParams(props.params);
  exact.delete('page');
  exact.set('exact', '1');
  const [before, after] = msg.showingResultsFor[l].split('{words}');
  return (
    <div class="correction" role="note">
      <p>
        {before}
        <strong>{corrected}</strong>
        {after}
      </p>
      <p>
        <a href={`/firms?${exact.toString()}`}>{format(msg.searchInsteadFor[l], { words: q })}</a>
      </p>
    </div>
  );
}

function ActiveFilters(props: SearchPageProps) {
  const l = props.locale;
  const p = props.params;
  const r = props.result!;
  const nameOf = (values: FacetValue[], code: string) => values.find((v) => v.code === code)?.name ?? code;
  const active: { label: string; href: string }[] = [];
  const add = (key: string, label: (v: string) => string) => {
    const v = p.get(key);
    if (v) active.push({ label: label(v), href: `/firms${withParam(p, key, undefined)}` });
  };
  add('municipality', (v) => `${msg.municipality[l]}: ${nameOf(r.facets.municipality, v)}`);
  add('county', (v) => `${msg.county[l]}: ${nameOf(r.facets.county, v)}`);
  add('sector', (v) => `${msg.sector[l]}: ${nameOf(r.facets.sector, v)}`);
  add('category', (v) => `${msg.category[l]}: ${nameOf(r.facets.category ?? [], v)}`);
  add('open_now', () => msg.openNow[l]);
  if (!active.length) return null;
  return (
    <div class="active-filters">
      <h3 class="visually-hidden">{msg.activeFilters[l]}</h3>
      <ul>
        {active.map((a) => (
          <li>
            <a href={a.href}>
              {a.label} <span aria-hidden="true">✕</span>
              <span class="visually-hidden">{`, ${msg.removeFilter[l]}`}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Facet(props: { id: string; title: string; param: string; values: FacetValue[]; params: URLSearchParams; locale: Locale }) {
  const l = props.locale;
  if (!props.values.length) return null;
  const current = props.params.get(props.param);
  return (
    <section class="facet" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      <ul>
        {props.values.slice(0, 25).map((v) => {
          const isActive = current === v.code;
          const label = `${v.name} (${formatNumber(l, v.count)})`;
          return (
            <li>
              {isActive ? (
                <a href={`/firms${withParam(props.params, props.param, undefined)}`} aria-current="true" class="facet-active">
                  {label}
                  <span class="remove">{` – ${msg.removeFilter[l]}`}</span>
                </a>
              ) : (
                <a href={`/firms${withParam(props.params, props.param, v.code)}`}>{label}</a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Pagination(props: { locale: Locale; params: URLSearchParams; page: number; pages: number }): Child {
  const l = props.locale;
  if (props.pages <= 1) return null;
  const href = (n: number) => `/firms${withParam(props.params, 'page', n === 1 ? undefined : String(n), true)}`;
  const shown = [...new Set([1, props.page - 2, props.page - 1, props.page, props.page + 1, props.page + 2, props.pages])]
    .filter((n) => n >= 1 && n <= props.pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={msg.pagination[l]}>
      <ul>
        {props.page > 1 ? (
          <li>
            <a href={href(props.page - 1)} rel="prev">
              {msg.previous[l]}
            </a>
          </li>
        ) : null}
        {shown.map((n, index) => (
          <>
            {index > 0 && n - shown[index - 1] > 1 ? (
              <li class="gap" aria-hidden="true">
                …
              </li>
            ) : null}
            <li>
              <a href={href(n)} aria-current={n === props.page ? 'page' : undefined} aria-label={format(msg.pageN[l], { n })}>
                {String(n)}
              </a>
            </li>
          </>
        ))}
        {props.page < props.pages ? (
          <li>
            <a href={href(props.page + 1)} rel="next">
              {msg.next[l]}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
