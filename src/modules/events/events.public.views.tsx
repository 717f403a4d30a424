import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import { formatDateTime, formatMoney, type TimeZone } from '../../shared/i18n/format.js';
import { format, locales, pickName, type Locale } from '../../shared/i18n/i18n.js';
import type { FormError } from '../../shared/http/forms.js';
import { CheckboxField, ErrorSummary, Field, GetForm, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './events.messages.js';
import { eventKinds, type CalendarFilter, type EventDto, type RegistrationDto } from './events.schemas.js';

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

export const head = (
  <>
    <link rel="stylesheet" href="/static/events.css" />
    <script src="/static/events.js" defer></script>
  </>
);

export const titleOf = (e: EventDto, l: Locale) => `${pickName(e.title, l)}${e.isDemo ? ` ${msg.demo[l]}` : ''}`;
export const whenOf = (e: EventDto, l: Locale) =>
  `${formatDateTime(e.startsAt, l, e.timeZone as TimeZone)} – ${formatDateTime(e.endsAt, l, e.timeZone as TimeZone)}`;
export const whereOf = (e: EventDto, l: Locale) => [e.address, e.municipalityName].filter(Boolean).join(', ') || (e.onlineUrl ? msg.online[l] : '');
export const priceOf = (e: EventDto, l: Locale) => (e.priceMinor ? formatMoney(e.priceMinor, e.currency, l) : msg.free[l]);

/** One event in a list: title link, when, where, kind, price, places. */
export function EventListItem(props: { event: EventDto; locale: Locale; href?: string }) {
  const { event: e, locale: l } = props;
  return (
    <li class="event-item">
      <h3>
        <a href={props.href ?? `/events/${e.id}?lang=${l}`}>{titleOf(e, l)}</a>
      </h3>
      <p class="event-meta">
        <span>{whenOf(e, l)}</span>
        {whereOf(e, l) ? <span> · {whereOf(e, l)}</span> : null}
      </p>
      <p class="event-meta">
        <span class="tag">{msg[`kind_${e.kind}`][l]}</span> <span>{priceOf(e, l)}</span>
        {e.status === 'published' && e.capacity !== null && new Date(e.endsAt).getTime() > Date.now() ? (
          <span>
            {' '}
            · {e.confirmed >= e.capacity ? msg.fullWaitingList[l] : format(msg.placesLeft[l], { n: e.capacity - e.confirmed, capacity: e.capacity })}
          </span>
        ) : null}
        {e.status === 'cancelled' ? <strong> · {msg.status_cancelled[l]}</strong> : null}
        {e.status === 'draft' ? <strong> · {msg.status_draft[l]}</strong> : null}
      </p>
    </li>
  );
}

export function EventList(props: { events: EventDto[]; locale: Locale; label: string; hrefOf?: (e: EventDto) => string }) {
  if (props.events.length === 0) return <p>{msg.noEvents[props.locale]}</p>;
  return (
    <ul class="event-list" aria-label={props.label}>
      {props.events.map((e) => (
        <EventListItem event={e} locale={props.locale} href={props.hrefOf?.(e)} />
      ))}
    </ul>
  );
}

const filterQuery = (f: CalendarFilter) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ municipality: f.municipality, kind: f.kind, topic: f.topic, from: f.from, to: f.to, org: f.org }))
    if (v !== undefined && v !== '') p.set(k, String(v));
  if (f.free) p.set('free', '1');
  return p.toString();
};

