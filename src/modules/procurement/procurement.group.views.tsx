import { formatDateTime, formatMoney } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import type { FormError } from '../../shared/http/forms.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, PostForm, SelectField } from '../../shared/views/form.js';
import type { GroupPage as GroupPageData } from './procurement.groups.service.js';
import { common } from '../../shared/i18n/common.messages.js';
import { msg } from './procurement.messages.js';
import { type PageBase, ProcurementPage } from './procurement.views.js';

const statuses = ['forming', 'bidding', 'submitted', 'won', 'lost', 'withdrawn'] as const;
const stateLabel = (l: Locale, s: string) => msg[`state_${s as 'invited'}`]?.[l] ?? s;

export function GroupPage(
  props: PageBase & { page: GroupPageData; myFirms: { id: number; name: string }[]; flash?: string; error?: FormError; errorAt?: string },
) {
  const l = props.locale;
  const p = props.page;
  const g = p.group;
  const title = `${g.name}${g.isDemo ? ` ${msg.demo[l]}` : ''}`;
  const err = (at: string) => (props.errorAt === at ? props.error : undefined);
  const lotTitle = g.lotId ? p.notice.lots.find((x) => x.id === g.lotId)?.title : null;
  if (p.mode === 'invitation') {
    return (
      <ProcurementPage {...props} title={title}>
        <p>
          <a href={`/tenders/${p.notice.id}?lang=${l}`}>{p.notice.title}</a>
          {g.lotId ? ` — ${msg.lot[l]} ${g.lotId} ${lotTitle ?? ''}` : ''}
        </p>
        {p.invitedFirmIds.map((firmId) => (
          <section class="invitation">
            <p>{format(msg.invitedTo[l], { firm: props.myFirms.find((f) => f.id === firmId)?.name ?? '', group: g.name, lead: p.lead.name })}</p>
            <PostForm action={`/tenders/groups/${g.id}/members/${firmId}/answer`} csrf={props.csrf} class="inline-form" label={msg.invitations[l]}>
              <button type="submit" name="answer" value="accept">
                {msg.accept[l]}
              </button>{' '}
              <button type="submit" name="answer" value="decline" class="secondary">
                {msg.decline[l]}
              </button>
            </PostForm>
          </section>
        ))}
      </ProcurementPage>
    );
  }
  return (
    <ProcurementPage {...props} title={title} flash={props.flash}>
      <dl class="facts">
        <dt>{msg.title[l]}</dt>
        <dd>
          <a href={`/tenders/${p.notice.id}?lang=${l}`}>{p.notice.title}</a>
        </dd>
        <dt>{msg.lot[l]}</dt>
        <dd>{g.lotId ? `${g.lotId} ${lotTitle ?? ''}` : msg.wholeNotice[l]}</dd>
        <dt>{msg.leadFirm[l]}</dt>
        <dd>{p.lead.name}</dd>
        <dt>{msg.status[l]}</dt>
        <dd>
          {msg[`status_${g.status}`][l]}
          {g.status === 'won' && g.outcomeMinor !== null && g.outcomeCurrency ? ` — ${formatMoney(g.outcomeMinor, g.outcomeCurrency, l)}` : ''}
        </dd>
        <dt>{msg.coach[l]}</dt>
        <dd>{p.coach ? p.coach.name : msg.noCoach[l]}</dd>
      </dl>
      {p.invitedFirmIds.length
        ? p.invitedFirmIds.map((firmId) => (
            <PostForm action={`/tenders/groups/${g.id}/members/${firmId}/answer`} csrf={props.csrf} class="inline-form" label={msg.invitations[l]}>
              <button type="submit" name="answer" value="accept">
                {msg.accept[l]}
              </button>{' '}
              <button type="submit" name="answer" value="decline" class="secondary">
                {msg.decline[l]}
              </button>
            </PostForm>
          ))
        : null}

      <h2>{msg.members[l]}</h2>
      <DataTable label={msg.members[l]} headers={[msg.firm[l], msg.role[l], msg.share[l], msg.state[l]]}>
        {p.members.map((m) => (
          <tr>
            <td>
              {m.name} ({m.nationalId})
            </td>
            <td>{m.role === 'lead' ? msg.leadFirm[l] : m.role}</td>
            <td class="num">{m.share === null ? '' : `${m.share} %`}</td>
            <td>{stateLabel(l, m.state)}</td>
          </tr>
        ))}
      </DataTable>
      {p.canManage ? (
        <section aria-labelledby="invite">
          <h3 id="invite">{msg.invite[l]}</h3>
          <ErrorSummary locale={l} message={err('invite')?.message} issues={err('invite')?.issues} />
          <PostForm action={`/tenders/groups/${g.id}/members`} csrf={props.csrf} label={msg.invite[l]}>
            <Field label={msg.nationalId[l]} name="national_id" required max={20} issues={err('invite')?.issues} />
            <Field label={msg.role[l]} name="role" max={200} issues={err('invite')?.issues} />
            <Field label={msg.share[l]} name="share" type="number" issues={err('invite')?.issues} />
            <p>
              <button type="submit">{msg.sendInvitation[l]}</button>
            </p>
          </PostForm>
        </section>
      ) : null}

      <h2>{msg.checklist[l]}</h2>
      <p>{msg.checklistHint[l]}</p>
      <DataTable
        label={msg.checklist[l]}
        headers={[msg.firm[l], msg.item[l], msg.status[l], common.actions[l]]}
        empty={{ isEmpty: !p.checklist.length, text: msg.noItems[l] }}
      >
        {p.checklist.map((c) => (
          <tr>
            <td>{c.firmName}</td>
            <td>{c.item}</td>
            <td>{c.done ? msg.done[l] : msg.notDone[l]}</td>
            <td>
              <PostForm action={`/tenders/groups/${g.id}/checklist/${c.id}`} csrf={props.csrf} class="inline-form" label={`${c.firmName}: ${c.item}`}>
                <button type="submit" name="done" value={c.done ? 'no' : 'yes'} class="secondary">
                  {c.done ? msg.markNotDone[l] : msg.markDone[l]}
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </DataTable>
      {p.canManage ? (
        <>
          <ErrorSummary locale={l} message={err('checklist')?.message} issues={err('checklist')?.issues} />
          <PostForm action={`/tenders/groups/${g.id}/checklist`} csrf={props.csrf} label={msg.checklist[l]}>
            <SelectField
              label={msg.firm[l]}
              name="firm"
              options={p.members.filter((m) => m.state !== 'declined').map((m) => ({ value: String(m.firmId), label: m.name }))}
              issues={err('checklist')?.issues}
            />
            <Field label={msg.item[l]} name="item" required max={300} issues={err('checklist')?.issues} />
            <p>
              <button type="submit">{msg.addItem[l]}</button>
            </p>
          </PostForm>
        </>
      ) : null}

      <h2>{msg.thread[l]}</h2>
      <p>{msg.threadPrivate[l]}</p>
      {p.messages.length ? (
        <ol class="thread">
          {p.messages.map((m) => (
            <li>
              <p class="meta">
                <strong>{m.author}</strong> <time datetime={m.at}>{formatDateTime(m.at, l)}</time>
              </p>
              <p class="notice-text">{m.body}</p>
              {m.file ? (
                <p>
                  <a href={`/files/${m.file.id}`}>{m.file.name}</a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{msg.noMessages[l]}</p>
      )}
      {p.canPost ? (
        <>
          <ErrorSummary locale={l} message={err('message')?.message} issues={err('message')?.issues} />
          <PostForm action={`/tenders/groups/${g.id}/messages`} csrf={props.csrf} upload label={msg.thread[l]}>
            <p class="field">
              <label for="f-body">{msg.message[l]}</label>
              <textarea id="f-body" name="body" rows={4} maxlength={5000} required></textarea>
            </p>
            <p class="field">
              <label for="f-file">{msg.attachment[l]}</label>
              <input id="f-file" name="file" type="file" />
            </p>
            <p>
              <button type="submit">{msg.send[l]}</button>
            </p>
          </PostForm>
        </>
      ) : null}

      {p.canManage ? (
        <>
          <h2>{msg.changeStatus[l]}</h2>
          <ErrorSummary locale={l} message={err('status')?.message} issues={err('status')?.issues} />
          <PostForm action={`/tenders/groups/${g.id}/status`} csrf={props.csrf} label={msg.changeStatus[l]}>
            <SelectField
              label={msg.status[l]}
              name="status"
              value={g.status}
              options={statuses.map((s) => ({ value: s, label: msg[`status_${s}`][l] }))}
              issues={err('status')?.issues}
            />
            <Field label={`${msg.outcomeValue[l]}${p.notice.currency ? ` (${p.notice.currency})` : ''}`} name="value" issues={err('status')?.issues} max={30} />
            <p>
              <button type="submit">{msg.save[l]}</button>
            </p>
          </PostForm>
          <h2>{msg.inviteCoach[l]}</h2>
          {p.coachCandidates.length ? (
            <PostForm action={`/tenders/groups/${g.id}/coach`} csrf={props.csrf} label={msg.inviteCoach[l]}>
              <SelectField
                label={msg.coach[l]}
                name="coach"
                value={p.coach ? String(p.coach.id) : ''}
                options={p.coachCandidates.map((c) => ({ value: String(c.id), label: c.name }))}
              />
              <p>
                <button type="submit">{msg.inviteCoach[l]}</button>
              </p>
            </PostForm>
          ) : (
            <p>{msg.noCoachesNear[l]}</p>
          )}
        </>
      ) : null}
    </ProcurementPage>
  );
}
