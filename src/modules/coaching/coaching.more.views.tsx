import type { FormError } from '../../shared/http/forms.js';
import { formatDate, formatDateTime, formatMoney, formatTime, type TimeZone } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable, Pagination } from '../../shared/views/data-table.js';
import type { FirmRecordEntry, FirmRecordSection } from '../../shared/views/firm-record.js';
import { Field, PostForm, SelectField } from '../../shared/views/form.js';
import { activityKinds, optionsOf, referralResults, referralStatuses } from './coaching.codes.js';
import { CheckboxField, CoachingPage, DemoMark, TextArea, type PageBase } from './coaching.layout.js';
import { msg } from './coaching.messages.js';
import type { feedsOverview, getReferral, listActivities, listReferralsFor, noteReadLog } from './coaching.service.js';
import { caseUrl, daysSince } from './coaching.views.js';

const label = (list: Record<string, Record<Locale, string>>, code: string | null, l: Locale) => (code ? (list[code]?.[l] ?? code) : '');

// ---- staff firm page ----------------------------------------------------------------------

export interface FirmFacts {
  name: string;
  nationalId: string;
  country: string;
  legalForm: string | null;
  naceCode: string | null;
  sectorLabel: string | null;
  employees: number | null;
  address: string;
  municipality: string;
  website: string | null;
}