export function CalendarPage(
  props: PageBase & {
    events: EventDto[];
    filter: CalendarFilter;
    options: { tags: string[]; municipalities: { code: string; name: string }[] };
  },
) {
  const l = props.locale;
  const f = props.filter;
  const q = filterQuery(f);
  return (
    <Layout locale={l} title={msg.calendar[l]} currentUrl={props.currentUrl} head={head}>
      <h1>{msg.calendar[l]}</h1>
      <GetForm action="/events" locale={l} class="event-filters" label={msg.filter[l]}>
        <SelectField
          label={msg.municipality[l]}
          name="municipality"
          value={f.municipality}
          includeEmpty={msg.any[l]}
          options={props.options.municipalities.map((m) => ({ value: m.code, label: m.name }))}
        />
        <SelectField
          label={msg.kind[l]}
          name="kind"
          value={f.kind}
          includeEmpty={msg.any[l]}
          options={eventKinds.map((k) => ({ value: k, label: msg[`kind_${k}`][l] }))}
        />
        <SelectField
          label={msg.topic[l]}
          name="topic"
          value={f.topic}
          includeEmpty={msg.any[l]}
          options={props.options.tags.map((t) => ({ value: t, label: t }))}
        />
        <Field label={msg.from[l]} name="from" type="date" value={f.from} />
        <Field label={msg.to[l]} name="to" type="date" value={f.to} />
        <CheckboxField name="free" value="1" checked={f.free} label={msg.freeOnly[l]} />
        <p>
          <button type="submit">{msg.filter[l]}</button>
        </p>
      </GetForm>
      <p>
        <a href={`/events/feed.ics${q ? `?${q}` : ''}`}>{msg.subscribe[l]}</a>
        {' · '}
        <a href={`/events?${q ? `${q}&` : ''}past=1&lang=${l}`}>{msg.past[l]}</a>
      </p>
      <h2>{f.past ? msg.past[l] : msg.upcoming[l]}</h2>
      <EventList events={props.events} locale={l} label={msg.events[l]} />
    </Layout>
  );
}

/** schema.org Event for search engines: times with the event's own offset, place or online link, offer. */
export function eventJsonLd(e: EventDto, l: Locale, pageUrl: string) {
  const local = (at: string) => DateTime.fromISO(at, { zone: e.timeZone }).toISO({ suppressMilliseconds: true });
  const place = e.address
    ? {
        '@type': 'Place',
        name: e.address,
        address: { '@type': 'PostalAddress', streetAddress: e.address, addressLocality: e.municipalityName ?? undefined, addressCountry: e.country },
        ...(e.latitude !== null && e.longitude !== null ? { geo: { '@type': 'GeoCoordinates', latitude: e.latitude, longitude: e.longitude } } : {}),
      }
    : null;
  const online = e.onlineUrl ? { '@type': 'VirtualLocation', url: e.onlineUrl } : null;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': pageUrl,
    url: pageUrl,
    name: pickName(e.title, l),
    description: pickName(e.description, l) || undefined,
    startDate: local(e.startsAt),
    endDate: local(e.endsAt),
    eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode:
      place && online
        ? 'https://schema.org/MixedEventAttendanceMode'
        : online
          ? 'https://schema.org/OnlineEventAttendanceMode'
          : 'https://schema.org/OfflineEventAttendanceMode',
    location: place && online ? [place, online] : (place ?? online ?? undefined),
    organizer: e.organisers.map((o) => ({ '@type': 'Organization', name: o.name })),
    inLanguage: locales.filter((x) => e.title[x]),
    keywords: e.tags.length ? e.tags.join(', ') : undefined,
    maximumAttendeeCapacity: e.capacity ?? undefined,
    remainingAttendeeCapacity: e.capacity !== null ? Math.max(0, e.capacity - e.confirmed) : undefined,
    offers: {
      '@type': 'Offer',
      url: pageUrl,
      price: e.priceMinor ? (e.priceMinor / 100).toFixed(2) : '0',
      priceCurrency: e.currency ?? ({ NO: 'NOK', SE: 'SEK', FI: 'EUR' } as Record<string, string>)[e.country],
      availability: e.capacity !== null && e.confirmed >= e.capacity ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock',
    },
  };
}

const jsonLdText = (value: unknown) => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

export interface SignUpChoice {
  firms: { id: number; name: string }[];
  name: string;
  email: string;
}

