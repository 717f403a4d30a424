import type { FormError } from '../../shared/http/forms.js';
import { formatDate, formatDateTime, formatMoney, type TimeZone } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { utcToLocalInput } from '../../shared/i18n/zoned.js';
import { DataTable } from '../../shared/views/data-table.js';
import { formatBytes } from '../../shared/files/file-uses.js';
import { Field, PostForm, SelectField } from '../../shared/views/form.js';
import {
  caseTypes,
  closeReasons,
  consentScopes,
  entryKinds,
  meetingForms,
  nationalBodies,
  needs,
  optionsOf,
  outcomeKinds,
  referralResults,
  referralStatuses,
  statuses,
} from './coaching.codes.js';
import { CheckboxField, CoachingPage, DemoMark, TextArea, type PageBase } from './coaching.layout.js';
import { msg } from './coaching.messages.js';
import type { getCase, readEntry } from './coaching.service.js';
import { caseUrl, daysSince } from './coaching.views.js';

type CaseData = Awaited<ReturnType<typeof getCase>>;
const label = (list: Record<string, Record<Locale, string>>, code: string | null, l: Locale) => (code ? (list[code]?.[l] ?? code) : '');

/** Which form was sent, so its errors show beside it (the others stay closed). */
export type CaseForm = 'status' | 'meeting' | 'note' | 'email' | 'task' | 'document' | 'contact' | 'consent' | 'outcome' | 'referral' | 'coach';

