import { formatDateTime, type TimeZone } from '../../shared/i18n/format.js';
import { format, localeNames, locales } from '../../shared/i18n/i18n.js';
import type { FormError } from '../../shared/http/forms.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './events.messages.js';
import { head, titleOf, whenOf, type PageBase } from './events.public.views.js';
import { audiences, eventKinds, type EventDto, type RegistrationDto } from './events.schemas.js';

/** The organiser's pages: their events, the event form, participants (+ export, message). */

export function ManageListPage(props: PageBase & { events: EventDto[]; canCreate: boolean; notice?: string }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={msg.manageEvents[l]} currentUrl={props.currentUrl} head={head}>
      <h1>{msg.manageEvents[l]}</h1>
      <Notice text={props.notice} />
      {props.canCreate ? (
        <p>
          <a class="button" href={`/events/manage/new?lang=${l}`}>
            {msg.newEvent[l]}
          </a>
        </p>
      ) : null}
      <DataTable
        label={msg.manageEvents[l]}
        headers={[msg.title[l], msg.when[l], msg.status[l], msg.participants[l]]}
        empty={{ isEmpty: props.events.length === 0, text: msg.noEvents[l] }}
      >
        {props.events.map((e) => (
          <tr>
            <td>
              <a href={`/events/manage/${e.id}?lang=${l}`}>{titleOf(e, l)}</a>
            </td>
            <td>{formatDateTime(e.startsAt, l, e.timeZone as TimeZone)}</td>
            <td>{msg[`status_${e.status}`][l]}</td>
            <td class="num">
              <a href={`/events/manage/${e.id}/participants?lang=${l}`}>
                {e.confirmed}
                {e.capacity !== null ? ` / ${e.capacity}` : ''}
                {e.waiting ? ` (+${e.waiting})` : ''}
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

function TextArea(props: { label: string; name: string; value?: string; hint?: string; rows?: number; max?: number }) {
  const id = `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <textarea id={id} name={props.name} rows={props.rows ?? 4} maxlength={props.max} aria-describedby={props.hint ? `${id}-hint` : undefined}>
        {props.value ?? ''}
      </textarea>
    </p>
  );
}

export function EventFormPage(
  props: PageBase & {
    event?: EventDto;
    leadChoices: { id: number; name: string; country: string }[];
    coChoices: { id: number; name: string }[];
    values: Record<string, string>;
    error?: FormError;
    notice?: string;
    canManage: boolean;
  },
) {
  const l = props.locale;
  const e = props.event;
  const v = props.values;
  const issues = props.error?.issues;
  const action = e ? `/events/manage/${e.id}?lang=${l}` : `/events/manage/new?lang=${l}`;
  const lead = e ? e.organisers[0] : undefined;
  const zone = e?.timeZone ?? (props.leadChoices.find((o) => String(o.id) === v.organisation_id) ?? props.leadChoices[0])?.country;
  const zoneName = zone ? (({ NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' } as Record<string, string>)[zone] ?? zone) : '';
  const title = e ? `${msg.editEvent[l]}: ${titleOf(e, l)}` : msg.newEvent[l];
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={head}>
      <p class="breadcrumb">
        <a href={`/events/manage?lang=${l}`}>{msg.manageEvents[l]}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      {e ? (
        <>
          <p>
            {msg.status[l]}: <strong>{msg[`status_${e.status}`][l]}</strong> · {whenOf(e, l)}
          </p>
          <nav class="sub-nav" aria-label={msg.actions[l]}>
            <ul>
              <li>
                <a href={`/events/${e.id}?lang=${l}`}>{msg.events[l]}</a>
              </li>
              <li>
                <a href={`/events/manage/${e.id}/participants?lang=${l}`}>{msg.participants[l]}</a>
              </li>
              <li>
                <a href={`/events/manage/${e.id}/check-in?lang=${l}`}>{msg.checkIn[l]}</a>
              </li>
            </ul>
          </nav>
          <div class="event-actions">
            {e.status === 'draft' ? (
              <PostForm action={`/events/manage/${e.id}/publish?lang=${l}`} csrf={props.csrf} label={msg.publish[l]}>
                <button type="submit">{msg.publish[l]}</button>
              </PostForm>
            ) : null}
            <PostForm action={`/events/manage/${e.id}/duplicate?lang=${l}`} csrf={props.csrf} label={msg.duplicate[l]}>
              <button type="submit" class="button-secondary">
                {msg.duplicate[l]}
              </button>
            </PostForm>
            {e.status !== 'cancelled' ? (
              <PostForm action={`/events/manage/${e.id}/cancel?lang=${l}`} csrf={props.csrf} label={msg.cancelEvent[l]}>
                <button type="submit" class="button-secondary">
                  {msg.cancelEvent[l]}
                </button>
              </PostForm>
            ) : null}
          </div>
        </>
      ) : null}
      {e?.status === 'cancelled' ? null : (
        <>
          <ErrorSummary locale={l} message={props.error?.message} issues={issues} />
          <PostForm action={action} csrf={props.csrf} label={title}>
            {e ? (
              <input type="hidden" name="organisation_id" value={String(lead?.id ?? '')} />
            ) : (
              <SelectField
                label={msg.organisation[l]}
                name="organisation_id"
                value={v.organisation_id}
                options={props.leadChoices.map((o) => ({ value: String(o.id), label: o.name }))}
                issues={issues}
              />
            )}
            <fieldset>
              <legend>{msg.title[l]}</legend>
              <p class="hint">{msg.titleHint[l]}</p>
              {locales.map((x) => (
                <Field label={format(msg.titleIn[l], { lang: localeNames[x] })} name={`title_${x}`} value={v[`title_${x}`]} max={200} issues={issues} />
              ))}
              {locales.map((x) => (
                <TextArea label={format(msg.descriptionIn[l], { lang: localeNames[x] })} name={`description_${x}`} value={v[`description_${x}`]} max={5000} />
              ))}
            </fieldset>
            <SelectField
              label={msg.kind[l]}
              name="kind"
              value={v.kind}
              options={eventKinds.map((k) => ({ value: k, label: msg[`kind_${k}`][l] }))}
              issues={issues}
            />
            <Field
              label={msg.startsAt[l]}
              name="starts_at"
              type="datetime-local"
              value={v.starts_at}
              required
              hint={format(msg.timeHint[l], { zone: zoneName })}
              issues={issues}
            />
            <Field label={msg.endsAt[l]} name="ends_at" type="datetime-local" value={v.ends_at} required issues={issues} />
            <Field label={msg.address[l]} name="address" value={v.address} max={300} issues={issues} />
            <Field label={msg.municipality[l]} name="municipality_code" value={v.municipality_code} max={4} issues={issues} hint={msg.municipalityHint[l]} />
            <Field label={msg.latitude[l]} name="latitude" value={v.latitude} issues={issues} />
            <Field label={msg.longitude[l]} name="longitude" value={v.longitude} issues={issues} />
            <Field label={msg.onlineUrl[l]} name="online_url" type="url" value={v.online_url} max={500} issues={issues} />
            <Field label={msg.capacity[l]} name="capacity" value={v.capacity} hint={msg.capacityHint[l]} issues={issues} />
            <Field label={msg.signupOpens[l]} name="signup_opens_at" type="datetime-local" value={v.signup_opens_at} issues={issues} />
            <Field label={msg.signupCloses[l]} name="signup_closes_at" type="datetime-local" value={v.signup_closes_at} issues={issues} />
            <SelectField
              label={msg.audience[l]}
              name="audience"
              value={v.audience}
              options={audiences.map((a) => ({ value: a, label: msg[`audience_${a}`][l] }))}
              issues={issues}
            />
            <Field label={msg.price[l]} name="price" value={v.price} hint={msg.priceHint[l]} issues={issues} />
            <TextArea label={msg.questions[l]} name="questions" value={v.questions} hint={msg.questionsHint[l]} max={2000} />
            <Field label={msg.tags[l]} name="tags" value={v.tags} hint={msg.tagsHint[l]} max={300} issues={issues} />
            {props.coChoices.length ? (
              <fieldset>
                <legend>{msg.organisers[l]}</legend>
                {props.coChoices.map((o) => (
                  <p class="field checkbox">
                    <input type="checkbox" id={`f-co_${o.id}`} name={`co_${o.id}`} value="on" checked={v[`co_${o.id}`] === 'on'} />
                    <label for={`f-co_${o.id}`}>{o.name}</label>
                  </p>
                ))}
              </fieldset>
            ) : null}
            <p>
              <button type="submit">{e ? msg.save[l] : msg.create[l]}</button>
            </p>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function ParticipantsPage(
  props: PageBase & { event: EventDto; registrations: RegistrationDto[]; attended: number; notice?: string; error?: FormError },
) {
  const l = props.locale;
  const e = props.event;
  const title = `${msg.participants[l]}: ${titleOf(e, l)}`;
  const issues = props.error?.issues;
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={head}>
      <p class="breadcrumb">
        <a href={`/events/manage/${e.id}?lang=${l}`}>{titleOf(e, l)}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <p>
        {msg.reg_confirmed[l]}: {e.confirmed}
        {e.capacity !== null ? ` / ${e.capacity}` : ''} · {msg.reg_waiting[l]}: {e.waiting} · {msg.attended[l]} ({msg.firm[l]}): {props.attended}
      </p>
      <p>
        {msg.export[l]}: <a href={`/events/manage/${e.id}/participants.csv`}>CSV</a> · <a href={`/events/manage/${e.id}/participants.xlsx`}>XLSX</a> ·{' '}
        <a href={`/events/manage/${e.id}/check-in?lang=${l}`}>{msg.checkIn[l]}</a>
      </p>
      <DataTable
        label={msg.participants[l]}
        headers={[msg.name[l], msg.email[l], msg.firm[l], msg.status[l], msg.checkedIn[l], msg.answers[l]]}
        empty={{ isEmpty: props.registrations.length === 0, text: msg.noEvents[l] }}
      >
        {props.registrations.map((r) => (
          <tr>
            <td>
              {r.name}
              {r.walkIn ? ` (${msg.walkIn[l]})` : ''}
            </td>
            <td>{r.email ?? ''}</td>
            <td>{r.firmName ?? r.nationalId ?? ''}</td>
            <td>{msg[`reg_${r.status}`][l]}</td>
            <td>{r.checkedInAt ? formatDateTime(r.checkedInAt, l, e.timeZone as TimeZone) : r.noShow ? msg.noShow[l] : ''}</td>
            <td>
              {e.questions
                .filter((q) => r.answers[q.key])
                .map((q) => `${q.text}: ${r.answers[q.key]}`)
                .join(' · ')}
            </td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="write-heading">
        <h2 id="write-heading">{msg.writeToAll[l]}</h2>
        <ErrorSummary locale={l} message={props.error?.message} issues={issues} />
        <PostForm action={`/events/manage/${e.id}/message?lang=${l}`} csrf={props.csrf} label={msg.writeToAll[l]}>
          <Field label={msg.subject[l]} name="subject" required max={200} issues={issues} />
          <TextArea label={msg.body[l]} name="body" rows={6} max={5000} />
          <p>
            <button type="submit">{msg.send[l]}</button>
          </p>
        </PostForm>
      </section>
    </Layout>
  );
}