export function FirmPage(
  props: PageBase & {
    firmId: number;
    facts: FirmFacts;
    memberships: { organisation: string; tier: string; status: string; validFrom: string; validTo: string | null }[];
    sections: { section: FirmRecordSection; entries: FirmRecordEntry[] }[];
    isFirmPerson: boolean;
    canOpenCase: boolean;
  },
) {
  const l = props.locale;
  const f = props.facts;
  return (
    <CoachingPage {...props} title={f.name} current="/coaching/cases">
      <p class="subtitle">{msg.firmPage[l]}</p>
      {props.isFirmPerson ? <p class="notice">{msg.firmPeopleNote[l]}</p> : null}
      <h2>{msg.registerFacts[l]}</h2>
      <dl class="facts">
        <dt>{msg.nationalId[l]}</dt>
        <dd>
          {f.nationalId} ({f.country})
        </dd>
        <dt>{msg.legalForm[l]}</dt>
        <dd>{f.legalForm ?? '–'}</dd>
        <dt>{msg.sector[l]}</dt>
        <dd>{f.naceCode ? `${f.naceCode} ${f.sectorLabel ?? ''}` : '–'}</dd>
        <dt>{msg.employees[l]}</dt>
        <dd>{f.employees ?? '–'}</dd>
        <dt>{msg.address[l]}</dt>
        <dd>{f.address || '–'}</dd>
        <dt>{msg.municipality[l]}</dt>
        <dd>{f.municipality || '–'}</dd>
      </dl>
      <p>
        <a href={`/navigator/firms/${props.firmId}?lang=${l}`}>{msg.supportNavigator[l]}</a>
        {props.canOpenCase ? (
          <>
            {' · '}
            <a href={`/coaching/cases/new?firmId=${props.firmId}&lang=${l}`}>{msg.newCase[l]}</a>
          </>
        ) : null}
      </p>
      <h2>{msg.memberships[l]}</h2>
      <DataTable
        label={msg.memberships[l]}
        headers={[msg.organisation[l], msg.tier[l], msg.status[l], msg.validFrom[l], msg.validTo[l]]}
        empty={{ isEmpty: props.memberships.length === 0, text: msg.nothing[l] }}
      >
        {props.memberships.map((m) => (
          <tr>
            <td>{m.organisation}</td>
            <td>{m.tier}</td>
            <td>{m.status}</td>
            <td>{formatDate(m.validFrom, l)}</td>
            <td>{m.validTo ? formatDate(m.validTo, l) : '–'}</td>
          </tr>
        ))}
      </DataTable>
      {props.sections.map(({ section, entries }) => (
        <section aria-labelledby={`s-${section.key}`}>
          <h2 id={`s-${section.key}`}>{section.title[l]}</h2>
          {entries.length ? (
            <ul class="plain-list">
              {entries.map((e) => (
                <li>
                  {e.href ? <a href={e.href}>{e.label}</a> : e.label}
                  {e.at ? ` · ${formatDate(e.at, l)}` : ''}
                  {e.detail ? (
                    <>
                      <br />
                      <span class="meta">{e.detail}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{msg.nothing[l]}</p>
          )}
        </section>
      ))}
    </CoachingPage>
  );
}

// ---- referrals ------------------------------------------------------------------------------

type Referrals = Awaited<ReturnType<typeof listReferralsFor>>;
type OrgNames = Map<number, { name: string }>;

function ReferralTable(props: {
  locale: Locale;
  rows: Referrals['incoming'];
  names: Referrals['names'];
  label: string;
  orgNames: OrgNames;
  direction: 'in' | 'out';
}) {
  const l = props.locale;
  return (
    <DataTable
      label={props.label}
      headers={[msg.firm[l], props.direction === 'in' ? msg.from[l] : msg.to[l], msg.purpose[l], msg.status[l], msg.age[l]]}
      empty={{ isEmpty: props.rows.length === 0, text: msg.nothing[l] }}
    >
      {props.rows.map((r) => (
        <tr>
          <td>
            <a href={`/coaching/referrals/${r.id}?lang=${l}`}>{props.names.firms.get(Number(r.firm_id))?.name ?? ''}</a>
            <DemoMark locale={l} isDemo={r.is_demo} text={props.names.firms.get(Number(r.firm_id))?.name} />
          </td>
          <td>
            {props.direction === 'in'
              ? props.orgNames.get(Number(r.from_organisation_id))?.name
              : r.to_organisation_id
                ? props.orgNames.get(Number(r.to_organisation_id))?.name
                : `${r.to_body} (${msg.notOnPlatform[l]})`}
          </td>
          <td>{r.purpose.slice(0, 120)}</td>
          <td>{label(referralStatuses, r.status, l)}</td>
          <td>{r.status === 'open' || r.status === 'accepted' ? format(msg.days[l], { n: daysSince(r.created_at) }) : ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function ReferralsPage(props: PageBase & { data: Referrals }) {
  const l = props.locale;
  const d = props.data;
  return (
    <CoachingPage {...props} title={msg.referrals[l]}>
      <h2>{msg.incoming[l]}</h2>
      <ReferralTable locale={l} rows={d.incoming} names={d.names} label={msg.incoming[l]} orgNames={d.names.organisations} direction="in" />
      <h2>{msg.outgoing[l]}</h2>
      <ReferralTable locale={l} rows={d.outgoing} names={d.names} label={msg.outgoing[l]} orgNames={d.names.organisations} direction="out" />
    </CoachingPage>
  );
}

export function ReferralPage(
  props: PageBase & {
    data: Awaited<ReturnType<typeof getReferral>>;
    canReport: boolean;
    caseVisible: boolean;
    error?: FormError;
    notice?: string;
    today: string;
  },
) {
  const l = props.locale;
  const { r, names, canDecide } = props.data;
  const firm = names.firms.get(Number(r.firm_id));
  const to = r.to_organisation_id ? names.organisations.get(Number(r.to_organisation_id))?.name : `${r.to_body} (${msg.notOnPlatform[l]})`;
  const issues = props.error?.issues;
  return (
    <CoachingPage {...props} title={`${msg.refer[l]}: ${firm?.name ?? ''}`} current="/coaching/referrals" error={props.error}>
      <dl class="facts">
        <dt>{msg.firm[l]}</dt>
        <dd>
          {firm?.name} ({firm?.nationalId}) <DemoMark locale={l} isDemo={r.is_demo} text={firm?.name} />
        </dd>
        <dt>{msg.from[l]}</dt>
        <dd>
          {names.organisations.get(Number(r.from_organisation_id))?.name} – {names.people.get(Number(r.created_by)) ?? ''}
        </dd>
        <dt>{msg.to[l]}</dt>
        <dd>{to}</dd>
        <dt>{msg.purpose[l]}</dt>
        <dd class="note-body">{r.purpose}</dd>
        <dt>{msg.sharedInfo[l]}</dt>
        <dd class="note-body">{r.shared_info || '–'}</dd>
        {r.funding_amount_minor !== null ? (
          <>
            <dt>{msg.fundingSought[l]}</dt>
            <dd>
              {formatMoney(Number(r.funding_amount_minor), r.funding_currency, l)}
              {r.over_ceiling_confirmed ? ` (${msg.overCeilingConfirmed[l]})` : ''}
            </dd>
            <dt>{msg.deMinimisAtReferral[l]}</dt>
            <dd>{r.de_minimis_room_eur_minor === null ? '–' : formatMoney(Number(r.de_minimis_room_eur_minor), 'EUR', l)}</dd>
          </>
        ) : null}
        <dt>{msg.status[l]}</dt>
        <dd>
          {label(referralStatuses, r.status, l)}
          {r.decision_reason ? ` – ${r.decision_reason}` : ''}
          {r.status === 'open' || r.status === 'accepted' ? ` (${msg.age[l]}: ${format(msg.days[l], { n: daysSince(r.created_at) })})` : ''}
        </dd>
        <dt>{msg.result[l]}</dt>
        <dd>
          {label(referralResults, r.result, l) || '–'}
          {r.result_note ? ` – ${r.result_note}` : ''}
        </dd>
      </dl>
      {props.caseVisible ? (
        <p>
          <a href={caseUrl(Number(r.case_id), l)}>{msg.backToCase[l]}</a>
        </p>
      ) : null}
      {canDecide && r.status === 'open' ? (
        <PostForm action={`/coaching/referrals/${r.id}/decide?lang=${l}`} csrf={props.csrf} label={msg.decision[l]}>
          <SelectField
            name="decision"
            label={msg.decision[l]}
            options={[
              { value: 'accept', label: msg.accept[l] },
              { value: 'decline', label: msg.decline[l] },
            ]}
            issues={issues}
          />
          <TextArea name="reason" label={msg.reason[l]} issues={issues} rows={2} />
          <button type="submit">{msg.save[l]}</button>
        </PostForm>
      ) : null}
      {props.canReport && (r.status === 'open' || r.status === 'accepted') ? (
        <details class="form-box">
          <summary>{msg.reportResult[l]}</summary>
          <PostForm action={`/coaching/referrals/${r.id}/result?lang=${l}`} csrf={props.csrf} label={msg.reportResult[l]}>
            <SelectField name="result" label={msg.result[l]} options={optionsOf(referralResults, l)} issues={issues} />
            <Field name="occurred_on" type="date" label={msg.occurredOn[l]} value={props.today} issues={issues} required />
            <Field name="programme" label={msg.programme[l]} issues={issues} max={200} />
            <Field name="amount" label={msg.amount[l]} issues={issues} />
            <SelectField
              name="currency"
              label={msg.currency[l]}
              options={['NOK', 'SEK', 'EUR'].map((c) => ({ value: c, label: c }))}
              includeEmpty="–"
              issues={issues}
            />
            <TextArea name="result_note" label={msg.body[l]} issues={issues} rows={2} />
            <button type="submit">{msg.save[l]}</button>
          </PostForm>
        </details>
      ) : null}
    </CoachingPage>
  );
}

// ---- note-read log --------------------------------------------------------------------------

export function NoteLogPage(props: PageBase & { organisation: string; data: Awaited<ReturnType<typeof noteReadLog>>; olderHref?: string; zone: TimeZone }) {
  const l = props.locale;
  const d = props.data;
  return (
    <CoachingPage {...props} title={`${msg.readLog[l]}: ${props.organisation}`} current="/coaching">
      <DataTable
        label={msg.readLog[l]}
        headers={[msg.when[l], msg.reader[l], msg.role[l], msg.note[l]]}
        empty={{ isEmpty: d.rows.length === 0, text: msg.nothing[l] }}
      >
        {d.rows.map((r) => (
          <tr>
            <td>{formatDateTime(r.read_at, l, props.zone)}</td>
            <td>{d.names.people.get(Number(r.reader_id)) ?? ''}</td>
            <td>{r.role}</td>
            <td>
              <a href={caseUrl(Number(r.case_id), l, `/entries/${r.entry_id}`)}>{r.title}</a>
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination locale={l} olderHref={props.olderHref} />
    </CoachingPage>
  );
}

// ---- joint calendar -------------------------------------------------------------------------

type Activities = Awaited<ReturnType<typeof listActivities>>;

export interface CalendarDay {
  day: string;
  inPeriod: boolean;
}

export function CalendarPage(
  props: PageBase & {
    view: 'month' | 'week' | 'list';
    date: string;
    title: string;
    days: CalendarDay[];
    prev: string;
    next: string;
    data: Activities;
    zone: TimeZone;
    dayOf: (at: Date) => string;
    organisations: { value: string; label: string }[];
    responsibles: { value: string; label: string }[];
    municipalities: { value: string; label: string }[];
    /** Municipality names by code, for the activities' places. */
    placeNames: Map<string, string>;
    error?: FormError;
    values?: Record<string, string | string[]>;
    notice?: string;
  },
) {
  const l = props.locale;
  const link = (view: string, date: string) => `/coaching/calendar?view=${view}&date=${date}&lang=${l}`;
  const byDay = new Map<string, Activities['rows']>();
  for (const a of props.data.rows) {
    // An activity shows on each day it covers (in the viewer's zone).
    for (const d of props.days) {
      const dayStart = d.day;
      const first = props.dayOf(new Date(a.starts_at));
      const last = props.dayOf(new Date(new Date(a.ends_at).getTime() - 1));
      if (dayStart >= first && dayStart <= last) byDay.set(dayStart, [...(byDay.get(dayStart) ?? []), a]);
    }
  }
  const weekdays = props.days
    .slice(0, 7)
    .map((d) => new Intl.DateTimeFormat(l === 'en' ? 'en-GB' : l, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${d.day}T12:00:00Z`)));
  const v = (k: string) => {
    const x = props.values?.[k];
    return Array.isArray(x) ? x[0] : x;
  };
  const issues = props.error?.issues;
  const ActivityLine = (p: { a: Activities['rows'][number] }) => (
    <li>
      {formatTime(p.a.starts_at, l, props.zone)} {p.a.title}
      <DemoMark locale={l} isDemo={p.a.is_demo} text={p.a.title} />
    </li>
  );
  return (
    <CoachingPage {...props} title={msg.calendar[l]} error={props.error}>
      <nav aria-label={msg.calendar[l]} class="inline-form">
        <a href={link('month', props.date)} aria-current={props.view === 'month' ? 'page' : undefined}>
          {msg.month[l]}
        </a>
        <a href={link('week', props.date)} aria-current={props.view === 'week' ? 'page' : undefined}>
          {msg.week[l]}
        </a>
        <a href={link('list', props.date)} aria-current={props.view === 'list' ? 'page' : undefined}>
          {msg.list[l]}
        </a>
        <span>·</span>
        <a href={link(props.view, props.prev)}>{msg.previous[l]}</a>
        <a href={link(props.view, props.next)}>{msg.following[l]}</a>
      </nav>
      <h2>{props.title}</h2>
      {props.view === 'list' ? (
        <DataTable
          label={msg.calendar[l]}
          headers={[
            msg.startsAt[l],
            msg.endsAt[l],
            msg.activity[l],
            msg.kind[l],
            msg.organisation[l],
            msg.responsible[l],
            msg.municipalities[l],
            msg.targetFirms[l],
          ]}
          empty={{ isEmpty: props.data.rows.length === 0, text: msg.nothing[l] }}
        >
          {props.data.rows.map((a) => (
            <tr>
              <td>{formatDateTime(a.starts_at, l, props.zone)}</td>
              <td>{formatDateTime(a.ends_at, l, props.zone)}</td>
              <td>
                {a.title}
                <DemoMark locale={l} isDemo={a.is_demo} text={a.title} />
                {a.description ? (
                  <>
                    <br />
                    <span class="meta">{a.description}</span>
                  </>
                ) : null}
              </td>
              <td>{label(activityKinds, a.kind, l)}</td>
              <td>{props.data.names.organisations.get(Number(a.organisation_id))?.name}</td>
              <td>{props.data.names.people.get(Number(a.responsible_id)) ?? ''}</td>
              <td>{a.municipality_codes.map((m) => props.placeNames.get(m) ?? m).join(', ')}</td>
              <td>
                {a.firm_ids.map((id, i) => (
                  <>
                    {i ? ', ' : ''}
                    <a href={`/coaching/firms/${id}?lang=${l}`}>{props.data.names.firms.get(Number(id))?.name ?? id}</a>
                  </>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <DataTable label={props.title} headers={weekdays} class="calendar-month">
          {Array.from({ length: Math.ceil(props.days.length / 7) }, (_, w) => (
            <tr>
              {props.days.slice(w * 7, w * 7 + 7).map((d) => (
                <td class={d.inPeriod ? undefined : 'other-month'}>
                  <span>{Number(d.day.slice(8, 10))}</span>
                  <ul>
                    {(byDay.get(d.day) ?? []).map((a) => (
                      <ActivityLine a={a} />
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
      {props.organisations.length ? (
        <details class="form-box" open={!!props.error}>
          <summary>{msg.newActivity[l]}</summary>
          <PostForm action={`/coaching/calendar/activities?lang=${l}`} csrf={props.csrf} label={msg.newActivity[l]}>
            <SelectField name="organisation_id" label={msg.organisation[l]} value={v('organisation_id')} options={props.organisations} issues={issues} />
            <Field name="title" label={msg.title[l]} value={v('title')} issues={issues} required max={200} />
            <SelectField name="kind" label={msg.kind[l]} value={v('kind')} options={optionsOf(activityKinds, l)} issues={issues} />
            <Field name="starts_at" type="datetime-local" label={msg.startsAt[l]} value={v('starts_at')} issues={issues} required />
            <Field name="ends_at" type="datetime-local" label={msg.endsAt[l]} value={v('ends_at')} issues={issues} required />
            <SelectField
              name="responsible_id"
              label={msg.responsible[l]}
              value={v('responsible_id')}
              options={props.responsibles}
              includeEmpty="–"
              issues={issues}
            />
            <fieldset class="checkbox-group">
              <legend>{msg.municipalities[l]}</legend>
              {props.municipalities.map((m) => (
                <CheckboxField name="municipalities" id={`f-mun-${m.value}`} value={m.value} label={m.label} />
              ))}
            </fieldset>
            <Field name="firms" label={msg.targetFirms[l]} value={v('firms')} issues={issues} max={2000} />
            <TextArea name="description" label={msg.description[l]} value={v('description')} issues={issues} rows={3} />
            <button type="submit">{msg.save[l]}</button>
          </PostForm>
        </details>
      ) : null}
    </CoachingPage>
  );
}

export function FeedsPage(props: PageBase & { data: Awaited<ReturnType<typeof feedsOverview>>; newUrl?: string; baseUrl: string }) {
  const l = props.locale;
  const d = props.data;
  const mine = d.feeds.find((f) => f.user_id !== null && Number(f.user_id) === d.me.id);
  return (
    <CoachingPage {...props} title={msg.feeds[l]}>
      <p>{msg.feedHint[l]}</p>
      {props.newUrl ? (
        <div role="status">
          <p>{msg.feedNew[l]}</p>
          <p class="feed-url">{props.newUrl}</p>
        </div>
      ) : null}
      <h2>{msg.myFeed[l]}</h2>
      <p>{mine ? format(msg.feedExists[l], { date: formatDate(mine.created_at, l) }) : msg.feedNone[l]}</p>
      <PostForm action={`/coaching/calendar/feeds?lang=${l}`} csrf={props.csrf} label={msg.myFeed[l]}>
        <button type="submit">{msg.renew[l]}</button>
      </PostForm>
      {d.adminOf.map((orgId) => {
        const feed = d.feeds.find((f) => f.organisation_id !== null && Number(f.organisation_id) === orgId);
        const name = d.names.organisations.get(orgId)?.name ?? '';
        return (
          <section aria-labelledby={`feed-${orgId}`}>
            <h2 id={`feed-${orgId}`}>
              {msg.orgFeed[l]}: {name}
            </h2>
            <p>{feed ? format(msg.feedExists[l], { date: formatDate(feed.created_at, l) }) : msg.feedNone[l]}</p>
            <PostForm action={`/coaching/calendar/feeds?lang=${l}`} csrf={props.csrf} label={`${msg.orgFeed[l]}: ${name}`}>
              <input type="hidden" name="organisation_id" value={String(orgId)} />
              <button type="submit">{msg.renew[l]}</button>
            </PostForm>
          </section>
        );
      })}
    </CoachingPage>
  );
}
