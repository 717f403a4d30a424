import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../../shared/errors.js';
import { formatDate } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { ErrorSummary, PostForm } from '../../shared/views/form.js';
import { ModulePage } from '../../shared/views/module-page.js';
import { msg } from './surveys.messages.js';
import { pickText, type QuestionDto, type SurveyDto } from './surveys.schemas.js';
import { needSectors } from './surveys.sectors.js';
import type { RawForm } from './surveys.service.js';

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf?: string;
}

export function SurveysLayout(props: PageBase & { title: string; children?: Child; map?: boolean }) {
  return (
    <ModulePage
      locale={props.locale}
      title={props.title}
      currentUrl={props.currentUrl}
      stylesheet="surveys.css"
      head={
        <>
          {props.map ? <link rel="stylesheet" href="/vendor/leaflet/leaflet.css" /> : null}
          {props.map ? <script src="/vendor/leaflet/leaflet.js" defer></script> : null}
          <script src="/static/surveys.js" defer></script>
        </>
      }
    >
      {props.children}
    </ModulePage>
  );
}

export const DemoMark = (props: { locale: Locale; show: boolean }) =>
  props.show ? (
    <p class="demo-mark" role="note">
      {msg.demoMark[props.locale]}
    </p>
  ) : null;

/** /surveys: the open public surveys and published results. */
export function SurveysIndexPage(props: PageBase & { open: SurveyDto[]; published: SurveyDto[] }) {
  const l = props.locale;
  return (
    <SurveysLayout {...props} title={msg.needsSurveys[l]}>
      <h1>{msg.needsSurveys[l]}</h1>
      <p>{msg.publicIntro[l]}</p>
      <h2>{msg.openSurveys[l]}</h2>
      {props.open.length === 0 ? <p>{msg.noOpenSurveys[l]}</p> : null}
      <ul class="survey-list">
        {props.open.map((s) => (
          <li>
            <a href={`/surveys/s/${s.publicToken}?lang=${l}`}>{pickText(s.title, l, s.languages)}</a>
            {s.closesOn ? <span class="hint"> · {format(msg.closesOn[l], { date: formatDate(s.closesOn, l) })}</span> : null}
          </li>
        ))}
      </ul>
      {props.published.length ? (
        <>
          <h2>{msg.publishedResults[l]}</h2>
          <ul class="survey-list">
            {props.published.map((s) => (
              <li>
                <a href={`/surveys/${s.id}/results?lang=${l}`}>{pickText(s.title, l, s.languages)}</a>
                {s.isDemo ? <span class="hint"> · {msg.demoMark[l]}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </SurveysLayout>
  );
}

const fieldId = (field: string) => `f-${field}`;
const errorOf = (issues: LocalisedIssue[] | undefined, field: string) => issues?.find((i) => i.field === field);

function QuestionField(props: {
  q: QuestionDto;
  l: Locale;
  survey: SurveyDto;
  form: RawForm;
  issues?: LocalisedIssue[];
  municipalities: { code: string; name: string }[];
  tileUrl: string;
}) {
  const { q, l, survey, form } = props;
  const name = `q${q.id}`;
  const title = pickText(q.text, l, survey.languages);
  const err = errorOf(props.issues, name) ?? errorOf(props.issues, `${name}_sector`) ?? errorOf(props.issues, `${name}_lat`);
  const errId = `${fieldId(name)}-error`;
  const described = err ? errId : undefined;
  const value = (n: string) => form[n]?.[0] ?? '';
  const requiredMark = q.required ? <span class="required"> {msg.required[l]}</span> : null;
  const error = err ? (
    <span class="field-error" id={errId}>
      {err.message}
    </span>
  ) : null;
  const choice = (type: 'radio' | 'checkbox', options: { value: string; label: string }[]) => (
    <fieldset class="question" id={fieldId(name)} aria-describedby={described} tabindex={-1}>
      <legend>
        {title}
        {requiredMark}
      </legend>
      <span class="hint">{type === 'radio' ? msg.pickOne[l] : msg.pickAny[l]}</span>
      {error}
      {options.map((o, i) => (
        <label class="choice" for={`${fieldId(name)}-${i}`}>
          <input type={type} id={`${fieldId(name)}-${i}`} name={name} value={o.value} checked={(form[name] ?? []).includes(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
  switch (q.kind) {
    case 'single':
    case 'group':
      return choice(
        'radio',
        (Array.isArray(q.options) ? q.options : []).map((o) => ({ value: o.value, label: pickText(o.label, l, survey.languages) })),
      );
    case 'multiple':
      return choice(
        'checkbox',
        (Array.isArray(q.options) ? q.options : []).map((o) => ({ value: o.value, label: pickText(o.label, l, survey.languages) })),
      );
    case 'scale': {
      const range = Array.isArray(q.options) ? { min: 1, max: 5 } : q.options;
      return choice(
        'radio',
        Array.from({ length: range.max - range.min + 1 }, (_, i) => ({ value: String(range.min + i), label: String(range.min + i) })),
      );
    }
    case 'municipality':
      return choice('radio', [...props.municipalities.map((m) => ({ value: m.code, label: m.name })), { value: 'other', label: msg.otherPlace[l] }]);
    case 'text':
      return (
        <p class="field question">
          <label for={fieldId(name)}>
            {title}
            {requiredMark}
          </label>
          {error}
          <textarea id={fieldId(name)} name={name} rows={4} maxlength={2000} aria-describedby={described}>
            {value(name)}
          </textarea>
        </p>
      );
    case 'miss_local':
      return (
        <fieldset class="question" id={fieldId(name)} tabindex={-1} aria-describedby={described}>
          <legend>
            {title}
            {requiredMark}
          </legend>
          {error}
          <p class="field">
            <label for={fieldId(`${name}_sector`)}>{msg.sector[l]}</label>
            <select id={fieldId(`${name}_sector`)} name={`${name}_sector`}>
              <option value="">–</option>
              {needSectors.map((s) => (
                <option value={s.code} selected={value(`${name}_sector`) === s.code}>
                  {s.label[l]}
                </option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for={fieldId(`${name}_text`)}>{msg.whatMissed[l]}</label>
            <textarea id={fieldId(`${name}_text`)} name={name} rows={3} maxlength={2000}>
              {value(name)}
            </textarea>
          </p>
        </fieldset>
      );
    case 'spend_outside':
      return (
        <p class="field question">
          <label for={fieldId(name)}>
            {title}
            {requiredMark}
          </label>
          <span class="hint" id={`${fieldId(name)}-hint`}>
            {msg.amountPerMonth[l]}
          </span>
          {error}
          <input
            id={fieldId(name)}
            name={name}
            inputmode="decimal"
            value={value(name)}
            aria-describedby={[`${fieldId(name)}-hint`, described].filter(Boolean).join(' ')}
          />
        </p>
      );
    case 'map_point':
      return (
        <fieldset class="question map-question" id={fieldId(name)} tabindex={-1} aria-describedby={described}>
          <legend>
            {title}
            {requiredMark}
          </legend>
          <span class="hint">{msg.mapHint[l]}</span>
          {error}
          <div class="map-picker" data-tile-url={props.tileUrl} data-lat-field={fieldId(`${name}_lat`)} data-lon-field={fieldId(`${name}_lon`)} hidden></div>
          <p class="field">
            <label for={fieldId(`${name}_lat`)}>{msg.latitude[l]}</label>
            <input id={fieldId(`${name}_lat`)} name={`${name}_lat`} inputmode="decimal" value={value(`${name}_lat`)} />
          </p>
          <p class="field">
            <label for={fieldId(`${name}_lon`)}>{msg.longitude[l]}</label>
            <input id={fieldId(`${name}_lon`)} name={`${name}_lon`} inputmode="decimal" value={value(`${name}_lon`)} />
          </p>
        </fieldset>
      );
  }
}

/** Earlier parts' answers travel as hidden fields, so answering needs no JavaScript and no server-side draft. */
function Carried(props: { form: RawForm; questions: QuestionDto[] }) {
  const names = new Set(props.questions.flatMap((q) => [`q${q.id}`, `q${q.id}_sector`, `q${q.id}_lat`, `q${q.id}_lon`]));
  return (
    <>
      {Object.entries(props.form)
        .filter(([k]) => names.has(k))
        .flatMap(([k, vs]) => vs.map((v) => <input type="hidden" name={k} value={v} />))}
    </>
  );
}

export interface AnswerPageProps extends PageBase {
  survey: SurveyDto;
  action: string;
  section: number;
  sectionIndex: number;
  sectionCount: number;
  isLast: boolean;
  questions: QuestionDto[];
  earlier: QuestionDto[];
  form: RawForm;
  municipalities: { code: string; name: string }[];
  tileUrl: string;
  started: string;
  issues?: LocalisedIssue[];
  message?: string;
}

/** One part of a survey: its questions, earlier answers carried along, contact opt-in and send on the last part. */
export function AnswerPage(props: AnswerPageProps) {
  const l = props.locale;
  const s = props.survey;
  const title = pickText(s.title, l, s.languages);
  const sectionTitle = pickText(s.sections[props.section], l, s.languages);
  const hasMap = props.questions.some((q) => q.kind === 'map_point');
  return (
    <SurveysLayout {...props} title={title} map={hasMap}>
      <h1>{title}</h1>
      <DemoMark locale={l} show={s.isDemo} />
      {props.sectionIndex === 0 ? <p>{pickText(s.intro, l, s.languages)}</p> : null}
      <p class="hint">{msg.anonymousNote[l]}</p>
      <ErrorSummary locale={l} message={props.message} issues={props.issues} />
      <PostForm action={props.action} csrf={props.csrf} class="survey-form">
        <input type="hidden" name="_section" value={String(props.section)} />
        <input type="hidden" name="_started" value={props.started} />
        <Carried form={props.form} questions={props.earlier} />
        {props.sectionCount > 1 ? (
          <p class="progress" aria-live="polite">
            {format(msg.sectionOf[l], { n: props.sectionIndex + 1, total: props.sectionCount })}
          </p>
        ) : null}
        {sectionTitle ? <h2>{sectionTitle}</h2> : null}
        {props.questions.map((q) => (
          <QuestionField q={q} l={l} survey={s} form={props.form} issues={props.issues} municipalities={props.municipalities} tileUrl={props.tileUrl} />
        ))}
        <p class="hp-field" aria-hidden="true">
          <label for="f-website">{msg.honeypot[l]}</label>
          <input id="f-website" name="website" tabindex={-1} autocomplete="off" />
        </p>
        {props.isLast ? (
          <fieldset class="question contact-optin">
            <legend>{msg.contactTitle[l]}</legend>
            <label class="choice" for="f-contact_opt_in">
              <input type="checkbox" id="f-contact_opt_in" name="contact_opt_in" value="yes" checked={props.form.contact_opt_in?.[0] === 'yes'} />
              {msg.contactOptIn[l]}
            </label>
            {(['contact_name', 'contact_email', 'contact_phone'] as const).map((f) => (
              <p class="field">
                <label for={`f-${f}`}>{f === 'contact_name' ? msg.name[l] : f === 'contact_email' ? msg.email[l] : msg.phone[l]}</label>
                <input
                  id={`f-${f}`}
                  name={f}
                  type={f === 'contact_email' ? 'email' : f === 'contact_phone' ? 'tel' : 'text'}
                  value={props.form[f]?.[0] ?? ''}
                  autocomplete={f === 'contact_name' ? 'name' : f === 'contact_email' ? 'email' : 'tel'}
                />
              </p>
            ))}
          </fieldset>
        ) : null}
        <div class="survey-buttons">
          {props.sectionIndex > 0 ? (
            <button type="submit" name="_back" value="1" class="button-secondary" formnovalidate>
              {msg.back[l]}
            </button>
          ) : null}
          <button type="submit">{props.isLast ? msg.send[l] : msg.next[l]}</button>
        </div>
      </PostForm>
    </SurveysLayout>
  );
}

export function ThanksPage(props: PageBase & { survey: SurveyDto }) {
  const l = props.locale;
  return (
    <SurveysLayout {...props} title={msg.thanksTitle[l]}>
      <h1>{msg.thanksTitle[l]}</h1>
      <p role="status">{msg.thanksText[l]}</p>
      {props.survey.resultsPublic ? (
        <p>
          <a href={`/surveys/${props.survey.id}/results?lang=${l}`}>{msg.results[l]}</a>
        </p>
      ) : null}
      <p>
        <a href={`/surveys?lang=${l}`}>{msg.needsSurveys[l]}</a>
      </p>
    </SurveysLayout>
  );
}
