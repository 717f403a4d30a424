import type { LocalisedIssue } from '../../shared/errors.js';
import { formatDate, formatDateTime } from '../../shared/i18n/format.js';
import { format, localeNames, locales, type Locale } from '../../shared/i18n/i18n.js';
import { common } from '../../shared/i18n/common.messages.js';
import { DataTable, Pagination } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, GetForm, Notice, PostForm, RowAction, SelectField } from '../../shared/views/form.js';
import { msg } from './surveys.messages.js';
import { pickText, questionKinds, type QuestionDto, type SurveyDto } from './surveys.schemas.js';
import { DemoMark, SurveysLayout, type PageBase } from './surveys.views.js';

const statusLabel = (l: Locale, s: SurveyDto['status']) => msg[`status_${s}`][l];

/** /surveys/manage: the surveys of the person's organisations. */
export function ManageListPage(props: PageBase & { surveys: SurveyDto[]; orgNames: Map<number, string>; canCreate: boolean }) {
  const l = props.locale;
  return (
    <SurveysLayout {...props} title={msg.manage[l]}>
      <h1>{msg.manage[l]}</h1>
      {props.canCreate ? (
        <p>
          <a class="button" href={`/surveys/manage/new?lang=${l}`}>
            {msg.newSurvey[l]}
          </a>
        </p>
      ) : null}
      <DataTable
        label={msg.manage[l]}
        headers={[msg.title[l], msg.organisation[l], msg.status[l], msg.results[l]]}
        empty={{ isEmpty: props.surveys.length === 0, text: msg.noSurveys[l] }}
      >
        {props.surveys.map((s) => (
          <tr>
            <td>
              <a href={`/surveys/manage/${s.id}?lang=${l}`}>{pickText(s.title, l, s.languages)}</a>
              {s.isDemo ? <span class="hint"> · {msg.demoMark[l]}</span> : null}
            </td>
            <td>{props.orgNames.get(s.organisationId) ?? ''}</td>
            <td>{statusLabel(l, s.status)}</td>
            <td>
              <a href={`/surveys/manage/${s.id}/results?lang=${l}`}>{msg.results[l]}</a>
            </td>
          </tr>
        ))}
      </DataTable>
    </SurveysLayout>
  );
}

