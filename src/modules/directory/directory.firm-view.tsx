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
  /** Absolute URL of this page (JSON-LD @id). */
  pageUrl: string;
  map: MapSettings;
  now: Date;
  /** What the firm's own people added: pictures and links (firm profile). */
  images?: { id: number; altText: string | null; url: string; thumbUrl: string }[];
  links?: { label: string; url: string }[];
}

export function FirmPage(props: FirmPageProps) {
  const l = props.locale;
  const f = props.firm;
  const description = pickDescription(f.description, l, f.country);
  const jsonLd = jsonLdScriptText(toLocalBusiness(f, l, props.pageUrl));
  const head = (
    <>
      <MapHead />
      {/* JSON-LD is data, not script; jsonLdScriptText escapes "<" so no text can close the element. */}
      <script type="application/ld+json">{raw(jsonLd)}</script>
    </>
  );
  const facts: [string, Child][] = [
    [msg.orgnr[l], formatOrgnr(f.country, f.orgnr)],
    [msg.legalForm[l], f.legal_form],
    [msg.sector[l], f.sector ? `${f.sector.name}` : null],
    [msg.sectorCode[l], f.nace_code],
    [msg.employees[l], f.employees !== null ? formatNumber(l, f.employees) : null],
    [msg.address[l], fullAddress(f)],
    [msg.municipality[l], f.municipality ? f.municipality.name : null],
    [msg.county[l], f.county ? f.county.name : null],
    [msg.country[l], countryName(l, f.country)],
    [msg.website[l], f.website ? <a href={websiteHref(f.website)}>{f.website}</a> : null],
    [msg.email[l], f.email ? <a href={`mailto:${f.email}`}>{f.email}</a> : null],
    [msg.phone[l], f.phone ? <a href={`tel:${f.phone.replace(/[^\d+]/g, '')}`}>{f.phone}</a> : null],
    [msg.status[l], f.status === 'active' ? msg.statusActive[l] : msg.statusClosed[l]],
    [msg.registeredOn[l], f.registered_on ? formatDate(l, f.registered_on) : null],
  ];
  return (
    <Layout locale={l} title={f.name} currentUrl={props.currentUrl} description={description?.text.slice(0, 160)} head={head}>
      <p class="breadcrumb">
        <a href="/firms">{msg.backToSearch[l]}</a>
      </p>
      <h1>{f.name}</h1>
      <p class="meta">
        {f.kind === 'establishment' ? msg.kindEstablishment[l] : msg.kindFirm[l]}
        {f.sector ? ` · ${f.sector.name}` : ''}
        {f.municipality ? ` · ${f.municipality.name}` : ''}
        {f.is_open_now === true ? <span class="open">{msg.openNow[l]}</span> : f.is_open_now === false ? <span class="closed">{msg.closedNow[l]}</span> : null}
      </p>
      {f.is_demo ? <p class="notice">{msg.demoFirm[l]}</p> : null}
      {description ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{msg.about[l]}</h2>
          <p lang={description.lang} class="description">
            {description.text}
          </p>
          {description.lang !== l ? <p class="hint">{format(msg.inLanguage[l], { language: languageName(l, description.lang) })}</p> : null}
        </section>
      ) : null}
      <div class="firm-columns">
        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading">{msg.facts[l]}</h2>
          <dl class="facts">
            {facts
              .filter(([, v]) => v !== null && v !== '')
              .map(([k, v]) => (
                <div>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
          </dl>
        </section>
        <OpeningHoursSection locale={l} firm={f} now={props.now} />
      </div>
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
      {f.parent ? (
        <section aria-labelledby="parent-heading">
          <h2 id="parent-heading">{msg.partOf[l]}</h2>
          <p>
            {f.parent.id !== null ? <a href={`/firms/${f.parent.id}`}>{f.parent.name ?? f.parent.orgnr}</a> : (f.parent.name ?? '')}{' '}
            {`(${msg.orgnr[l]} ${formatOrgnr(f.country, f.parent.orgnr)})`}
          </p>
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
          <p class="hint">{`${formatNumber(l, f.position.lat, 4)}, ${formatNumber(l, f.position.lon, 4)}`}</p>
        </section>
      ) : null}
      {props.images?.length ? (
        <section aria-labelledby="pictures-heading">
          <h2 id="pictures-heading">{msg.pictures[l]}</h2>
          <ul class="firm-pictures">
            {props.images.map((i) => (
              <li>
                <a href={i.url}>
                  <img src={i.thumbUrl} alt={i.altText || format(msg.pictureOf[l], { name: f.name })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
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
      <p>
        <a href="/firms">{msg.backToSearch[l]}</a> · <a href={`/api/v1/firms/${f.id}`}>{common.api[l]} (JSON)</a>
      </p>
      <p class="hint">
        {msg.ownFirm[l]} <a href={`/firms/${f.firm_id}/manage?lang=${l}`}>{msg.manageFirm[l]}</a>
      </p>
    </Layout>
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
