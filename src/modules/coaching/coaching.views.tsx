import type { FormError } from '../../shared/http/forms.js';
import { formatDate, formatDateTime } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { Field, GetForm, PostForm, SelectField } from '../../shared/views/form.js';
import { caseTypes, needs, optionsOf, statuses } from './coaching.codes.js';
import { CheckboxField, CoachingPage, DemoMark, type PageBase } from './coaching.layout.js';
import { msg } from './coaching.messages.js';
import type { CaseListItem, coachHome } from './coaching.service.js';

const label = (list: Record<string, Record<Locale, string>>, code: string, l: Locale) => list[code]?.[l] ?? code;
export const caseUrl = (id: number, l: Locale, tail = '') => `/coaching/cases/${id}${tail}?lang=${l}`;
/** A case's municipality by name (names keyed `country:code`, as places.service's municipalityNames). */
export const placeName = (names: Map<string, string>, c: { country: string; municipalityCode: string | null }) =>
  c.municipalityCode ? (names.get(`${c.country}:${c.municipalityCode}`) ?? c.municipalityCode) : '';
export const daysSince = (at: Date | string, now = new Date()) => Math.max(0, Math.floor((now.getTime() - new Date(at).getTime()) / 86_400_000));

function CaseLine(props: { locale: Locale; c: CaseListItem; extra?: string }) {
  const l = props.locale;
  return (
    <li>
      <a href={caseUrl(props.c.id, l)}>{props.c.firmName}</a>
      <DemoMark locale={l} isDemo={props.c.isDemo} text={props.c.firmName} /> – {props.c.title}
      <br />
      <span class="meta">
        {label(caseTypes, props.c.type, l)} · {label(statuses, props.c.status, l)}
        {props.extra ? ` · ${props.extra}` : ''}
      </span>
    </li>
  );
}

