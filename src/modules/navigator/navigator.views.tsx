import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { LocalisedIssue } from '../../shared/errors.js';
import { formatDate, formatMoney } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { ErrorSummary, Field, GetForm, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import type { MatchStatus, Reason, Verdict } from './navigator.match.js';
import { msg, reasonText } from './navigator.messages.js';
import { offerKinds, type OfferRecord } from './navigator.offer-types.js';
import type { FactsView, OfferRow, RankedOffer } from './navigator.service.js';

export const navigatorHead = <link rel="stylesheet" href="/static/navigator.css" />;

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

export interface FormProblem {
  message: string;
  issues: LocalisedIssue[];
}

const label = (l: Locale, key: string): string => (msg as Record<string, Record<Locale, string>>)[key]?.[l] ?? key;
export const kindLabel = (l: Locale, kind: string) => label(l, `kind_${kind}`);
export const aidLabel = (l: Locale, aid: string) => label(l, `aid_${aid}`);

/** The date a 'YYYY-MM-DD' names, in the reader's words (noon UTC: the same day in every Nordic zone). */
export const dayLabel = (day: string, l: Locale) => formatDate(`${day}T12:00:00Z`, l);

/** A value that may be unknown: the source's own words, or "not seen". */
function Fact(props: { l: Locale; value: string | null | undefined }) {
  return props.value ? props.value : <span class="not-seen">{msg.notSeen[props.l]}</span>;
}

export function reasonLine(l: Locale, r: Reason): string {
  const values = { ...(r.values ?? {}) };
  for (const key of ['date'] as const)
    if (typeof values[key] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values[key] as string)) values[key] = dayLabel(values[key] as string, l);
  return format(reasonText[r.code][l], values as Record<string, string | number>);
}

export function Reasons(props: { l: Locale; reasons: Reason[]; verdicts: Verdict[]; title: string }) {
  const shown = props.reasons.filter((r) => props.verdicts.includes(r.verdict));
  if (!shown.length) return null;
  return (
    <div class={`reasons reasons-${props.verdicts[0]}`}>
      <p class="reasons-title">{props.title}</p>
      <ul>
        {shown.map((r) => (
          <li>{reasonLine(props.l, r)}</li>
        ))}
      </ul>
    </div>
  );
}

export function amountText(l: Locale, r: OfferRecord): string | null {
  if (r.amount_max !== null && r.currency) return format(msg.upTo[l], { amount: formatMoney(Math.round(r.amount_max * 100), r.currency, l) });
  if (r.amount_min !== null && r.currency) return format(msg.fromAmount[l], { amount: formatMoney(Math.round(r.amount_min * 100), r.currency, l) });
  return null;
}

/** " (demo)" after a demo row's name, unless the name says so already. */
export const demoMark = (isDemo: boolean, name: string, l: Locale) => (isDemo && !name.includes(msg.demo[l]) ? ` ${msg.demo[l]}` : '');

export const offerName = (l: Locale, r: OfferRecord) => (l === 'en' && r.name_en ? r.name_en : r.name);
export const offerHref = (key: string, l: Locale) => `/navigator/offers/${key}?lang=${l}`;

/** One offer in a result list: name, provider, kind, amount, and its reasons. */
export function OfferCard(props: { l: Locale; ranked: RankedOffer; extra?: Child }) {
  const { l } = props;
  const { offer, result } = props.ranked;
  const r = offer.record;
  const amount = amountText(l, r);
  return (
    <li class={`offer offer-${result.status}`}>
      <h3>
        <a href={offerHref(offer.key, l)}>{offerName(l, r)}</a>
        {demoMark(offer.isDemo, offerName(l, r), l)}
      </h3>
      <p class="offer-meta">
        {r.provider} · {kindLabel(l, r.kind)}
        {amount ? ` · ${amount}` : ''}
      </p>
      {result.status === 'ruled_out' ? (
        <Reasons l={l} reasons={result.reasons} verdicts={['rules_out']} title={msg.whyNot[l]} />
      ) : (
        <>
          <Reasons l={l} reasons={result.reasons} verdicts={['fits']} title={msg.whyFits[l]} />
          <Reasons l={l} reasons={result.reasons} verdicts={['check']} title={msg.toCheck[l]} />
        </>
      )}
      {props.extra}
    </li>
  );
}

