import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { common } from '../../shared/i18n/common.messages.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { Layout } from '../../shared/views/layout.js';
import { countryName, dayName, formatDate, formatMoney, formatNumber, formatOrgnr, languageName, pickDescription } from './directory.format.js';
import { localMoment, timeZoneOf } from './directory.hours.js';
import { jsonLdScriptText, toLocalBusiness } from './directory.jsonld.js';
import { msg } from './directory.messages.js';
import type { FirmDetail } from './directory.schemas.js';
import { MapHead, MapPanel, type MapSettings } from './directory.views.js';

export interface FirmPageProps {
  locale: Locale;
  currentUrl: string;
  firm: FirmDetail;
  /** Absolute URL of this page (JSON-LD @id, canonical, OpenGraph). */
  pageUrl: string;
  map: MapSettings;
  now: Date;
  /** What the firm's own people added: pictures and links (firm profile). */
  images?: { id: number; altText: string | null; url: string; thumbUrl: string }[];
  links?: { label: string; url: string }[];
  /** Other modules' public sections of the firm's record (events, offers…), drawn after the products. */
  record?: { key: string; title: string; entries: { label: string; href?: string; at?: string; detail?: string }[] }[];
  /** Tags for sharing (canonical, hreflang, OpenGraph, Twitter), from the directory's share helpers. */
  shareHead?: Child;
}