export function CasePage(
  props: PageBase & {
    data: CaseData;
    partnerOrganisations: { value: string; label: string }[];
    municipalityName: string;
    notice?: string;
    error?: FormError;
    form?: CaseForm;
    values?: Record<string, string>;
    today: string;
  },
) {
  const l = props.locale;
  const d = props.data;
  const r = d.row;
  const caseId = Number(r.id);
  const firm = d.names.firms.get(Number(r.firm_id));
  const errFor = (f: CaseForm) => (props.form === f ? props.error?.issues : undefined);
  const val = (f: CaseForm, k: string) => (props.form === f ? props.values?.[k] : undefined);
  const zoneLabel = d.zone;
  const action = (tail: string) => caseUrl(caseId, l, tail);
  return (
    <CoachingPage {...props} title={`${firm?.name ?? ''} – ${r.title}`} current="/coaching/cases" error={props.error}>
      {!d.canEdit ? <p class="notice">{msg.sharedCase[l]}</p> : null}
      <dl class="facts">
        <dt>{msg.firm[l]}</dt>
        <dd>
          <a href={`/coaching/firms/${r.firm_id}?lang=${l}`}>{firm?.name}</a> ({firm?.nationalId}) <DemoMark locale={l} isDemo={r.is_demo} text={firm?.name} />
          {/* The navigator's firm page (matching support, de minimis ledger) is for the organisations covering the firm: the case's own team. */}
          {d.canEdit ? (
            <>
              {' · '}
              <a href={`/navigator/firms/${r.firm_id}?lang=${l}`}>{msg.supportNavigator[l]}</a>
            </>
          ) : null}
        </dd>
        <dt>{msg.organisation[l]}</dt>
        <dd>{d.names.organisations.get(Number(r.organisation_id))?.name}</dd>
        <dt>{msg.municipality[l]}</dt>
        <dd>{props.municipalityName}</dd>
        <dt>{msg.type[l]}</dt>
        <dd>{label(caseTypes, r.type, l)}</dd>
        <dt>{msg.needs[l]}</dt>
        <dd>{d.needs.map((n) => label(needs, n, l)).join(', ') || '–'}</dd>
        <dt>{msg.status[l]}</dt>
        <dd>
          {label(statuses, r.status, l)}
          {r.close_reason ? ` (${label(closeReasons, r.close_reason, l)})` : ''}
        </dd>
        <dt>{msg.openedOn[l]}</dt>
        <dd>
          {formatDate(r.opened_on, l)}
          {r.closed_on ? ` – ${formatDate(r.closed_on, l)}` : ''}
        </dd>
        <dt>{msg.followUpOn[l]}</dt>
        <dd>{r.follow_up_on ? formatDate(r.follow_up_on, l) : '–'}</dd>
        <dt>{msg.coaches[l]}</dt>
        <dd>{d.coachIds.map((id) => d.names.people.get(id) ?? '').join(', ')}</dd>
      </dl>

      {d.canEdit ? (
        <nav class="case-actions" aria-label={msg.addToTimeline[l]}>
          <ul>
            {(
              [
                ['meeting', msg.logMeeting],
                ['task', msg.addTask],
                ['note', msg.addNote],
                ['email', msg.logEmail],
                ['document', msg.attachDocument],
                ['referral', msg.refer],
                ['outcome', msg.recordOutcome],
                ['consent', msg.recordConsent],
                ['contact', msg.contacts],
                ['status', msg.status],
              ] as const
            ).map(([form, text]) => (
              <li>
                <a href={`${action('')}&form=${form}#case-form`} aria-current={props.form === form ? 'true' : undefined}>
                  {text[l]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {d.canEdit && (props.form === 'status' || props.form === 'coach') ? (
        <details class="form-box" id="case-form" open>
          <summary>{msg.status[l]}</summary>
          <PostForm action={action('/status')} csrf={props.csrf} label={msg.status[l]}>
            <SelectField
              name="status"
              label={msg.status[l]}
              value={val('status', 'status') ?? r.status}
              options={optionsOf(statuses, l)}
              issues={errFor('status')}
            />
            <SelectField
              name="close_reason"
              label={msg.closeReason[l]}
              value={val('status', 'close_reason') ?? r.close_reason}
              options={optionsOf(closeReasons, l)}
              includeEmpty="–"
              issues={errFor('status')}
            />
            <Field
              name="follow_up_on"
              type="date"
              label={msg.followUpOn[l]}
              value={val('status', 'follow_up_on') ?? r.follow_up_on}
              issues={errFor('status')}
            />
            <button type="submit">{msg.save[l]}</button>
          </PostForm>
          <PostForm action={action('/coaches')} csrf={props.csrf} label={msg.addCoach[l]}>
            <SelectField
              name="user_id"
              label={msg.addCoach[l]}
              options={d.orgCoaches.map((c) => ({ value: String(c.id), label: c.name }))}
              issues={errFor('coach')}
            />
            <button type="submit">{msg.addCoach[l]}</button>
          </PostForm>
        </details>
      ) : null}

      <h2>{msg.timeline[l]}</h2>
      {d.canEdit ? (
        <>
          {props.form === 'meeting' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.logMeeting[l]}</summary>
              <PostForm action={action('/entries')} csrf={props.csrf} label={msg.logMeeting[l]}>
                <input type="hidden" name="kind" value="meeting" />
                <Field name="title" label={msg.title[l]} value={val('meeting', 'title')} issues={errFor('meeting')} required max={200} />
                <Field
                  name="meeting_at"
                  type="datetime-local"
                  label={msg.meetingAt[l]}
                  hint={format(msg.meetingAtHint[l], { zone: zoneLabel })}
                  value={val('meeting', 'meeting_at') ?? utcToLocalInput(new Date(), d.zone)}
                  issues={errFor('meeting')}
                  required
                />
                <Field
                  name="duration_minutes"
                  type="number"
                  label={msg.duration[l]}
                  value={val('meeting', 'duration_minutes') ?? '60'}
                  issues={errFor('meeting')}
                  required
                />
                <SelectField
                  name="meeting_form"
                  label={msg.form[l]}
                  value={val('meeting', 'meeting_form')}
                  options={optionsOf(meetingForms, l)}
                  issues={errFor('meeting')}
                />
                <Field name="participants" label={msg.participants[l]} value={val('meeting', 'participants')} issues={errFor('meeting')} max={500} />
                <TextArea name="body" label={msg.body[l]} value={val('meeting', 'body')} issues={errFor('meeting')} />
                <button type="submit">{msg.save[l]}</button>
              </PostForm>
            </details>
          ) : null}
          {props.form === 'note' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.addNote[l]}</summary>
              <PostForm action={action('/entries')} csrf={props.csrf} label={msg.addNote[l]}>
                <input type="hidden" name="kind" value="note" />
                <Field name="title" label={msg.title[l]} value={val('note', 'title')} issues={errFor('note')} required max={200} />
                <TextArea name="body" label={msg.body[l]} value={val('note', 'body')} issues={errFor('note')} />
                <CheckboxField name="is_private" label={msg.private[l]} checked={val('note', 'is_private') === 'on'} />
                <button type="submit">{msg.save[l]}</button>
              </PostForm>
            </details>
          ) : null}
          {props.form === 'email' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.logEmail[l]}</summary>
              <PostForm action={action('/entries')} csrf={props.csrf} label={msg.logEmail[l]}>
                <input type="hidden" name="kind" value="email" />
                <Field name="title" label={msg.title[l]} value={val('email', 'title')} issues={errFor('email')} required max={200} />
                <Field name="participants" label={msg.emailParticipants[l]} value={val('email', 'participants')} issues={errFor('email')} max={500} />
                <TextArea name="body" label={msg.body[l]} value={val('email', 'body')} issues={errFor('email')} />
                <button type="submit">{msg.save[l]}</button>
              </PostForm>
            </details>
          ) : null}
          {props.form === 'task' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.addTask[l]}</summary>
              <PostForm action={action('/entries')} csrf={props.csrf} label={msg.addTask[l]}>
                <input type="hidden" name="kind" value="task" />
                <Field name="title" label={msg.title[l]} value={val('task', 'title')} issues={errFor('task')} required max={200} />
                <SelectField
                  name="task_owner_id"
                  label={msg.owner[l]}
                  value={val('task', 'task_owner_id')}
                  options={d.orgCoaches.map((c) => ({ value: String(c.id), label: c.name }))}
                  issues={errFor('task')}
                />
                <Field name="task_due_on" type="date" label={msg.dueOn[l]} value={val('task', 'task_due_on') ?? props.today} issues={errFor('task')} required />
                <TextArea name="body" label={msg.body[l]} value={val('task', 'body')} issues={errFor('task')} rows={2} />
                <button type="submit">{msg.save[l]}</button>
              </PostForm>
            </details>
          ) : null}
          {props.form === 'document' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.attachDocument[l]}</summary>
              <PostForm action={action('/documents')} csrf={props.csrf} upload label={msg.attachDocument[l]}>
                <Field name="file" type="file" label={msg.file[l]} hint={msg.fileHint[l]} issues={errFor('document')} required />
                <Field
                  name="title"
                  label={msg.title[l]}
                  hint={msg.documentTitleHint[l]}
                  value={val('document', 'title')}
                  issues={errFor('document')}
                  max={200}
                />
                <TextArea name="body" label={msg.body[l]} value={val('document', 'body')} issues={errFor('document')} rows={2} />
                <button type="submit">{msg.attachDocument[l]}</button>
              </PostForm>
            </details>
          ) : null}
        </>
      ) : null}
      {d.entries.length ? (
        <ul class="timeline">
          {d.entries.map((e) => (
            <li>
              <span class="badge">{label(entryKinds, e.kind, l)}</span>
              {e.is_private ? <span class="badge">{msg.privateBadge[l]}</span> : null}
              {e.file_erased_at ? <span class="badge">{msg.fileErasedBadge[l]}</span> : null} <a href={caseUrl(caseId, l, `/entries/${e.id}`)}>{e.title}</a>
              <DemoMark locale={l} isDemo={e.is_demo} text={e.title} />
              <br />
              <span class="meta">
                {e.kind === 'meeting' && e.meeting_at
                  ? `${formatDateTime(e.meeting_at, l, d.zone)} · ${e.duration_minutes} min · ${label(meetingForms, e.meeting_form, l)} · `
                  : ''}
                {e.kind === 'task'
                  ? `${msg.dueOn[l]}: ${formatDate(e.task_due_on ?? '', l)} · ${msg.owner[l]}: ${d.names.people.get(Number(e.task_owner_id)) ?? ''} · ${e.task_done_at ? msg.done[l] : ''} `
                  : ''}
                {formatDateTime(e.created_at, l, d.zone)} · {format(msg.by[l], { name: d.names.people.get(Number(e.author_id)) ?? '' })}
              </span>
              {e.kind === 'task' && !e.task_done_at && d.canEdit ? (
                <PostForm action={action(`/entries/${e.id}/done`)} csrf={props.csrf} class="inline-form" label={`${msg.markDone[l]}: ${e.title}`}>
                  <button type="submit">{msg.markDone[l]}</button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{msg.nothing[l]}</p>
      )}

      <h2>{msg.referrals[l]}</h2>
      <DataTable
        label={msg.referrals[l]}
        headers={[msg.to[l], msg.purpose[l], msg.fundingSought[l], msg.status[l], msg.age[l], msg.result[l]]}
        empty={{ isEmpty: d.referrals.length === 0, text: msg.nothing[l] }}
      >
        {d.referrals.map((x) => (
          <tr>
            <td>
              <a href={`/coaching/referrals/${x.id}?lang=${l}`}>
                {x.to_organisation_id ? d.names.organisations.get(Number(x.to_organisation_id))?.name : `${x.to_body} (${msg.notOnPlatform[l]})`}
              </a>
            </td>
            <td>{x.purpose}</td>
            <td>
              {x.funding_amount_minor === null ? '' : formatMoney(Number(x.funding_amount_minor), x.funding_currency, l)}
              {x.over_ceiling_confirmed ? ` (${msg.overCeilingConfirmed[l]})` : ''}
            </td>
            <td>
              {label(referralStatuses, x.status, l)}
              {x.decision_reason ? ` – ${x.decision_reason}` : ''}
            </td>
            <td>{format(msg.days[l], { n: daysSince(x.created_at) })}</td>
            <td>{label(referralResults, x.result, l)}</td>
          </tr>
        ))}
      </DataTable>
      {d.canEdit && props.form === 'referral' ? (
        <details class="form-box" id="case-form" open>
          <summary>{msg.refer[l]}</summary>
          <PostForm action={action('/referrals')} csrf={props.csrf} label={msg.refer[l]}>
            <SelectField
              name="to_organisation_id"
              label={msg.toOrganisation[l]}
              value={val('referral', 'to_organisation_id')}
              options={props.partnerOrganisations}
              includeEmpty="–"
              issues={errFor('referral')}
            />
            <p class="field">
              <label for="f-to_body">{msg.toBody[l]}</label>
              <span class="hint" id="f-to_body-hint">
                {msg.toBodyHint[l]}
              </span>
              <input
                id="f-to_body"
                name="to_body"
                list="national-bodies"
                value={val('referral', 'to_body') ?? ''}
                aria-describedby="f-to_body-hint"
                maxlength={200}
              />
              <datalist id="national-bodies">
                {nationalBodies.map((b) => (
                  <option value={b} />
                ))}
              </datalist>
            </p>
            <TextArea name="purpose" label={msg.purpose[l]} value={val('referral', 'purpose')} issues={errFor('referral')} rows={3} />
            <TextArea
              name="shared_info"
              label={msg.sharedInfo[l]}
              hint={msg.sharedInfoHint[l]}
              value={val('referral', 'shared_info')}
              issues={errFor('referral')}
              rows={3}
            />
            <DeMinimisNote locale={l} room={d.deMinimis} firmId={Number(r.firm_id)} />
            <Field
              name="funding_amount"
              label={msg.fundingAmount[l]}
              hint={msg.fundingAmountHint[l]}
              value={val('referral', 'funding_amount')}
              issues={errFor('referral')}
            />
            <SelectField
              name="funding_currency"
              label={msg.fundingCurrency[l]}
              value={val('referral', 'funding_currency') ?? currencyOf(r.firm_country)}
              options={['NOK', 'SEK', 'EUR'].map((c) => ({ value: c, label: c }))}
              includeEmpty="–"
              issues={errFor('referral')}
            />
            {props.error?.issues?.some((i) => i.field === 'funding_amount') || val('referral', 'over_ceiling_ok') === 'on' ? (
              <CheckboxField name="over_ceiling_ok" label={msg.referAnyway[l]} checked={val('referral', 'over_ceiling_ok') === 'on'} />
            ) : null}
            <button type="submit">{msg.refer[l]}</button>
          </PostForm>
        </details>
      ) : null}

      <h2>{msg.outcomes[l]}</h2>
      <DataTable
        label={msg.outcomes[l]}
        headers={[msg.kind[l], msg.occurredOn[l], msg.programme[l], msg.quantity[l], msg.amount[l], msg.evidence[l]]}
        empty={{ isEmpty: d.outcomes.length === 0, text: msg.nothing[l] }}
      >
        {d.outcomes.map((o) => (
          <tr>
            <td>{label(outcomeKinds, o.kind, l)}</td>
            <td>{formatDate(o.occurred_on, l)}</td>
            <td>{o.programme}</td>
            <td>{o.quantity ?? ''}</td>
            <td>{o.amount_minor === null ? '' : formatMoney(Number(o.amount_minor), o.currency, l)}</td>
            <td>{o.evidence}</td>
          </tr>
        ))}
      </DataTable>
      {d.canEdit && props.form === 'outcome' ? (
        <details class="form-box" id="case-form" open>
          <summary>{msg.recordOutcome[l]}</summary>
          <PostForm action={action('/outcomes')} csrf={props.csrf} label={msg.recordOutcome[l]}>
            <SelectField name="kind" label={msg.kind[l]} value={val('outcome', 'kind')} options={optionsOf(outcomeKinds, l)} issues={errFor('outcome')} />
            <Field
              name="occurred_on"
              type="date"
              label={msg.occurredOn[l]}
              value={val('outcome', 'occurred_on') ?? props.today}
              issues={errFor('outcome')}
              required
            />
            <Field name="programme" label={msg.programme[l]} value={val('outcome', 'programme')} issues={errFor('outcome')} max={200} />
            <Field name="quantity" type="number" label={msg.quantity[l]} value={val('outcome', 'quantity')} issues={errFor('outcome')} />
            <Field name="amount" label={msg.amount[l]} value={val('outcome', 'amount')} issues={errFor('outcome')} />
            <SelectField
              name="currency"
              label={msg.currency[l]}
              value={val('outcome', 'currency')}
              options={['NOK', 'SEK', 'EUR'].map((c) => ({ value: c, label: c }))}
              includeEmpty="–"
              issues={errFor('outcome')}
            />
            <TextArea name="evidence" label={msg.evidence[l]} value={val('outcome', 'evidence')} issues={errFor('outcome')} rows={2} />
            <button type="submit">{msg.save[l]}</button>
          </PostForm>
        </details>
      ) : null}

      {d.canEdit ? (
        <>
          <h2>{msg.consents[l]}</h2>
          <DataTable
            label={msg.consents[l]}
            headers={[msg.scope[l], msg.givenBy[l], msg.givenOn[l], msg.validTo[l], msg.status[l], msg.actions[l]]}
            empty={{ isEmpty: d.consents.length === 0, text: msg.nothing[l] }}
          >
            {d.consents.map((k) => {
              const state = k.revoked_at ? msg.revoked[l] : k.valid_to && k.valid_to < props.today ? msg.expired[l] : msg.valid[l];
              return (
                <tr>
                  <td>{label(consentScopes, k.scope, l)}</td>
                  <td>{k.given_by}</td>
                  <td>{formatDate(k.given_on, l)}</td>
                  <td>{k.valid_to ? formatDate(k.valid_to, l) : '–'}</td>
                  <td>{state}</td>
                  <td>
                    {k.revoked_at ? null : (
                      <PostForm
                        action={action(`/consents/${k.id}/revoke`)}
                        csrf={props.csrf}
                        class="inline-form"
                        label={`${msg.revoke[l]}: ${label(consentScopes, k.scope, l)}`}
                      >
                        <button type="submit">{msg.revoke[l]}</button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          {props.form === 'consent' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.recordConsent[l]}</summary>
              <PostForm action={action('/consents')} csrf={props.csrf} label={msg.recordConsent[l]}>
                <SelectField
                  name="scope"
                  label={msg.scope[l]}
                  value={val('consent', 'scope')}
                  options={optionsOf(consentScopes, l)}
                  issues={errFor('consent')}
                />
                <Field name="given_by" label={msg.givenBy[l]} value={val('consent', 'given_by')} issues={errFor('consent')} required max={200} />
                <Field
                  name="given_on"
                  type="date"
                  label={msg.givenOn[l]}
                  value={val('consent', 'given_on') ?? props.today}
                  issues={errFor('consent')}
                  required
                />
                <Field name="valid_to" type="date" label={msg.validTo[l]} value={val('consent', 'valid_to')} issues={errFor('consent')} />
                <button type="submit">{msg.recordConsent[l]}</button>
              </PostForm>
            </details>
          ) : null}

          <h2>{msg.contacts[l]}</h2>
          <p class="meta">{msg.eraseHint[l]}</p>
          <DataTable
            label={msg.contacts[l]}
            headers={[msg.name[l], msg.role[l], msg.email[l], msg.phone[l], msg.givenOn[l], msg.actions[l]]}
            empty={{ isEmpty: d.contacts.length === 0, text: msg.nothing[l] }}
          >
            {d.contacts.map((p) => (
              <tr>
                <td>{p.erased_at ? msg.erased[l] : p.name}</td>
                <td>{p.role ?? ''}</td>
                <td>{p.email ?? ''}</td>
                <td>{p.phone ?? ''}</td>
                <td>{p.consent_given_on ? formatDate(p.consent_given_on, l) : ''}</td>
                <td>
                  {p.erased_at ? null : (
                    <PostForm action={action(`/contacts/${p.id}/erase`)} csrf={props.csrf} class="inline-form" label={`${msg.erase[l]}: ${p.name}`}>
                      <button type="submit">{msg.erase[l]}</button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          {props.form === 'contact' ? (
            <details class="form-box" id="case-form" open>
              <summary>{msg.contacts[l]}</summary>
              <PostForm action={action('/contacts')} csrf={props.csrf} label={msg.contacts[l]}>
                <Field name="name" label={msg.name[l]} value={val('contact', 'name')} issues={errFor('contact')} required max={200} />
                <Field name="role" label={msg.role[l]} value={val('contact', 'role')} issues={errFor('contact')} max={100} />
                <Field name="email" type="email" label={msg.email[l]} value={val('contact', 'email')} issues={errFor('contact')} />
                <Field name="phone" type="tel" label={msg.phone[l]} value={val('contact', 'phone')} issues={errFor('contact')} />
                <CheckboxField name="consent" label={msg.consentGiven[l]} />
                <button type="submit">{msg.save[l]}</button>
              </PostForm>
            </details>
          ) : null}
        </>
      ) : null}
    </CoachingPage>
  );
}

const currencyOf = (country: string) => ({ NO: 'NOK', SE: 'SEK', FI: 'EUR' })[country] ?? 'EUR';

/** The firm's de minimis room today (support navigator's ledger), beside the referral form. */
function DeMinimisNote(props: { locale: Locale; room: CaseData['deMinimis']; firmId: number }) {
  const l = props.locale;
  const r = props.room;
  const text = !r
    ? msg.deMinimisNoCeiling[l]
    : r.roomEurMinor === null
      ? msg.deMinimisUnknown[l]
      : format(msg.deMinimisRoom[l], {
          room: formatMoney(r.roomEurMinor, 'EUR', l),
          ceiling: formatMoney(r.ceiling.ceilingEurMinor, 'EUR', l),
          from: formatDate(r.window.from, l),
          to: formatDate(r.window.to, l),
        });
  return (
    <p class="notice de-minimis">
      {text} <a href={`/navigator/firms/${props.firmId}?lang=${l}`}>{msg.deMinimisLedger[l]}</a>
    </p>
  );
}

type EntryData = Awaited<ReturnType<typeof readEntry>>;

/** One timeline entry with its text, and who has read it. */
export function EntryPage(props: PageBase & { data: EntryData; notice?: string }) {
  const l = props.locale;
  const { entry: e, row, names, reads, zone, file } = props.data;
  return (
    <CoachingPage {...props} title={e.title} current="/coaching/cases">
      <p class="breadcrumb">
        <a href={caseUrl(Number(row.id), l)}>
          {msg.backToCase[l]}: {names.firms.get(Number(row.firm_id))?.name} – {row.title}
        </a>
      </p>
      <p class="meta">
        <span class="badge">{label(entryKinds, e.kind, l)}</span> {e.is_private ? <span class="badge">{msg.privateBadge[l]}</span> : null}{' '}
        {formatDateTime(e.created_at, l, zone as TimeZone)} · {format(msg.by[l], { name: names.people.get(Number(e.author_id)) ?? '' })}
      </p>
      {e.kind === 'meeting' && e.meeting_at ? (
        <p>
          {msg.meetingAt[l]}: {formatDateTime(e.meeting_at, l, zone as TimeZone)} · {msg.duration[l]}: {e.duration_minutes} · {msg.form[l]}:{' '}
          {label(meetingForms, e.meeting_form, l)}
        </p>
      ) : null}
      {e.participants ? (
        <p>
          {msg.participants[l]}: {e.participants}
        </p>
      ) : null}
      {e.kind === 'task' ? (
        <p>
          {msg.owner[l]}: {names.people.get(Number(e.task_owner_id)) ?? ''} · {msg.dueOn[l]}: {formatDate(e.task_due_on ?? '', l)}
          {e.task_done_at ? ` · ${msg.done[l]}` : ''}
        </p>
      ) : null}
      {e.kind === 'document' ? (
        file ? (
          <div class="document">
            <p>
              <a href={caseUrl(Number(row.id), l, `/entries/${e.id}/file`)} download={file.name}>
                {msg.download[l]}: {file.name}
              </a>{' '}
              ({formatBytes(file.size)}) <span class="meta">{msg.downloadLogged[l]}</span>
            </p>
            {props.data.canEdit ? (
              <PostForm
                action={caseUrl(Number(row.id), l, `/entries/${e.id}/erase-file`)}
                csrf={props.csrf}
                class="inline-form"
                label={`${msg.eraseFile[l]}: ${file.name}`}
              >
                <span class="meta">{msg.eraseFileHint[l]}</span> <button type="submit">{msg.eraseFile[l]}</button>
              </PostForm>
            ) : null}
          </div>
        ) : (
          <p class="notice">{msg.documentErased[l]}</p>
        )
      ) : null}
      <div class="note-body">{e.body}</div>
      <h2>{msg.readBy[l]}</h2>
      <DataTable label={msg.readBy[l]} headers={[msg.reader[l], msg.role[l], msg.when[l]]} empty={{ isEmpty: reads.length === 0, text: msg.nothing[l] }}>
        {reads.map((r) => (
          <tr>
            <td>{names.people.get(Number(r.reader_id)) ?? ''}</td>
            <td>{r.role}</td>
            <td>{formatDateTime(r.read_at, l, zone as TimeZone)}</td>
          </tr>
        ))}
      </DataTable>
    </CoachingPage>
  );
}