export function HomePage(props: PageBase & { data: Awaited<ReturnType<typeof coachHome>>; months: number; municipalityNames: Map<string, string> }) {
  const l = props.locale;
  const d = props.data;
  return (
    <CoachingPage {...props} title={msg.home[l]}>
      <p>
        <a href={`/coaching/cases/new?lang=${l}`}>{msg.newCase[l]}</a>
      </p>
      <div class="panels">
        <section class="panel" aria-labelledby="h-open">
          <h2 id="h-open">{msg.myOpenCases[l]}</h2>
          {d.open.length ? (
            <ul class="plain-list">
              {d.open.map((c) => (
                <CaseLine locale={l} c={c} />
              ))}
            </ul>
          ) : (
            <p>{msg.nothing[l]}</p>
          )}
        </section>
        <section class="panel" aria-labelledby="h-tasks">
          <h2 id="h-tasks">{msg.tasksDue[l]}</h2>
          {d.tasks.length ? (
            <ul class="plain-list">
              {d.tasks.map((t) => (
                <li>
                  <a href={caseUrl(Number(t.case_id), l)}>{t.title}</a> – {t.firmName}
                  <br />
                  <span class={t.overdue ? 'overdue' : 'meta'}>
                    {t.overdue ? `${msg.overdue[l]}: ` : `${msg.dueOn[l]}: `}
                    {formatDate(t.task_due_on ?? '', l)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{msg.nothing[l]}</p>
          )}
        </section>
        <section class="panel" aria-labelledby="h-follow">
          <h2 id="h-follow">{msg.followUpsDue[l]}</h2>
          {d.followUps.length ? (
            <ul class="plain-list">
              {d.followUps.map((c) => (
                <CaseLine locale={l} c={c} extra={c.followUpOn ? `${msg.followUpOn[l]}: ${formatDate(c.followUpOn, l)}` : undefined} />
              ))}
            </ul>
          ) : (
            <p>{msg.nothing[l]}</p>
          )}
        </section>
        <section class="panel" aria-labelledby="h-quiet">
          <h2 id="h-quiet">{format(msg.notContacted[l], { months: props.months })}</h2>
          <GetForm action="/coaching" locale={l} class="inline-form">
            <label for="f-months">{msg.months[l]}</label>
            <input id="f-months" name="months" type="number" min="1" max="60" value={String(props.months)} />
            <button type="submit">{msg.show[l]}</button>
          </GetForm>
          {d.notContacted.length ? (
            <ul class="plain-list">
              {d.notContacted.map((c) => (
                <CaseLine
                  locale={l}
                  c={c}
                  extra={[placeName(props.municipalityNames, c), c.lastContactAt ? formatDate(c.lastContactAt, l) : '–'].filter(Boolean).join(' · ')}
                />
              ))}
            </ul>
          ) : (
            <p>{msg.nothing[l]}</p>
          )}
        </section>
        <section class="panel" aria-labelledby="h-incoming">
          <h2 id="h-incoming">
            {msg.referrals[l]}: {msg.incoming[l]}
          </h2>
          {d.incoming.length ? (
            <ul class="plain-list">
              {d.incoming.map((r) => (
                <li>
                  <a href={`/coaching/referrals/${r.id}?lang=${l}`}>{d.names.firms.get(Number(r.firm_id))?.name ?? ''}</a> – {r.purpose.slice(0, 80)}
                  <br />
                  <span class="meta">
                    {msg.age[l]}: {format(msg.days[l], { n: daysSince(r.created_at) })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{msg.nothing[l]}</p>
          )}
        </section>
      </div>
    </CoachingPage>
  );
}

export interface ListOptions {
  organisations: { value: string; label: string }[];
  municipalities: { value: string; label: string }[];
  coaches: { value: string; label: string }[];
  sectors: { value: string; label: string }[];
}

export function CaseListPage(
  props: PageBase & {
    items: CaseListItem[];
    hasMore: boolean;
    query: Record<string, string>;
    options: ListOptions;
    municipalityNames: Map<string, string>;
    organisationNames: Map<number, string>;
  },
) {
  const l = props.locale;
  const q = props.query;
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams({ ...q, ...extra, lang: l });
    for (const [k, v] of [...p]) if (!v) p.delete(k);
    return p.toString();
  };
  const page = Number(q.page || '1');
  return (
    <CoachingPage {...props} title={msg.cases[l]}>
      <p>
        <a href={`/coaching/cases/new?lang=${l}`}>{msg.newCase[l]}</a>
      </p>
      <GetForm action="/coaching/cases" locale={l} class="filters" label={msg.filter[l]}>
        <SelectField name="organisation" label={msg.organisation[l]} value={q.organisation} options={props.options.organisations} includeEmpty={msg.all[l]} />
        <SelectField name="municipality" label={msg.municipality[l]} value={q.municipality} options={props.options.municipalities} includeEmpty={msg.all[l]} />
        <SelectField name="sector" label={msg.sector[l]} value={q.sector} options={props.options.sectors} includeEmpty={msg.all[l]} />
        <SelectField name="need" label={msg.need[l]} value={q.need} options={optionsOf(needs, l)} includeEmpty={msg.all[l]} />
        <SelectField name="coach" label={msg.coach[l]} value={q.coach} options={props.options.coaches} includeEmpty={msg.all[l]} />
        <SelectField
          name="status"
          label={msg.status[l]}
          value={q.status}
          options={[{ value: 'not_closed', label: msg.notClosed[l] }, ...optionsOf(statuses, l)]}
          includeEmpty={msg.all[l]}
        />
        <SelectField name="type" label={msg.type[l]} value={q.type} options={optionsOf(caseTypes, l)} includeEmpty={msg.all[l]} />
        <SelectField
          name="sort"
          label={msg.sort[l]}
          value={q.sort}
          options={[
            { value: 'updated', label: msg.sortUpdated[l] },
            { value: 'opened', label: msg.sortOpened[l] },
            { value: 'status', label: msg.sortStatus[l] },
            { value: 'follow_up', label: msg.sortFollowUp[l] },
          ]}
        />
        <p class="field">
          <button type="submit">{msg.filter[l]}</button>
        </p>
      </GetForm>
      <p>
        <a href={`/coaching/cases/export?${qs({ format: 'csv', page: '' })}`}>{msg.exportCsv[l]}</a> ·{' '}
        <a href={`/coaching/cases/export?${qs({ format: 'xlsx', page: '' })}`}>{msg.exportXlsx[l]}</a>
      </p>
      <DataTable
        label={msg.cases[l]}
        headers={[msg.firm[l], msg.title[l], msg.organisation[l], msg.municipality[l], msg.type[l], msg.status[l], msg.coaches[l], msg.openedOn[l]]}
        empty={{ isEmpty: props.items.length === 0, text: msg.nothing[l] }}
      >
        {props.items.map((c) => (
          <tr>
            <td>
              <a href={`/coaching/firms/${c.firmId}?lang=${l}`}>{c.firmName}</a>
              <DemoMark locale={l} isDemo={c.isDemo} text={c.firmName} />
            </td>
            <td>
              <a href={caseUrl(c.id, l)}>{c.title}</a>
            </td>
            <td>{props.organisationNames.get(c.organisationId) ?? ''}</td>
            <td>{placeName(props.municipalityNames, c)}</td>
            <td>{label(caseTypes, c.type, l)}</td>
            <td>{label(statuses, c.status, l)}</td>
            <td>{c.coaches.join(', ')}</td>
            <td>{formatDate(c.openedOn, l)}</td>
          </tr>
        ))}
      </DataTable>
      {props.hasMore ? (
        <nav class="pagination" aria-label={msg.next[l]}>
          <a href={`/coaching/cases?${qs({ page: String(page + 1) })}`}>{msg.next[l]}</a>
        </nav>
      ) : null}
    </CoachingPage>
  );
}

export function NewCasePage(
  props: PageBase & {
    organisations: { value: string; label: string }[];
    coaches: { value: string; label: string }[];
    firm?: { id: number; name: string };
    values?: Record<string, string | string[]>;
    error?: FormError;
    today: string;
  },
) {
  const l = props.locale;
  const v = (k: string) => {
    const x = props.values?.[k];
    return Array.isArray(x) ? x[0] : x;
  };
  const chosenNeeds = new Set([props.values?.needs ?? []].flat());
  const issues = props.error?.issues;
  return (
    <CoachingPage {...props} title={msg.newCase[l]}>
      <PostForm action={`/coaching/cases?lang=${l}`} csrf={props.csrf} label={msg.newCase[l]}>
        <SelectField name="organisation_id" label={msg.organisation[l]} value={v('organisation_id')} options={props.organisations} issues={issues} />
        {props.firm ? (
          <p>
            <input type="hidden" name="firm_id" value={String(props.firm.id)} />
            {msg.firm[l]}: <strong>{props.firm.name}</strong>
          </p>
        ) : (
          <Field name="national_id" label={msg.nationalId[l]} hint={msg.nationalIdHint[l]} value={v('national_id')} issues={issues} required />
        )}
        <Field name="title" label={msg.title[l]} value={v('title')} issues={issues} required max={200} />
        <SelectField name="type" label={msg.type[l]} value={v('type')} options={optionsOf(caseTypes, l)} issues={issues} />
        <fieldset class="checkbox-group">
          <legend>{msg.needs[l]}</legend>
          {Object.entries(needs).map(([code, m]) => (
            <CheckboxField name="needs" id={`f-needs-${code}`} value={code} label={m[l]} checked={chosenNeeds.has(code)} />
          ))}
        </fieldset>
        <Field name="opened_on" type="date" label={msg.openedOn[l]} value={v('opened_on') ?? props.today} issues={issues} required />
        <Field name="follow_up_on" type="date" label={msg.followUpOn[l]} value={v('follow_up_on')} issues={issues} />
        <SelectField name="coach_id" label={msg.secondCoach[l]} value={v('coach_id')} options={props.coaches} includeEmpty="–" issues={issues} />
        <p>
          <button type="submit">{msg.create[l]}</button>
        </p>
      </PostForm>
    </CoachingPage>
  );
}

export const formatWhen = (at: Date | string, l: Locale, zone: 'Europe/Oslo' | 'Europe/Stockholm' | 'Europe/Helsinki') => formatDateTime(at, l, zone);