/** New survey / edit survey. */
export function SurveyFormPage(
  props: PageBase & {
    action: string;
    organisations: { id: number; name: string }[];
    values: Record<string, string>;
    issues?: LocalisedIssue[];
    message?: string;
    heading: string;
  },
) {
  const l = props.locale;
  const v = props.values;
  return (
    <SurveysLayout {...props} title={props.heading}>
      <h1>{props.heading}</h1>
      <ErrorSummary locale={l} message={props.message} issues={props.issues} />
      <PostForm action={props.action} csrf={props.csrf} class="survey-builder">
        <SelectField
          label={msg.organisation[l]}
          name="organisation"
          value={v.organisation}
          options={props.organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          issues={props.issues}
        />
        <p class="hint">{msg.languagesHint[l]}</p>
        {locales.map((lang) => (
          <fieldset class="language-block">
            <legend>{localeNames[lang]}</legend>
            <Field
              label={format(msg.titleIn[l], { lang: localeNames[lang] })}
              name={`title_${lang}`}
              value={v[`title_${lang}`]}
              max={200}
              issues={props.issues}
            />
            <p class="field">
              <label for={`f-intro_${lang}`}>{format(msg.introIn[l], { lang: localeNames[lang] })}</label>
              <textarea id={`f-intro_${lang}`} name={`intro_${lang}`} rows={3} maxlength={2000}>
                {v[`intro_${lang}`] ?? ''}
              </textarea>
            </p>
            <p class="field">
              <label for={`f-sections_${lang}`}>{format(msg.sectionsIn[l], { lang: localeNames[lang] })}</label>
              <textarea id={`f-sections_${lang}`} name={`sections_${lang}`} rows={3} maxlength={2000}>
                {v[`sections_${lang}`] ?? ''}
              </textarea>
            </p>
          </fieldset>
        ))}
        <SelectField
          label={msg.audience[l]}
          name="audience"
          value={v.audience ?? 'public'}
          options={(['public', 'members', 'invited'] as const).map((a) => ({ value: a, label: msg[`audience_${a}`][l] }))}
          issues={props.issues}
        />
        <Field label={msg.opens[l]} name="opens_on" type="date" value={v.opens_on} issues={props.issues} />
        <Field label={msg.closes[l]} name="closes_on" type="date" value={v.closes_on} issues={props.issues} />
        <Field label={msg.minGroup[l]} name="min_group_size" type="number" value={v.min_group_size ?? '10'} hint={msg.minGroupHint[l]} issues={props.issues} />
        <p class="field checkbox-field">
          <label for="f-results_public">
            <input type="checkbox" id="f-results_public" name="results_public" value="on" checked={v.results_public === 'on'} /> {msg.resultsPublic[l]}
          </label>
        </p>
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
    </SurveysLayout>
  );
}

const kindLabel = (l: Locale, k: QuestionDto['kind']) => msg[`kind_${k}`][l];

/** One survey for its builders: status, link and QR code, questions, the question form, invitations. */
export function SurveyDetailPage(
  props: PageBase & {
    survey: SurveyDto;
    orgName: string;
    questions: QuestionDto[];
    responses: number;
    invitations: { sent: number; used: number };
    publicUrl: string;
    qrSvg: string;
    canManage: boolean;
    canReadContacts: boolean;
    notice?: string;
    issues?: LocalisedIssue[];
    message?: string;
    values?: Record<string, string>;
  },
) {
  const l = props.locale;
  const s = props.survey;
  const title = pickText(s.title, l, s.languages);
  const v = props.values ?? {};
  const base = `/surveys/manage/${s.id}`;
  const conditionOptions = props.questions
    .filter((q) => Array.isArray(q.options) && q.options.length)
    .flatMap((q) =>
      (Array.isArray(q.options) ? q.options : []).map((o) => ({
        value: `${q.id}:${o.value}`,
        label: `${pickText(q.text, l, s.languages).slice(0, 60)} = ${pickText(o.label, l, s.languages)}`,
      })),
    );
  return (
    <SurveysLayout {...props} title={title}>
      <h1>{title}</h1>
      <DemoMark locale={l} show={s.isDemo} />
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.message} issues={props.issues} />
      <dl class="facts">
        <dt>{msg.organisation[l]}</dt>
        <dd>{props.orgName}</dd>
        <dt>{msg.status[l]}</dt>
        <dd>{statusLabel(l, s.status)}</dd>
        <dt>{msg.audience[l]}</dt>
        <dd>{msg[`audience_${s.audience}`][l]}</dd>
        {s.opensOn ? (
          <>
            <dt>{msg.opens[l]}</dt>
            <dd>{formatDate(s.opensOn, l)}</dd>
          </>
        ) : null}
        {s.closesOn ? (
          <>
            <dt>{msg.closes[l]}</dt>
            <dd>{formatDate(s.closesOn, l)}</dd>
          </>
        ) : null}
        <dt>{msg.answers[l]}</dt>
        <dd>{format(msg.answersCount[l], { n: props.responses })}</dd>
      </dl>
      <nav class="survey-actions" aria-label={msg.results[l]}>
        <a href={`${base}/results?lang=${l}`}>{msg.results[l]}</a>
        <a href={`${base}/texts?lang=${l}`}>{msg.freeTexts[l]}</a>
        {props.canReadContacts ? <a href={`${base}/contacts?lang=${l}`}>{msg.contacts[l]}</a> : null}
        {props.canManage ? <a href={`${base}/edit?lang=${l}`}>{msg.save[l]}…</a> : null}
      </nav>
      {props.canManage ? (
        <div class="survey-status">
          {s.status !== 'open' ? (
            <PostForm action={`${base}/open?lang=${l}`} csrf={props.csrf} class="inline-form">
              <button type="submit">{msg.openIt[l]}</button>
            </PostForm>
          ) : (
            <PostForm action={`${base}/close?lang=${l}`} csrf={props.csrf} class="inline-form">
              <button type="submit" class="button-secondary">
                {msg.closeIt[l]}
              </button>
            </PostForm>
          )}
        </div>
      ) : null}
      {s.audience !== 'invited' ? (
        <section>
          <h2 id="link-h">{msg.publicLink[l]}</h2>
          <p class="break-all">
            <a href={props.publicUrl}>{props.publicUrl}</a>
          </p>
          <figure class="qr">
            {/* The QR code is an SVG made on the server from the link (escaped by the QR library: only path data). */}
            <img src={`data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`} alt={msg.qrCode[l]} width="200" height="200" />
            <figcaption>
              <a href={`${base}/qr.svg`} download={`survey-${s.id}-qr.svg`}>
                {msg.qrCode[l]} (SVG)
              </a>
            </figcaption>
          </figure>
        </section>
      ) : null}
      <section>
        <h2 id="questions-h">{msg.questions[l]}</h2>
        <DataTable
          label={msg.questions[l]}
          headers={[msg.section[l], msg.question[l], msg.kind[l], msg.showIf[l], props.canManage && props.responses === 0 ? common.actions[l] : null]}
          empty={{ isEmpty: props.questions.length === 0, text: msg.needQuestions[l] }}
        >
          {props.questions.map((q) => {
            const cond = q.showIfQuestion ? props.questions.find((x) => x.id === q.showIfQuestion) : undefined;
            return (
              <tr>
                <td>{q.section + 1}</td>
                <td>
                  {pickText(q.text, l, s.languages)}
                  {q.required ? <span class="hint"> {msg.required[l]}</span> : null}
                </td>
                <td>{kindLabel(l, q.kind)}</td>
                <td>{cond ? `${pickText(cond.text, l, s.languages).slice(0, 40)} = ${q.showIfValues?.join(', ')}` : msg.always[l]}</td>
                {props.canManage && props.responses === 0 ? (
                  <td>
                    <RowAction
                      action={`${base}/questions/${q.id}/delete?lang=${l}`}
                      csrf={props.csrf}
                      button={msg.delete[l]}
                      buttonLabel={`${msg.delete[l]}: ${pickText(q.text, l, s.languages)}`}
                      buttonClass="button-secondary"
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
        {props.responses > 0 ? <p class="hint">{msg.lockedWhenAnswered[l]}</p> : null}
      </section>
      {props.canManage && props.responses === 0 ? (
        <section>
          <h2 id="add-q-h">{msg.addQuestion[l]}</h2>
          <PostForm action={`${base}/questions?lang=${l}`} csrf={props.csrf} class="survey-builder">
            <SelectField
              label={msg.kind[l]}
              name="kind"
              value={v.kind}
              options={questionKinds.map((k) => ({ value: k, label: kindLabel(l, k) }))}
              issues={props.issues}
            />
            <SelectField
              label={msg.section[l]}
              name="section"
              value={v.section}
              options={Array.from({ length: Math.max(1, s.sections.length) }, (_, i) => ({
                value: String(i),
                label: `${i + 1}${s.sections[i] ? ` – ${pickText(s.sections[i], l, s.languages)}` : ''}`,
              }))}
              issues={props.issues}
            />
            {s.languages.map((lang) => (
              <fieldset class="language-block">
                <legend>{localeNames[lang]}</legend>
                <Field
                  label={format(msg.questionIn[l], { lang: localeNames[lang] })}
                  name={`text_${lang}`}
                  value={v[`text_${lang}`]}
                  max={500}
                  issues={props.issues}
                />
                <p class="field">
                  <label for={`f-options_${lang}`}>{format(msg.optionsIn[l], { lang: localeNames[lang] })}</label>
                  <textarea id={`f-options_${lang}`} name={`options_${lang}`} rows={4} aria-describedby="options-hint">
                    {v[`options_${lang}`] ?? ''}
                  </textarea>
                </p>
              </fieldset>
            ))}
            <p class="hint" id="options-hint">
              {msg.optionsHint[l]}
            </p>
            <Field label={msg.kind_scale[l]} name="scale_max" type="number" value={v.scale_max ?? '5'} issues={props.issues} />
            <SelectField
              label={msg.showIf[l]}
              name="show_if"
              value={v.show_if}
              includeEmpty={msg.always[l]}
              options={conditionOptions}
              hint={msg.showIfEarlier[l]}
              issues={props.issues}
            />
            <p class="field checkbox-field">
              <label for="f-required">
                <input type="checkbox" id="f-required" name="required" value="on" checked={v.required === 'on'} /> {msg.isRequired[l]}
              </label>
            </p>
            <button type="submit">{msg.addQuestion[l]}</button>
          </PostForm>
        </section>
      ) : null}
      {props.canManage && s.audience === 'invited' ? (
        <section>
          <h2 id="inv-h">{msg.invitations[l]}</h2>
          <p>{format(msg.invitationsSent[l], { sent: props.invitations.sent, used: props.invitations.used })}</p>
          <PostForm action={`${base}/invitations?lang=${l}`} csrf={props.csrf}>
            <p class="field">
              <label for="f-emails">{msg.inviteEmails[l]}</label>
              <textarea id="f-emails" name="emails" rows={5}>
                {v.emails ?? ''}
              </textarea>
            </p>
            <button type="submit">{msg.invite[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </SurveysLayout>
  );
}

/** Free-text answers, newest first, with their tags (taggable by the survey's builders). */
export function FreeTextsPage(
  props: PageBase & {
    survey: SurveyDto;
    questions: QuestionDto[];
    rows: { id: number; question_id: number; text_value: string | null; tags: string[] }[];
    olderHref?: string;
    tag?: string;
    canTag: boolean;
  },
) {
  const l = props.locale;
  const s = props.survey;
  const qTitle = new Map(props.questions.map((q) => [q.id, pickText(q.text, l, s.languages)]));
  return (
    <SurveysLayout {...props} title={`${msg.freeTexts[l]} – ${pickText(s.title, l, s.languages)}`}>
      <h1>{msg.freeTexts[l]}</h1>
      <p>
        <a href={`/surveys/manage/${s.id}?lang=${l}`}>{pickText(s.title, l, s.languages)}</a>
      </p>
      <GetForm action={`/surveys/manage/${s.id}/texts`} locale={l} class="inline-form">
        <label for="f-tag">{msg.filterTag[l]}</label> <input id="f-tag" name="tag" value={props.tag ?? ''} /> <button type="submit">{msg.show[l]}</button>
      </GetForm>
      {props.rows.length === 0 ? <p>{msg.noTexts[l]}</p> : null}
      <ul class="free-texts">
        {props.rows.map((r) => (
          <li>
            <p class="hint">{qTitle.get(r.question_id)}</p>
            <blockquote>{r.text_value}</blockquote>
            {props.canTag ? (
              <PostForm action={`/surveys/manage/${s.id}/texts/${r.id}/tags?lang=${l}`} csrf={props.csrf} class="inline-form">
                <label for={`f-tags-${r.id}`}>{msg.tags[l]}</label>{' '}
                <input id={`f-tags-${r.id}`} name="tags" value={r.tags.join(', ')} aria-describedby="tags-hint" />{' '}
                <button type="submit" class="button-secondary">
                  {msg.save[l]}
                </button>
              </PostForm>
            ) : (
              <p>{r.tags.join(', ')}</p>
            )}
          </li>
        ))}
      </ul>
      <p class="hint" id="tags-hint">
        {msg.tagsHint[l]}
      </p>
      <Pagination locale={l} olderHref={props.olderHref} />
    </SurveysLayout>
  );
}

/** Opted-in contacts: a purpose first, then the list (the read is logged), erasure, and who read it. */
export function ContactsPage(
  props: PageBase & {
    survey: SurveyDto;
    contacts?: { id: number | string; name: string | null; email: string | null; phone: string | null; consented_at: Date }[];
    log: { user_id: number | string; purpose: string; read_at: Date }[];
    names: Map<number, string>;
    notice?: string;
    issues?: LocalisedIssue[];
  },
) {
  const l = props.locale;
  const s = props.survey;
  return (
    <SurveysLayout {...props} title={`${msg.contacts[l]} – ${pickText(s.title, l, s.languages)}`}>
      <h1>{msg.contacts[l]}</h1>
      <p>
        <a href={`/surveys/manage/${s.id}?lang=${l}`}>{pickText(s.title, l, s.languages)}</a>
      </p>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} issues={props.issues} />
      {props.contacts ? (
        <DataTable
          label={msg.contacts[l]}
          headers={[msg.name[l], msg.email[l], msg.phone[l], msg.when[l], common.actions[l]]}
          empty={{ isEmpty: props.contacts.length === 0, text: msg.noContacts[l] }}
        >
          {props.contacts.map((c) => (
            <tr>
              <td>{c.name ?? ''}</td>
              <td>{c.email ?? ''}</td>
              <td>{c.phone ?? ''}</td>
              <td>{formatDate(new Date(c.consented_at), l)}</td>
              <td>
                <PostForm action={`/surveys/manage/${s.id}/contacts/${c.id}/erase?lang=${l}`} csrf={props.csrf} class="inline-form">
                  <button type="submit" class="button-secondary" aria-label={`${msg.erase[l]}: ${c.name ?? c.email ?? c.phone ?? ''}`}>
                    {msg.erase[l]}
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <PostForm action={`/surveys/manage/${s.id}/contacts?lang=${l}`} csrf={props.csrf}>
          <Field label={msg.purpose[l]} name="purpose" hint={msg.purposeHint[l]} max={300} issues={props.issues} />
          <button type="submit">{msg.readContacts[l]}</button>
        </PostForm>
      )}
      <h2>{msg.readLog[l]}</h2>
      <DataTable label={msg.readLog[l]} headers={[msg.when[l], msg.who[l], msg.purpose[l]]} empty={{ isEmpty: props.log.length === 0, text: '–' }}>
        {props.log.map((r) => (
          <tr>
            <td>{formatDateTime(new Date(r.read_at), l)}</td>
            <td>{props.names.get(Number(r.user_id)) ?? `#${r.user_id}`}</td>
            <td>{r.purpose}</td>
          </tr>
        ))}
      </DataTable>
    </SurveysLayout>
  );
}