export function RankedList(props: { l: Locale; ranked: RankedOffer[]; extra?: (r: RankedOffer) => Child; headingLevel?: 'h2' | 'h3' }) {
  const { l } = props;
  const groups: [MatchStatus, string][] = [
    ['fits', msg.fitsHeading[l]],
    ['check', msg.checkHeading[l]],
    ['ruled_out', msg.ruledOutHeading[l]],
  ];
  return (
    <>
      {groups.map(([status, title]) => {
        const items = props.ranked.filter((r) => r.result.status === status);
        const body = items.length ? (
          <ol class="offer-list">
            {items.map((r) => (
              <OfferCard l={l} ranked={r} extra={props.extra?.(r)} />
            ))}
          </ol>
        ) : (
          <p>{msg.noneHere[l]}</p>
        );
        return status === 'ruled_out' ? (
          <details class="ruled-out">
            <summary>
              {title} ({items.length})
            </summary>
            {body}
          </details>
        ) : (
          <section>
            <h2>
              {title} ({items.length})
            </h2>
            {body}
          </section>
        );
      })}
    </>
  );
}

const kindOptions = (l: Locale) => offerKinds.map((k) => ({ value: k, label: kindLabel(l, k) }));
const countryOptions = (l: Locale) => (['NO', 'SE', 'FI'] as const).map((c) => ({ value: c, label: label(l, `country_${c}`) }));

export interface MatchPageProps extends PageBase {
  values: Record<string, string>;
  providers: string[];
  offerCount: number;
  view: FactsView | null;
  ranked: RankedOffer[] | null;
  error?: FormProblem;
  notice?: string;
  subscribeError?: FormProblem;
}

/** The public navigator: the firm's facts (or a firm from the register), filters, ranked offers with reasons, "notify me". */
export function MatchPage(props: MatchPageProps) {
  const l = props.locale;
  const v = props.values;
  const issues = props.error?.issues;
  const query = new URLSearchParams(Object.entries(v).filter(([k, x]) => x && k !== 'email')).toString();
  return (
    <Layout locale={l} title={msg.navigator[l]} currentUrl={props.currentUrl} head={navigatorHead} description={msg.intro[l]}>
      <h1>{msg.navigator[l]}</h1>
      <p>{msg.intro[l]}</p>
      <p class="caution">{msg.caution[l]}</p>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={issues} />
      <GetForm action="/navigator" locale={l} class="navigator-form" label={msg.yourFirm[l]}>
        <fieldset>
          <legend>{msg.yourFirm[l]}</legend>
          <SelectField label={msg.country[l]} name="country" value={v.country} options={countryOptions(l)} includeEmpty="" issues={issues} />
          <Field label={msg.municipality[l]} name="municipality" value={v.municipality} hint={msg.municipalityHint[l]} issues={issues} max={4} />
          <Field label={msg.nace[l]} name="nace" value={v.nace} hint={msg.naceHint[l]} issues={issues} max={8} />
          <Field label={msg.employees[l]} name="employees" value={v.employees} type="text" issues={issues} max={8} />
          <Field label={msg.ageYears[l]} name="age" value={v.age} issues={issues} max={3} />
          <Field label={msg.turnover[l]} name="turnover" value={v.turnover} hint={msg.turnoverHint[l]} issues={issues} max={20} />
        </fieldset>
        <fieldset>
          <legend>{msg.orPickFirm[l]}</legend>
          <Field label={msg.nationalId[l]} name="orgnr" value={v.orgnr} issues={issues} max={20} />
        </fieldset>
        <fieldset>
          <legend>{msg.kind[l]}</legend>
          <SelectField label={msg.kind[l]} name="kind" value={v.kind} options={kindOptions(l)} includeEmpty={msg.any[l]} issues={issues} />
          <SelectField
            label={msg.provider[l]}
            name="provider"
            value={v.provider}
            options={props.providers.map((p) => ({ value: p, label: p }))}
            includeEmpty={msg.any[l]}
            issues={issues}
          />
        </fieldset>
        <button type="submit">{msg.search[l]}</button>
      </GetForm>
      {props.view ? <FactsSummary l={l} view={props.view} /> : null}
      {props.ranked ? <RankedList l={l} ranked={props.ranked} /> : null}
      {props.view ? (
        <section class="notify">
          <h2>{msg.notifyTitle[l]}</h2>
          <p>{msg.notifyIntro[l]}</p>
          <ErrorSummary locale={l} message={props.subscribeError?.message} issues={props.subscribeError?.issues} />
          <PostForm action={`/navigator/notify?${query}`} csrf={props.csrf} label={msg.notifyTitle[l]}>
            <Field label={msg.email[l]} name="email" type="email" autocomplete="email" value={v.email} required issues={props.subscribeError?.issues} />
            <button type="submit">{msg.subscribe[l]}</button>
          </PostForm>
        </section>
      ) : null}
      <p class="catalogue-links">
        {format(msg.offerCount[l], { n: props.offerCount })} · <a href="/navigator/offers.json">{msg.downloadJson[l]}</a> ·{' '}
        <a href="/navigator/offers.csv">{msg.downloadCsv[l]}</a>
      </p>
    </Layout>
  );
}