export function FirmPage(props: FirmPageProps) {
  const l = props.locale;
  const f = props.firm;
  const description = pickDescription(f.description, l, f.country);
  const jsonLd = jsonLdScriptText(toLocalBusiness(f, l, props.pageUrl));
  const head = (
    <>
      <MapHead />
      {props.shareHead}
      {/* JSON-LD is data, not script; jsonLdScriptText escapes "<" so no text can close the element. */}
      <script type="application/ld+json">{raw(jsonLd)}</script>
    </>
  );
  const registerFacts: [string, Child][] = [
    [msg.orgnr[l], formatOrgnr(f.country, f.orgnr)],
    [msg.legalForm[l], f.legal_form],
    [msg.sector[l], f.sector ? `${f.sector.name}` : null],
    [msg.sectorCode[l], f.nace_code],
    [msg.employees[l], f.employees !== null ? formatNumber(l, f.employees) : null],
    [msg.municipality[l], f.municipality ? f.municipality.name : null],
    [msg.county[l], f.county ? f.county.name : null],
    [msg.country[l], countryName(l, f.country)],
    [msg.status[l], f.status === 'active' ? msg.statusActive[l] : msg.statusClosed[l]],
    [msg.registeredOn[l], f.registered_on ? formatDate(l, f.registered_on) : null],
  ];
  const address = fullAddress(f);
  const images = props.images ?? [];
  const record = (props.record ?? []).filter((r) => r.entries.length);
  return (
    <Layout locale={l} title={f.name} currentUrl={props.currentUrl} description={description?.text.slice(0, 160)} head={head}>
      <p class="breadcrumb">
        <a href="/firms">{msg.backToSearch[l]}</a>
      </p>
      <article class="firm-page">
        <header class="firm-header">
          <h1>{f.name}</h1>
          <p class="meta">
            {[f.category?.name ?? f.sector?.name, f.municipality?.name].filter(Boolean).join(' · ')}
            {f.is_demo ? <span class="badge">{msg.demoBadge[l]}</span> : null}
          </p>
          <OpeningLine locale={l} firm={f} />
          {address ? <p class="firm-address">{address}</p> : null}
          <ContactActions locale={l} firm={f} />
        </header>
        {f.is_demo ? <p class="notice">{msg.demoFirm[l]}</p> : null}
        {images.length ? (
          <section aria-labelledby="pictures-heading" class="firm-pictures-section">
            <h2 id="pictures-heading" class="visually-hidden">
              {msg.pictures[l]}
            </h2>
            <ul class="firm-pictures">
              {images.map((i, index) => (
                <li>
                  <a href={i.url}>
                    <img src={i.thumbUrl} alt={i.altText || format(msg.pictureOf[l], { name: f.name })} loading={index < 2 ? undefined : 'lazy'} />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {description ? (
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">{msg.about[l]}</h2>
            <p lang={description.lang} class="description">
              {description.text}
            </p>
            {description.lang !== l ? <p class="hint">{format(msg.inLanguage[l], { language: languageName(l, description.lang) })}</p> : null}
          </section>
        ) : null}
        {f.products.length ? (
          <section aria-labelledby="products-heading">
            <h2 id="products-heading">{msg.productsAndServices[l]}</h2>
            <ul class="products">
              {f.products.map((p) => (
                <li>
                  <span class="kind">{p.kind === 'service' ? msg.service[l] : msg.product[l]}</span> <strong>{p.name}</strong>
                  {p.price_minor !== null && p.currency ? <span class="price">{` – ${formatMoney(l, p.price_minor, p.currency)}`}</span> : null}
                  {p.description ? <p>{p.description}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {record.map((r) => (
          <section aria-labelledby={`record-${r.key}`} class="firm-record-section">
            <h2 id={`record-${r.key}`}>{r.title}</h2>
            <ul>
              {r.entries.map((e) => (
                <li>
                  {e.href ? <a href={e.href}>{e.label}</a> : e.label}
                  {e.at ? <span class="hint">{` – ${formatDate(l, e.at)}`}</span> : null}
                  {e.detail ? <span class="hint">{` – ${e.detail}`}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
        <OpeningHoursSection locale={l} firm={f} now={props.now} />
        {f.position ? (
          <section aria-labelledby="location-heading">
            <h2 id="location-heading">{msg.location[l]}</h2>
            <MapPanel
              id="firm-map"
              label={format(msg.mapOfFirm[l], { name: f.name })}
              locale={l}
              map={props.map}
              markers={[{ lat: f.position.lat, lon: f.position.lon, name: f.name }]}
            />
            <p>
              <a href={directionsLinks(f)!.web} rel="noopener">
                {msg.openInWebMap[l]}
              </a>
            </p>
          </section>
        ) : null}
        {props.links?.length ? (
          <section aria-labelledby="links-heading">
            <h2 id="links-heading">{msg.links[l]}</h2>
            <ul>
              {props.links
                .filter((k) => /^https?:\/\//i.test(k.url))
                .map((k) => (
                  <li>
                    <a href={k.url} rel="noopener nofollow">
                      {k.label}
                    </a>
                  </li>
                ))}
            </ul>
          </section>
        ) : null}
        {f.parent ? (
          <section aria-labelledby="parent-heading">
            <h2 id="parent-heading">{msg.partOf[l]}</h2>
            <p>
              {f.parent.id !== null ? <a href={`/firms/${f.parent.id}`}>{f.parent.name ?? f.parent.orgnr}</a> : (f.parent.name ?? '')}{' '}
              {f.parent.orgnr ? `(${msg.orgnr[l]} ${formatOrgnr(f.country, f.parent.orgnr)})` : ''}
            </p>
            {f.firm_id === null && f.parent.orgnr ? (
              <p class="hint">{format(msg.parentNotYetListed[l], { orgnr: formatOrgnr(f.country, f.parent.orgnr) })}</p>
            ) : null}
          </section>
        ) : null}
        {f.establishments.length ? (
          <section aria-labelledby="establishments-heading">
            <h2 id="establishments-heading">{msg.establishments[l]}</h2>
            <ul>
              {f.establishments.map((e) => (
                <li>
                  <a href={`/firms/${e.id}`}>{e.name}</a>
                  {e.municipality ? ` – ${e.municipality.name}` : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="facts-heading" class="register-facts">
          <h2 id="facts-heading">{msg.registerFacts[l]}</h2>
          <dl class="facts">
            {registerFacts
              .filter(([, v]) => v !== null && v !== '')
              .map(([k, v]) => (
                <div>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
          </dl>
        </section>
      </article>
      <p class="no-print">
        <a href="/firms">{msg.backToSearch[l]}</a> · <a href={`/api/v1/firms/${f.id}`}>{common.api[l]} (JSON)</a>
      </p>
      {f.manage_path ? (
        <p class="hint no-print">
          {msg.ownFirm[l]} <a href={`${f.manage_path}?lang=${l}`}>{f.establishment_id !== null ? msg.manageThisShop[l] : msg.manageFirm[l]}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** geo: URI (phones open their map app) and a web map with the route to the place; null without a position. */
export function directionsLinks(f: Pick<FirmDetail, 'position' | 'name'>): { geo: string; web: string } | null {
  if (!f.position) return null;
  const { lat, lon } = f.position;
  const label = encodeURIComponent(f.name);
  return {
    geo: `geo:${lat},${lon}?q=${lat},${lon}(${label})`,
    web: `https://www.openstreetmap.org/directions?route=%3B${lat}%2C${lon}#map=16/${lat}/${lon}`,
  };
}

/** "Open now – until 16:00" / "Closed now – opens tomorrow at 08:00", in the place's local time. */
export function openingText(l: Locale, f: Pick<FirmDetail, 'opening_state'>): { open: boolean; text: string } | null {
  const st = f.opening_state;
  if (!st) return null;
  if (st.open) return { open: true, text: st.closes_at ? format(msg.openUntil[l], { time: st.closes_at }) : msg.openNow[l] };
  if (!st.next) return { open: false, text: msg.closedNow[l] };
  if (st.next.in_days === 0) return { open: false, text: format(msg.opensTodayAt[l], { time: st.next.time }) };
  if (st.next.in_days === 1) return { open: false, text: format(msg.opensTomorrowAt[l], { time: st.next.time }) };
  const weekday = ((new Date(`${st.next.date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { open: false, text: format(msg.opensOnDayAt[l], { day: dayName(l, weekday).toLocaleLowerCase(), time: st.next.time }) };
}

function OpeningLine(props: { locale: Locale; firm: FirmDetail }) {
  const t = openingText(props.locale, props.firm);
  if (!t) return null;
  return (
    <p class={`opening-line ${t.open ? 'is-open' : 'is-closed'}`}>
      <span class={t.open ? 'open' : 'closed'}>{t.text}</span>
    </p>
  );
}

/** Call, e-mail, website and directions as big tap targets. */
function ContactActions(props: { locale: Locale; firm: FirmDetail }) {
  const l = props.locale;
  const f = props.firm;
  const d = directionsLinks(f);
  const items: Child[] = [];
  if (f.phone)
    items.push(
      <a class="action" href={`tel:${f.phone.replace(/[^\d+]/g, '')}`}>
        {format(msg.call[l], { phone: f.phone })}
      </a>,
    );
  if (d)
    items.push(
      <a class="action" href={d.geo} data-directions="">
        {msg.directions[l]}
      </a>,
    );
  if (f.website)
    items.push(
      <a class="action" href={websiteHref(f.website)} rel="noopener">
        {f.website.replace(/^https?:\/\//i, '').replace(/\/$/, '')}
      </a>,
    );
  if (f.email)
    items.push(
      <a class="action" href={`mailto:${f.email}`}>
        {f.email}
      </a>,
    );
  if (!items.length) return null;
  return (
    <nav class="firm-actions" aria-label={msg.contact[l]}>
      <ul>
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ul>
      {d ? (
        <p class="hint">
          <a href={d.web} rel="noopener">
            {msg.openInWebMap[l]}
          </a>
        </p>
      ) : null}
    </nav>
  );
}

/** Street, postcode and city on one line (the street line may already carry the rest). */
function fullAddress(f: FirmDetail): string | null {
  const place = [f.postcode, f.city].filter(Boolean).join(' ');
  if (!f.address) return place || null;
  return place && !f.address.includes(place) ? `${f.address}, ${place}` : f.address;
}

/** Websites are stored as given ("www.example.no"); only http(s) links are made clickable. */
function websiteHref(site: string): string {
  if (/^https?:\/\//i.test(site)) return site;
  return `https://${site.replace(/^[a-z]+:/i, '')}`;
}

function OpeningHoursSection(props: { locale: Locale; firm: FirmDetail; now: Date }) {
  const l = props.locale;
  const hours = props.firm.opening_hours;
  const zone = timeZoneOf(hours, props.firm.country);
  const today = localMoment(props.now, zone);
  const exceptions = (hours?.exceptions ?? []).filter((e) => e.date >= today.date).sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">{msg.openingHours[l]}</h2>
      {hours && hours.weekly.length ? (
        <>
          <table class="hours">
            <caption class="visually-hidden">{msg.openingHours[l]}</caption>
            <thead>
              <tr>
                <th scope="col">{msg.day[l]}</th>
                <th scope="col">{msg.hours[l]}</th>
              </tr>
            </thead>
            <tbody>
              {[1, 2, 3, 4, 5, 6, 7].map((day) => {
                const spans = hours.weekly.filter((w) => w.day === day).sort((a, b) => a.opens.localeCompare(b.opens));
                const isToday = day === today.day;
                return (
                  <tr class={isToday ? 'today' : undefined} aria-current={isToday ? 'date' : undefined}>
                    <th scope="row">
                      {dayName(l, day)}
                      {isToday ? <span class="today-label">{` (${msg.today[l]})`}</span> : null}
                    </th>
                    <td>{spans.length ? spans.map((s) => `${s.opens}–${s.closes}`).join(', ') : msg.closed[l]}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="hint">{format(msg.hoursTimeZone[l], { zone })}</p>
        </>
      ) : (
        <p>{msg.noHours[l]}</p>
      )}
      {exceptions.length ? (
        <table class="hours">
          <caption>{msg.specialHours[l]}</caption>
          <thead>
            <tr>
              <th scope="col">{msg.date[l]}</th>
              <th scope="col">{msg.hours[l]}</th>
              <th scope="col">{msg.note[l]}</th>
            </tr>
          </thead>
          <tbody>
            {exceptions.map((e) => (
              <tr class={e.date === today.date ? 'today' : undefined}>
                <th scope="row">{formatDate(l, e.date)}</th>
                <td>{e.closed || !e.opens || !e.closes ? msg.closed[l] : `${e.opens}–${e.closes}`}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
