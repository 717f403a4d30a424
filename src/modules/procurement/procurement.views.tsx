import type { Child } from 'hono/jsx';
import { formatCount, formatDate, formatDateTime, formatMoney, timeZoneFor } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable, Pagination } from '../../shared/views/data-table.js';
import { Field, GetForm, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import type { MatchReason } from './procurement.matching.js';
import { countryNames, firmCount, msg } from './procurement.messages.js';
import { cpvLabel } from './procurement.reference.js';
import type { NoticeDto, NoticeListQuery } from './procurement.schemas.js';

export const procurementHead = <link rel="stylesheet" href="/static/procurement.css" />;

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

export function ProcurementPage(props: PageBase & { title: string; children?: Child; flash?: string; breadcrumb?: { href: string; text: string } }) {
  return (
    <Layout locale={props.locale} title={props.title} currentUrl={props.currentUrl} head={procurementHead}>
      {props.breadcrumb ? (
        <p class="breadcrumb">
          <a href={props.breadcrumb.href}>{props.breadcrumb.text}</a>
        </p>
      ) : null}
      <h1>{props.title}</h1>
      <Notice text={props.flash} />
      {props.children}
    </Layout>
  );
}

const kindLabel = (l: Locale, kind: NoticeDto['kind']) => msg[`kind_${kind}`][l];

/** A deadline in the reader's zone (the buyer's country decides which Nordic zone), or "no deadline given". */
export function Deadline(props: { locale: Locale; at: string | null; country: string | null }) {
  if (!props.at) return <>{msg.noDeadline[props.locale]}</>;
  const zone = timeZoneFor(props.locale, props.country);
  return <time datetime={props.at}>{formatDateTime(props.at, props.locale, zone)}</time>;
}

export function placeText(l: Locale, n: NoticeDto, names: Map<string, string>): string {
  const parts = n.municipalityKeys.length ? n.municipalityKeys : n.countyKeys;
  if (parts.length) return parts.map((k) => names.get(k) ?? k).join(', ');
  return n.countryKeys.map((c) => format(msg.anywhereIn[l], { country: countryNames[c as 'NO']?.[l] ?? c })).join(', ');
}

export function reasonText(l: Locale, r: MatchReason): string {
  switch (r.kind) {
    case 'activity':
      return format(msg.reasonActivity[l], { nace: r.nace, cpv: `${r.cpv} ${cpvLabel(r.cpv, l) ?? ''}`.trim() });
    case 'cpv':
      return format(msg.reasonCpv[l], { code: `${r.code} (${cpvLabel(r.cpv, l) ?? r.cpv})` });
    case 'keyword':
      return format(msg.reasonKeyword[l], { word: r.word });
    case 'municipality':
      return format(msg.reasonMunicipality[l], { name: r.name });
    case 'county':
      return format(msg.reasonCounty[l], { name: r.name });
    case 'country':
      return msg.reasonCountry[l];
  }
}

export function Reasons(props: { locale: Locale; reasons: MatchReason[] }) {
  return (
    <ul class="reasons">
      {props.reasons.map((r) => (
        <li>{reasonText(props.locale, r)}</li>
      ))}
    </ul>
  );
}

export function NoticeListPage(
  props: PageBase & {
    query: NoticeListQuery;
    notices: NoticeDto[];
    total: number;
    pageSize: number;
    divisions: { code: string; label: string }[];
    counties: { key: string; name: string }[];
    placeNames: Map<string, string>;
  },
) {
  const l = props.locale;
  const q = props.query;
  const next = new URL(props.currentUrl, 'http://x');
  next.searchParams.set('page', String(q.page + 1));
  const hasMore = q.page * props.pageSize < props.total;
  return (
    <ProcurementPage {...props} title={msg.tenders[l]}>
      <p>{msg.tendersIntro[l]}</p>
      <GetForm action="/tenders" locale={l} class="filters" label={msg.filter[l]}>
        <SelectField
          label={msg.cpvDivision[l]}
          name="division"
          value={q.division ?? ''}
          includeEmpty={msg.anyDivision[l]}
          options={props.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.label}` }))}
        />
        <SelectField
          label={msg.county[l]}
          name="county"
          value={q.county ?? ''}
          includeEmpty={msg.anyCounty[l]}
          options={props.counties.map((c) => ({ value: c.key, label: c.name }))}
        />
        <Field label={msg.deadlineFrom[l]} name="from" type="date" value={q.from ?? ''} />
        <Field label={msg.deadlineTo[l]} name="to" type="date" value={q.to ?? ''} />
        <SelectField
          label={msg.status[l]}
          name="status"
          value={q.status}
          options={[
            { value: 'open', label: msg.openOnly[l] },
            { value: 'all', label: msg.allNotices[l] },
          ]}
        />
        <p>
          <button type="submit">{msg.filter[l]}</button>
        </p>
      </GetForm>
      <p aria-live="polite">{format(msg.showing[l], { shown: Math.min(props.total, q.page * props.pageSize), total: props.total })}</p>
      <DataTable
        label={msg.tenders[l]}
        headers={[msg.title[l], msg.buyer[l], msg.deadline[l], msg.place[l], msg.cpvDivision[l], msg.localFirms[l]]}
        empty={{ isEmpty: props.notices.length === 0, text: msg.noNotices[l] }}
      >
        {props.notices.map((n) => (
          <tr>
            <td>
              <a href={`/tenders/${n.id}?lang=${l}`}>{n.title}</a>
              {n.isDemo ? ` ${msg.demo[l]}` : ''}
              <br />
              <small>{kindLabel(l, n.kind)}</small>
            </td>
            <td>{n.buyer.name ?? ''}</td>
            <td>
              <Deadline locale={l} at={n.deadline} country={n.buyer.country} />
            </td>
            <td>{placeText(l, n, props.placeNames)}</td>
            <td>{n.cpvMain ? `${n.cpvMain.slice(0, 2)} ${cpvLabel(`${n.cpvMain.slice(0, 2)}000000`, l) ?? ''}` : ''}</td>
            <td class="num">{n.localFirmCount === null ? '' : formatCount(n.localFirmCount, l, firmCount)}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination locale={l} olderHref={hasMore ? `${next.pathname}?${next.searchParams}` : undefined} text={msg.more[l]} />
    </ProcurementPage>
  );
}

export function NoticePage(
  props: PageBase & {
    notice: NoticeDto;
    placeNames: Map<string, string>;
    leadFirms: { id: number; name: string }[];
    groups: { id: number; name: string }[];
    error?: { message: string };
  },
) {
  const l = props.locale;
  const n = props.notice;
  const zoneCountry = n.buyer.country;
  return (
    <ProcurementPage
      locale={l}
      currentUrl={props.currentUrl}
      csrf={props.csrf}
      title={`${n.title}${n.isDemo ? ` ${msg.demo[l]}` : ''}`}
      breadcrumb={{ href: `/tenders?lang=${l}`, text: msg.tenders[l] }}
    >
      <dl class="facts">
        <dt>{msg.buyer[l]}</dt>
        <dd>
          {n.buyer.name ?? ''}
          {n.buyer.nationalId ? ` (${n.buyer.nationalId})` : ''}
        </dd>
        <dt>{msg.noticeType[l]}</dt>
        <dd>
          {kindLabel(l, n.kind)} ({n.noticeType}, {n.noticeNumber})
        </dd>
        {n.procedure ? (
          <>
            <dt>{msg.procedure[l]}</dt>
            <dd>{n.procedure}</dd>
          </>
        ) : null}
        <dt>{msg.deadline[l]}</dt>
        <dd>
          <Deadline locale={l} at={n.deadline} country={zoneCountry} />
        </dd>
        {n.publishedAt ? (
          <>
            <dt>{msg.published[l]}</dt>
            <dd>
              <time datetime={n.publishedAt}>{formatDate(n.publishedAt, l, timeZoneFor(l, zoneCountry))}</time>
            </dd>
          </>
        ) : null}
        <dt>{msg.place[l]}</dt>
        <dd>
          {placeText(l, n, props.placeNames)}
          {n.nuts.length ? ` (NUTS ${n.nuts.join(', ')})` : ''}
          {n.places.length ? ` — ${n.places.join('; ')}` : ''}
        </dd>
        {n.estimated ? (
          <>
            <dt>{msg.estimatedValue[l]}</dt>
            <dd>{formatMoney(n.estimated.minor, n.estimated.currency, l)}</dd>
          </>
        ) : null}
        <dt>{msg.cpvCodes[l]}</dt>
        <dd>
          <ul class="plain">
            {n.cpvCodes.map((c) => (
              <li>
                {c} {cpvLabel(c, l) ?? ''}
              </li>
            ))}
          </ul>
        </dd>
        {n.localFirmCount !== null ? (
          <>
            <dt>{msg.localFirms[l]}</dt>
            <dd>{formatCount(n.localFirmCount, l, firmCount)}</dd>
          </>
        ) : null}
        {n.language ? (
          <>
            <dt>{msg.language[l]}</dt>
            <dd>{n.language}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={n.officialUrl} rel="noopener">
          {msg.officialNotice[l]}
        </a>
      </p>
      {n.links.length ? (
        <>
          <h2>{msg.documents[l]}</h2>
          <ul>
            {n.links.map((u) => (
              <li>
                <a href={u} rel="noopener nofollow">
                  {u}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {n.description ? (
        <>
          <h2>{msg.description[l]}</h2>
          <p lang={n.language ?? undefined} class="notice-text">
            {n.description}
          </p>
        </>
      ) : null}
      {n.lots.length > 1 ? (
        <>
          <h2>{msg.lots[l]}</h2>
          <DataTable label={msg.lots[l]} headers={[msg.lot[l], msg.title[l], msg.deadline[l], msg.estimatedValue[l]]}>
            {n.lots.map((lot) => (
              <tr>
                <td>{lot.id}</td>
                <td>{lot.title ?? ''}</td>
                <td>
                  <Deadline locale={l} at={lot.deadline} country={zoneCountry} />
                </td>
                <td>{lot.estimatedMinor !== null && lot.currency ? formatMoney(lot.estimatedMinor, lot.currency, l) : ''}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      {n.awards.length ? (
        <>
          <h2>{msg.award[l]}</h2>
          <DataTable label={msg.award[l]} headers={[msg.winner[l], msg.lot[l], msg.value[l]]}>
            {n.awards.map((a) => (
              <tr>
                <td>
                  {a.winnerName ?? ''}
                  {a.winnerNationalId ? ` (${a.winnerNationalId})` : ''}
                </td>
                <td>{a.lotId ?? ''}</td>
                <td>{a.valueMinor !== null && a.currency ? formatMoney(a.valueMinor, a.currency, l) : ''}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      {props.groups.length ? (
        <>
          <h2>{msg.groupsOnNotice[l]}</h2>
          <ul>
            {props.groups.map((g) => (
              <li>
                <a href={`/tenders/groups/${g.id}?lang=${l}`}>{g.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.leadFirms.length && n.kind !== 'result' ? (
        <section aria-labelledby="bid-together">
          <h2 id="bid-together">{msg.bidTogether[l]}</h2>
          <p>{msg.bidTogetherIntro[l]}</p>
          {props.error ? <p class="error">{props.error.message}</p> : null}
          <PostForm action={`/tenders/${n.id}/groups`} csrf={props.csrf} label={msg.bidTogether[l]}>
            <SelectField label={msg.leadFirm[l]} name="firm" options={props.leadFirms.map((f) => ({ value: String(f.id), label: f.name }))} />
            {n.lots.length > 1 ? (
              <SelectField
                label={msg.lot[l]}
                name="lot"
                includeEmpty={msg.wholeNotice[l]}
                options={n.lots.map((lot) => ({ value: lot.id, label: `${lot.id} ${lot.title ?? ''}` }))}
              />
            ) : null}
            <Field label={msg.groupName[l]} name="name" required value={n.title.slice(0, 200)} max={200} />
            <p>
              <button type="submit">{msg.startGroup[l]}</button>
            </p>
          </PostForm>
        </section>
      ) : null}
    </ProcurementPage>
  );
}