export function FactsSummary(props: { l: Locale; view: FactsView }) {
  const { l, view } = props;
  const f = view.facts;
  return (
    <section class="facts">
      {view.firm ? <h2>{format(msg.factsOf[l], { name: view.firm.name })}</h2> : null}
      {view.place?.changedFrom ? (
        <p class="notice">{format(msg.municipalityChanged[l], { old: view.place.changedFrom, new: view.place.code, name: view.place.name })}</p>
      ) : null}
      <dl class="facts-list">
        <dt>{msg.municipality[l]}</dt>
        <dd>{view.place ? `${view.place.name} (${view.place.code})` : <Fact l={l} value={null} />}</dd>
        <dt>{msg.nace[l]}</dt>
        <dd>
          <Fact l={l} value={f.nace} />
        </dd>
        <dt>{msg.employees[l]}</dt>
        <dd>
          <Fact l={l} value={f.employees === null ? null : String(f.employees)} />
        </dd>
        <dt>{msg.age[l]}</dt>
        <dd>
          <Fact l={l} value={f.ageYears === null ? null : String(f.ageYears)} />
        </dd>
      </dl>
    </section>
  );
}

// ---- the offer page ----------------------------------------------------------------------------

/** schema.org: a grant, voucher, advice … as a GovernmentService; loans, guarantees and equity as a FinancialProduct. */
export function offerJsonLd(offer: OfferRow, baseUrl: string): string {
  const r = offer.record;
  const financial = r.kind === 'loan' || r.kind === 'guarantee' || r.kind === 'equity';
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': financial ? 'FinancialProduct' : 'GovernmentService',
    '@id': `${baseUrl}/navigator/offers/${offer.key}`,
    name: r.name,
    ...(r.name_en ? { alternateName: r.name_en } : {}),
    ...(r.description ? { description: r.description } : {}),
    ...(r.url ? { url: r.url } : {}),
    provider: {
      '@type': financial ? 'Organization' : 'GovernmentOrganization',
      name: r.provider,
      ...(r.provider_national_id ? { identifier: r.provider_national_id } : {}),
    },
    areaServed: r.areas.map((a) => ({ '@type': 'AdministrativeArea', name: a })),
    ...(financial ? { category: r.kind } : { serviceType: r.kind }),
    ...(r.checked ? { dateModified: r.checked } : {}),
  };
  if (!financial && r.url) data.availableChannel = { '@type': 'ServiceChannel', serviceUrl: r.url };
  // "<", ">" and "&" as \u escapes: the JSON cannot end the script element.
  return JSON.stringify(data).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function OfferPage(props: PageBase & { offer: OfferRow; jsonLd: string; backHref: string }) {
  const l = props.locale;
  const r = props.offer.record;
  const amount = amountText(l, r);
  const deadline = r.match.deadline_date ? dayLabel(r.match.deadline_date, l) : r.match.open_all_year ? msg.openAllYear[l] : r.deadline;
  return (
    <Layout
      locale={l}
      title={offerName(l, r)}
      currentUrl={props.currentUrl}
      description={r.description ?? undefined}
      head={
        <>
          {navigatorHead}
          <script type="application/ld+json">{raw(props.jsonLd)}</script>
        </>
      }
    >
      <p class="breadcrumb">
        <a href={props.backHref}>{msg.backToResults[l]}</a>
      </p>
      <h1>
        {offerName(l, r)}
        {demoMark(props.offer.isDemo, offerName(l, r), l)}
      </h1>
      <p class="offer-meta">
        {r.provider} · {kindLabel(l, r.kind)}
      </p>
      {r.verified === false ? <p class="caution">{msg.unverified[l]}</p> : null}
      <p class="caution">{msg.caution[l]}</p>
      {r.description_local ? (
        <p lang={r.country === 'SE' ? 'sv' : r.country === 'FI' ? 'fi' : r.country === 'NO' ? 'nb' : undefined}>{r.description_local}</p>
      ) : null}
      {r.description ? (
        <p lang="en">
          {r.description_local ? <strong>{msg.inEnglish[l]}: </strong> : null}
          {r.description}
        </p>
      ) : null}
      {l !== 'en' && r.name_en ? (
        <p>
          {msg.inEnglish[l]}: <span lang="en">{r.name_en}</span>
        </p>
      ) : null}
      <dl class="offer-facts">
        <dt>{msg.areas[l]}</dt>
        <dd>{r.areas.length ? r.areas.join('; ') : <Fact l={l} value={null} />}</dd>
        <dt>{msg.sectors[l]}</dt>
        <dd>
          <Fact
            l={l}
            value={[r.sectors_included, r.match.nace_included.length ? `NACE ${r.match.nace_included.join(', ')}` : null].filter(Boolean).join(' · ') || null}
          />
        </dd>
        <dt>{msg.excluded[l]}</dt>
        <dd>
          <Fact
            l={l}
            value={[r.sectors_excluded, r.match.nace_excluded.length ? `NACE ${r.match.nace_excluded.join(', ')}` : null].filter(Boolean).join(' · ') || null}
          />
        </dd>
        <dt>{msg.size[l]}</dt>
        <dd>
          <Fact l={l} value={r.size_bounds?.text ?? null} />
        </dd>
        <dt>{msg.age[l]}</dt>
        <dd>
          <Fact l={l} value={r.age_bounds?.text ?? null} />
        </dd>
        <dt>{msg.stage[l]}</dt>
        <dd>
          <Fact l={l} value={r.stage} />
        </dd>
        <dt>{msg.amount[l]}</dt>
        <dd>
          <Fact l={l} value={amount} />
        </dd>
        <dt>{msg.aidIntensity[l]}</dt>
        <dd>
          <Fact l={l} value={r.aid_intensity} />
        </dd>
        <dt>{msg.deadline[l]}</dt>
        <dd>
          <Fact l={l} value={deadline} />
        </dd>
        <dt>{msg.stateAid[l]}</dt>
        <dd>
          <Fact l={l} value={[r.match.state_aid ? aidLabel(l, r.match.state_aid) : null, r.state_aid_basis].filter(Boolean).join(' – ') || null} />
        </dd>
        <dt>{msg.status[l]}</dt>
        <dd>
          <Fact l={l} value={r.status_as_seen} />
        </dd>
        <dt>{msg.notes[l]}</dt>
        <dd>
          <Fact l={l} value={r.notes} />
        </dd>
      </dl>
      {r.url ? (
        <p>
          <a href={r.url} rel="noopener noreferrer external">
            {msg.providerPage[l]}
          </a>
        </p>
      ) : null}
      <h2>{msg.sources[l]}</h2>
      <ul class="sources">
        {r.source.map((s) => {
          const url = /^https?:\/\/\S+/.exec(s)?.[0];
          return (
            <li>
              {url ? (
                <a href={url} rel="noopener noreferrer external">
                  {s}
                </a>
              ) : (
                s
              )}
            </li>
          );
        })}
      </ul>
      <p class="checked">{r.checked ? format(msg.lastChecked[l], { date: dayLabel(r.checked, l) }) : format(msg.lastChecked[l], { date: msg.notSeen[l] })}</p>
    </Layout>
  );
}

