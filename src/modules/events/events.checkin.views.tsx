import { format } from '../../shared/i18n/i18n.js';
import type { FormError } from '../../shared/http/forms.js';
import { ErrorSummary, Field, GetForm, Notice, PostForm } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './events.messages.js';
import { head, titleOf, type PageBase } from './events.public.views.js';
import type { EventDto, RegistrationDto } from './events.schemas.js';

/**
 * Check-in at the door, made for a phone: one column, big buttons, the search at the top. Every
 * action is a plain form post (works without script); events.js adds live filtering by name and
 * scanning the confirmation's QR code where the browser has BarcodeDetector.
 */
export function CheckInPage(props: PageBase & { event: EventDto; registrations: RegistrationDto[]; q?: string; notice?: string; error?: FormError }) {
  const l = props.locale;
  const e = props.event;
  const live = props.registrations.filter((r) => r.status !== 'cancelled');
  const checked = live.filter((r) => r.checkedInAt).length;
  const title = `${msg.checkIn[l]}: ${titleOf(e, l)}`;
  const back = `/events/manage/${e.id}/check-in?lang=${l}`;
  const issues = props.error?.issues;
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={head}>
      <p class="breadcrumb">
        <a href={`/events/manage/${e.id}?lang=${l}`}>{titleOf(e, l)}</a>
      </p>
      <h1>{msg.checkIn[l]}</h1>
      <p class="checkin-count" id="checkin-count">
        {format(msg.checkedInCount[l], { n: checked, total: live.length })}
      </p>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={issues} />
      <PostForm action={`/events/manage/${e.id}/check-in?lang=${l}`} csrf={props.csrf} class="checkin-code" label={msg.code[l]}>
        <Field label={msg.code[l]} name="code" hint={msg.codeHint[l]} autocomplete="off" max={64} issues={issues} />
        <p class="checkin-buttons">
          <button type="submit">{msg.checkInAction[l]}</button>
          <button type="button" class="button-secondary" id="scan-qr" hidden>
            {msg.scan[l]}
          </button>
        </p>
        <video id="scan-video" class="scan-video" hidden muted playsinline aria-label={msg.scan[l]}></video>
      </PostForm>
      <GetForm action={`/events/manage/${e.id}/check-in`} locale={l} class="checkin-search" role="search" label={msg.searchName[l]}>
        <p class="field">
          <label for="f-q">{msg.searchName[l]}</label>
          <input id="f-q" name="q" type="search" value={props.q ?? ''} autocomplete="off" data-filter-list="checkin-list" maxlength={100} />
        </p>
        <p>
          <button type="submit" class="button-secondary">
            {msg.search[l]}
          </button>
        </p>
      </GetForm>
      <ul class="checkin-list" id="checkin-list" aria-label={msg.participants[l]}>
        {live.map((r) => (
          <li class={r.checkedInAt ? 'checked' : undefined} data-name={r.name.toLowerCase()}>
            <span class="checkin-name">
              {r.name}
              {r.firmName ? <span class="checkin-firm"> · {r.firmName}</span> : null}
              {r.status === 'waiting' ? <span class="checkin-firm"> · {msg.reg_waiting[l]}</span> : null}
              {r.noShow && !r.checkedInAt ? <span class="checkin-firm"> · {msg.noShow[l]}</span> : null}
            </span>
            {r.checkedInAt ? (
              <PostForm action={`/events/manage/${e.id}/check-in/${r.id}/undo?lang=${l}`} csrf={props.csrf} label={`${msg.undoCheckIn[l]}: ${r.name}`}>
                <span class="checkin-done">{msg.checkedIn[l]}</span>{' '}
                <button type="submit" class="button-secondary" aria-label={`${msg.undoCheckIn[l]}: ${r.name}`}>
                  {msg.undoCheckIn[l]}
                </button>
              </PostForm>
            ) : (
              <PostForm action={`/events/manage/${e.id}/check-in?lang=${l}`} csrf={props.csrf} label={`${msg.checkInAction[l]}: ${r.name}`}>
                <input type="hidden" name="registration_id" value={String(r.id)} />
                <button type="submit" class="checkin-button" aria-label={`${msg.checkInAction[l]}: ${r.name}`}>
                  {msg.checkInAction[l]}
                </button>
              </PostForm>
            )}
          </li>
        ))}
      </ul>
      <section aria-labelledby="walkin-heading">
        <h2 id="walkin-heading">{msg.walkIn[l]}</h2>
        <PostForm action={`/events/manage/${e.id}/walk-in?lang=${l}`} csrf={props.csrf} label={msg.walkIn[l]}>
          <Field label={msg.name[l]} name="name" required max={200} issues={issues} />
          <Field label={msg.email[l]} name="email" type="email" max={254} issues={issues} />
          <Field label={msg.nationalId[l]} name="national_id" max={20} issues={issues} />
          <p>
            <button type="submit">{msg.addWalkIn[l]}</button>
          </p>
        </PostForm>
      </section>
      <PostForm action={`/events/manage/${e.id}/no-shows?lang=${l}`} csrf={props.csrf} label={msg.markNoShows[l]}>
        <p>
          <button type="submit" class="button-secondary">
            {msg.markNoShows[l]}
          </button>
        </p>
      </PostForm>
      <p>
        <a href={back}>{msg.checkIn[l]}</a>
      </p>
    </Layout>
  );
}
