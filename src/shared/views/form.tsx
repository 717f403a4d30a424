import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../errors.js';
import { format, type Locale } from '../i18n/i18n.js';
import { CsrfField } from './csrf-field.js';
import { viewMessages as vm } from './views.messages.js';

/**
 * The form components every module uses. Issues arrive already in the reader's language
 * (`asFormError(err, locale)` or `err.issuesIn(locale)`); a field's id is `f-<name>`, so the
 * error summary links to it and the field's own error is tied to it by aria-describedby.
 */

/** A POST form with the CSRF field; multipart when it uploads a file. */
export function PostForm(props: { action: string; csrf?: string; children?: Child; class?: string; upload?: boolean; label?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} enctype={props.upload ? 'multipart/form-data' : undefined} aria-label={props.label}>
      <CsrfField token={props.csrf || undefined} />
      {props.children}
    </form>
  );
}

/** A labelled checkbox, the label after the box (`Field` is for text inputs); `value` defaults to "on". */
export function CheckboxField(props: { name: string; label: string; checked?: boolean; value?: string; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <p class="field checkbox">
      <input type="checkbox" id={id} name={props.name} value={props.value ?? 'on'} checked={props.checked} />
      <label for={id}>{props.label}</label>
    </p>
  );
}

/**
 * A GET form (filters, search) that keeps the reader's language: its first field is the hidden
 * `lang`, so the answer comes back in the language the form was shown in.
 */
export function GetForm(props: { action: string; locale: Locale; class?: string; role?: string; label?: string; children?: Child }) {
  return (
    <form method="get" action={props.action} class={props.class} role={props.role} aria-label={props.label}>
      <input type="hidden" name="lang" value={props.locale} />
      {props.children}
    </form>
  );
}

/**
 * A row's one action (end, remove, delete) as a small POST form in the row: whatever the action asks
 * for first (`children`, e.g. a date), then the button. `label` names the form for screen readers;
 * `buttonLabel` the button, where its text alone does not say which row it acts on.
 */
export function RowAction(props: {
  action: string;
  csrf?: string;
  button: string;
  label?: string;
  buttonLabel?: string;
  buttonClass?: string;
  children?: Child;
}) {
  return (
    <PostForm action={props.action} csrf={props.csrf} class="inline-form" label={props.label}>
      {props.children}
      <button type="submit" class={props.buttonClass ?? 'secondary'} aria-label={props.buttonLabel}>
        {props.button}
      </button>
    </PostForm>
  );
}

const issueText = (l: Locale, i: LocalisedIssue) => (i.line !== undefined ? `${i.message} (${format(vm.onLine[l], { line: i.line })})` : i.message);

/** What is wrong with the form, above it; each issue links to its field (WCAG 3.3.1). */
/**
 * The form's problems at its top, each linked to its field (WCAG 3.3.1). `fieldId` maps a field to
 * the id of its control when a form does not use the `f-<name>` ids of `Field`; a field without a
 * visible control (undefined) is named without a link.
 */
export function ErrorSummary(props: { locale: Locale; message?: string; issues?: LocalisedIssue[]; fieldId?: (field: string) => string | undefined }) {
  const idOf = props.fieldId ?? ((field: string) => `f-${field}`);
  if (!props.message && !props.issues?.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="form-errors">
      {props.issues?.length ? (
        <p>
          <strong>{vm.errorsInForm[props.locale]}</strong> {props.message}
        </p>
      ) : (
        <p>{props.message}</p>
      )}
      {props.issues?.length ? (
        <ul>
          {props.issues.map((i) => (
            <li>
              {idOf(i.field) ? <a href={`#${idOf(i.field)}`}>{i.label}</a> : i.label}: {issueText(props.locale, i)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice(props: { text?: string }) {
  return props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null;
}

/** The hint and error of a field, and the aria attributes that tie them to it. */
function describe(name: string, hint: string | undefined, issues: LocalisedIssue[] | undefined) {
  const id = `f-${name}`;
  const issue = issues?.find((i) => i.field === name);
  const describedBy = [hint ? `${id}-hint` : '', issue ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return {
    id,
    attrs: { 'aria-invalid': issue ? ('true' as const) : undefined, 'aria-describedby': describedBy },
    hint: hint ? (
      <span class="hint" id={`${id}-hint`}>
        {hint}
      </span>
    ) : null,
    error: issue ? (
      <span class="field-error" id={`${id}-error`}>
        {issue.message}
      </span>
    ) : null,
  };
}

export interface FieldProps {
  label: string;
  name: string;
  value?: string | null;
  type?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  /** The phone keyboard to show (e.g. "decimal" for an amount). */
  inputmode?: 'text' | 'decimal' | 'numeric' | 'tel' | 'email';
  /** Phones: "characters" for codes typed from a card; "off" for names and words as typed. */
  autocapitalize?: 'off' | 'characters' | 'words' | 'sentences';
  spellcheck?: boolean;
  max?: number;
  issues?: LocalisedIssue[];
}

/** A labelled input with its hint and error. */
export function Field(props: FieldProps) {
  const d = describe(props.name, props.hint, props.issues);
  return (
    <p class="field">
      <label for={d.id}>{props.label}</label>
      {d.hint}
      <input
        id={d.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        autocapitalize={props.autocapitalize}
        spellcheck={props.spellcheck}
        maxlength={props.max}
        {...d.attrs}
      />
      {d.error}
    </p>
  );
}

/**
 * A labelled textarea with its hint and error, tied as Field ties them. A problem on a line of the
 * text (a caption file, a pasted list) names the line after its message.
 */
export function TextAreaField(props: { label: string; name: string; value?: string | null; hint?: string; rows?: number; issues?: LocalisedIssue[] }) {
  const d = describe(props.name, props.hint, props.issues);
  const issue = props.issues?.find((i) => i.field === props.name);
  return (
    <p class="field">
      <label for={d.id}>{props.label}</label>
      {d.hint}
      <textarea id={d.id} name={props.name} rows={props.rows ?? 4} {...d.attrs}>
        {props.value ?? ''}
      </textarea>
      {issue ? (
        <span class="field-error" id={`${d.id}-error`}>
          {issue.message}
          {issue.line !== undefined ? ` (${issue.line})` : ''}
        </span>
      ) : null}
    </p>
  );
}

export function SelectField(props: {
  label: string;
  name: string;
  value?: string | null;
  options: { value: string; label: string }[];
  includeEmpty?: string;
  hint?: string;
  issues?: LocalisedIssue[];
}) {
  const d = describe(props.name, props.hint, props.issues);
  return (
    <p class="field">
      <label for={d.id}>{props.label}</label>
      {d.hint}
      <select id={d.id} name={props.name} {...d.attrs}>
        {props.includeEmpty !== undefined ? <option value="">{props.includeEmpty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {d.error}
    </p>
  );
}