// ---- "notify me" confirmation -------------------------------------------------------------------

export function NotifyPage(props: PageBase & { token: string; state: 'pending' | 'confirmed' | 'stopped' | 'unknown' }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={msg.confirmTitle[l]} currentUrl={props.currentUrl} head={navigatorHead}>
      <h1>{msg.confirmTitle[l]}</h1>
      {props.state === 'unknown' ? <p>{msg.linkUnknown[l]}</p> : null}
      {props.state === 'confirmed' ? <Notice text={msg.confirmed[l]} /> : null}
      {props.state === 'stopped' ? <Notice text={msg.stopped[l]} /> : null}
      {props.state === 'pending' ? (
        <PostForm action={`/navigator/notify/${props.token}/confirm`} csrf={props.csrf} label={msg.confirmTitle[l]}>
          <button type="submit">{msg.confirmButton[l]}</button>
        </PostForm>
      ) : null}
      {props.state === 'pending' || props.state === 'confirmed' ? (
        <PostForm action={`/navigator/notify/${props.token}/stop`} csrf={props.csrf} label={msg.stopButton[l]}>
          <button type="submit" class="secondary">
            {msg.stopButton[l]}
          </button>
        </PostForm>
      ) : null}
      <p>
        <a href={`/navigator?lang=${l}`}>{msg.backToResults[l]}</a>
      </p>
    </Layout>
  );
}