export function EventPage(
  props: PageBase & {
    event: EventDto;
    pageUrl: string;
    canManage: boolean;
    signUpOpen: boolean;
    choice: SignUpChoice;
    error?: FormError;
    values?: Record<string, string>;
  },
) {
  const l = props.locale;
  const e = props.event;
  const v = props.values ?? {};
  const issues = props.error?.issues;
  const full = e.capacity !== null && e.confirmed >= e.capacity;
  const description = pickName(e.description, l);
  return (
    <Layout
      locale={l}
      title={titleOf(e, l)}
      currentUrl={props.currentUrl}
      description={description.slice(0, 160) || undefined}
      head={
        <>
          {head}
          {/* JSON-LD is data, not script; "<" is escaped so no text can close the element. */}
          <script type="application/ld+json">{raw(jsonLdText(eventJsonLd(e, l, props.pageUrl)))}</script>
        </>
      }
    >
      <p class="breadcrumb">
        <a href={`/events?lang=${l}`}>{msg.calendar[l]}</a>
      </p>
      <h1>{titleOf(e, l)}</h1>
      {e.status === 'cancelled' ? (
        <p class="notice" role="status">
          {msg.cancelledBanner[l]}
        </p>
      ) : null}
      <dl class="event-facts">
        <dt>{msg.when[l]}</dt>
        <dd>{whenOf(e, l)}</dd>
        <dt>{msg.where[l]}</dt>
        <dd>
          {[e.address, e.municipalityName].filter(Boolean).join(', ')}
          {e.onlineUrl ? (
            <>
              {e.address ? ' · ' : ''}
              <a href={e.onlineUrl} rel="nofollow noopener">
                {msg.online[l]}
              </a>
            </>
          ) : null}
        </dd>
        <dt>{msg.kind[l]}</dt>
        <dd>{msg[`kind_${e.kind}`][l]}</dd>
        <dt>{msg.audience[l]}</dt>
        <dd>{msg[`audience_${e.audience}`][l]}</dd>
        <dt>{msg.price[l]}</dt>
        <dd>{priceOf(e, l)}</dd>
        {e.capacity !== null ? (
          <>
            <dt>{msg.capacity[l]}</dt>
            <dd>{full ? msg.fullWaitingList[l] : format(msg.placesLeft[l], { n: e.capacity - e.confirmed, capacity: e.capacity })}</dd>
          </>
        ) : null}
        <dt>{msg.organisedBy[l]}</dt>
        <dd>
          {e.organisers.map((o, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`/events/organisations/${o.id}?lang=${l}`}>{o.name}</a>
            </>
          ))}
        </dd>
        {e.tags.length ? (
          <>
            <dt>{msg.tags[l]}</dt>
            <dd>
              {e.tags.map((t, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/events?topic=${encodeURIComponent(t)}&lang=${l}`}>{t}</a>
                </>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {description ? (
        <div class="event-description">
          {description.split(/\n{2,}/).map((p) => (
            <p>{p}</p>
          ))}
        </div>
      ) : null}
      <p>
        <a href={`/events/${e.id}/event.ics`}>{msg.addToCalendar[l]}</a>
        {props.canManage ? (
          <>
            {' · '}
            <a href={`/events/manage/${e.id}?lang=${l}`}>{msg.editEvent[l]}</a>
          </>
        ) : null}
      </p>
      {props.signUpOpen ? (
        <section aria-labelledby="signup-heading">
          <h2 id="signup-heading">{msg.signUp[l]}</h2>
          <ErrorSummary locale={l} message={props.error?.message} issues={issues} />
          <PostForm action={`/events/${e.id}/sign-up?lang=${l}`} csrf={props.csrf} label={msg.signUp[l]}>
            {props.choice.firms.length ? (
              <SelectField
                label={msg.signUpFor[l]}
                name="firm_id"
                value={v.firm_id ?? String(props.choice.firms[0]!.id)}
                options={[
                  ...props.choice.firms.map((f) => ({ value: String(f.id), label: f.name })),
                  ...(e.audience === 'members' ? [] : [{ value: '', label: msg.asGuest[l] }]),
                ]}
                issues={issues}
              />
            ) : null}
            <Field label={msg.name[l]} name="name" value={v.name ?? props.choice.name} required autocomplete="name" max={200} issues={issues} />
            <Field
              label={msg.email[l]}
              name="email"
              type="email"
              value={v.email ?? props.choice.email}
              required
              autocomplete="email"
              max={254}
              issues={issues}
            />
            {e.audience !== 'members' ? (
              <Field
                label={msg.nationalId[l]}
                name="national_id"
                value={v.national_id}
                max={20}
                issues={issues}
                hint={e.audience === 'public' ? undefined : msg.firmRequired[l]}
              />
            ) : null}
            {e.questions.map((q) => (
              <Field label={q.text} name={`answer_${q.key}`} value={v[`answer_${q.key}`]} required={q.required} max={1000} issues={issues} />
            ))}
            <p>
              <button type="submit">{full ? msg.joinWaitingList[l] : msg.signUp[l]}</button>
            </p>
          </PostForm>
        </section>
      ) : e.status === 'published' ? (
        <p>{msg.notOpen[l]}</p>
      ) : null}
    </Layout>
  );
}

export function RegistrationPage(
  props: PageBase & { event: EventDto; registration: RegistrationDto; position: number | null; token: string; qrDataUrl: string | null; notice?: string },
) {
  const l = props.locale;
  const r = props.registration;
  const e = props.event;
  const status: Child = r.status === 'waiting' && props.position !== null ? format(msg.youAreWaiting[l], { n: props.position }) : msg[`reg_${r.status}`][l];
  return (
    <Layout locale={l} title={msg.yourRegistration[l]} currentUrl={props.currentUrl} head={head}>
      <h1>{msg.yourRegistration[l]}</h1>
      <Notice text={props.notice} />
      <p>
        <a href={`/events/${e.id}?lang=${l}`}>{titleOf(e, l)}</a>
      </p>
      <dl class="event-facts">
        <dt>{msg.when[l]}</dt>
        <dd>{whenOf(e, l)}</dd>
        <dt>{msg.name[l]}</dt>
        <dd>{r.name}</dd>
        <dt>{msg.status[l]}</dt>
        <dd>{status}</dd>
      </dl>
      {r.status === 'confirmed' && props.qrDataUrl ? (
        <figure class="qr">
          <img src={props.qrDataUrl} alt={msg.qrAlt[l]} width={200} height={200} />
          <figcaption>{format(msg.yourCode[l], { code: r.code })}</figcaption>
        </figure>
      ) : null}
      {r.status !== 'cancelled' && e.status !== 'cancelled' ? (
        <PostForm action={`/events/r/${props.token}/cancel?lang=${l}`} csrf={props.csrf} label={msg.cancelRegistration[l]}>
          <button type="submit" class="button-secondary">
            {msg.cancelRegistration[l]}
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}

export function OrganisationEventsPage(props: PageBase & { name: string; orgId: number; coming: EventDto[]; past: EventDto[] }) {
  const l = props.locale;
  const title = format(msg.organisationEvents[l], { name: props.name });
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={head}>
      <p class="breadcrumb">
        <a href={`/events?lang=${l}`}>{msg.calendar[l]}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <a href={`/events/organisations/${props.orgId}/feed.ics`}>{msg.subscribe[l]}</a>
      </p>
      <h2>{msg.upcoming[l]}</h2>
      <EventList events={props.coming} locale={l} label={msg.upcoming[l]} />
      <h2>{msg.past[l]}</h2>
      <EventList events={props.past} locale={l} label={msg.past[l]} />
    </Layout>
  );
}
