import type { Child } from 'hono/jsx';
import { textIn, type FieldIssue } from '../../shared/errors.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { CsrfField } from '../../shared/views/csrf-field.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './network.messages.js';
import { countries, organisationTypes, type OrganisationDto } from './network.schemas.js';

/** Every network and firm-profile page loads its stylesheet. */
export const networkHead = <link rel="stylesheet" href="/static/network.css" />;

/** The error a form page shows above the form again. */
export type FormError = { message: string; issues: FieldIssue[] };

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  /** Per-session CSRF token, put in every form. */
  csrf: string;
}

/** The CSRF field of the current request (accounts' CsrfField); `token` only outside a request. */
export function CsrfInput(props: { token?: string }) {
  return <CsrfField token={props.token || undefined} />;
}

/** A POST form with the CSRF field; multipart when it uploads a file. */
export function PostForm(props: { action: string; csrf: string; children?: Child; class?: string; upload?: boolean; label?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} enctype={props.upload ? 'multipart/form-data' : undefined} aria-label={props.label}>
      <CsrfInput token={props.csrf} />
      {props.children}
    </form>
  );
}

export function ErrorSummary(props: { locale: Locale; message?: string; issues?: FieldIssue[] }) {
  if (!props.message && !props.issues?.length) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>
        <strong>{msg.errorsInForm[props.locale]}</strong> {props.message}
      </p>
      {props.issues?.length ? (
        <ul>
          {props.issues.map((i) => (
            <li>
              <a href={`#f-${i.field}`}>{i.label ? textIn(i.label, props.locale) : i.field}</a>: {textIn(i.message, props.locale, i.values)}
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

/** A labelled input; the id `f-<name>` lets the error summary link to it. */
export function Field(props: { label: string; name: string; value?: string | null; type?: string; required?: boolean; hint?: string; autocomplete?: string; max?: number }) {
  const id = `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.max}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
    </p>
  );
}

export function SelectField(props: { label: string; name: string; value?: string | null; options: { value: string; label: string }[]; includeEmpty?: string }) {
  const id = `f-${props.name}`;
  return (
    <p class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.includeEmpty !== undefined ? <option value="">{props.includeEmpty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
}

/**
 * A table with a header row; a `null` header (e.g. the actions column for readers) is left out.
 * On a narrow screen it scrolls sideways inside its own container, which keyboard users can
 * focus and scroll and screen readers announce by `label`.
 */
export function DataTable(props: { label: string; headers: (string | null)[]; children?: Child }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.label} tabindex={0}>
      <table class="data-table">
        <thead>
          <tr>
            {props.headers.map((h) => (h === null ? null : <th scope="col">{h}</th>))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** The small form in a table row that ends an open period (coverage, sharing agreement) on a date. */
export function EndPeriodForm(props: { locale: Locale; action: string; csrf: string; id: number; what: string; today: string }) {
  const l = props.locale;
  return (
    <PostForm action={props.action} csrf={props.csrf} class="inline-form" label={`${msg.endPeriod[l]}: ${props.what}`}>
      <label for={`end-${props.id}`}>{msg.endOn[l]}</label>
      <input id={`end-${props.id}`} name="valid_to" type="date" value={props.today} required />
      <button type="submit">{msg.endPeriod[l]}</button>
    </PostForm>
  );
}

/** The label of a code from the messages `<prefix>_<code>`; the code itself when there is none. */
export const codeLabel =
  (prefix: string) =>
  (l: Locale, code: string): string =>
    (msg as Record<string, Record<Locale, string>>)[`${prefix}_${code}`]?.[l] ?? code;

export const typeLabel = codeLabel('type');
export const countryLabel = codeLabel('country');

/** The frame of every organisation page: heading and the organisation's sub-navigation. */
export function OrgPage(props: PageBase & { org: OrganisationDto; title: string; current: string; children?: Child; notice?: string }) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}`;
  const links: [string, string][] = [
    ['overview', msg.overview[l]],
    ['coverage', msg.coverage[l]],
    ['staff', msg.staff[l]],
    ['members', msg.members[l]],
    ['sharing', msg.sharing[l]],
    ['audit', msg.audit[l]],
  ];
  return (
    <Layout locale={l} title={`${props.title} – ${props.org.name}`} currentUrl={props.currentUrl} head={networkHead}>
      <p class="breadcrumb">
        <a href="/network">{msg.organisations[l]}</a>
      </p>
      <h1>
        {props.org.name}
        {props.current !== 'overview' ? <span class="subtitle">: {props.title}</span> : null}
      </h1>
      <nav aria-label={msg.orgSections[l]} class="sub-nav">
        <ul>
          {links.map(([key, label]) => (
            <li>
              <a href={key === 'overview' ? base : `${base}/${key}`} aria-current={key === props.current ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Notice text={props.notice} />
      {props.children}
    </Layout>
  );
}

export function OrganisationFields(props: { locale: Locale; values?: Partial<OrganisationDto>; canChangeCountry: boolean }) {
  const l = props.locale;
  const v = props.values ?? {};
  return (
    <>
      <Field label={msg.name[l]} name="name" value={v.name} required max={200} autocomplete="organization" />
      <SelectField label={msg.type[l]} name="type" value={v.type} options={organisationTypes.map((t) => ({ value: t, label: typeLabel(l, t) }))} />
      {props.canChangeCountry ? (
        <SelectField label={msg.country[l]} name="country" value={v.country} options={countries.map((c) => ({ value: c, label: countryLabel(l, c) }))} />
      ) : (
        <input type="hidden" name="country" value={v.country ?? 'NO'} />
      )}
      <Field label={`${msg.email[l]} ${msg.optional[l]}`} name="email" type="email" value={v.email} autocomplete="email" />
      <Field label={`${msg.phone[l]} ${msg.optional[l]}`} name="phone" type="tel" value={v.phone} autocomplete="tel" />
      <Field label={`${msg.website[l]} ${msg.optional[l]}`} name="website" type="url" value={v.website} autocomplete="url" />
    </>
  );
}

export function OrganisationListPage(props: PageBase & { organisations: OrganisationDto[]; canCreate: boolean; error?: FormError; values?: Partial<OrganisationDto> }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={msg.organisations[l]} currentUrl={props.currentUrl} head={networkHead}>
      <h1>{props.canCreate ? msg.organisations[l] : msg.myOrganisations[l]}</h1>
      <ul class="link-list">
        <li>
          <a href="/network/claims">{msg.claims[l]}</a>
        </li>
        <li>
          <a href="/network/coverage-requests">{msg.coverageRequests[l]}</a>
        </li>
      </ul>
      {props.organisations.length === 0 ? (
        <p>{msg.noOrganisations[l]}</p>
      ) : (
        <ul class="card-list">
          {props.organisations.map((o) => (
            <li>
              <a href={`/network/organisations/${o.id}`}>{o.name}</a> – {typeLabel(l, o.type)}, {countryLabel(l, o.country)}
            </li>
          ))}
        </ul>
      )}
      {props.canCreate ? (
        <section aria-labelledby="new-org">
          <h2 id="new-org">{msg.newOrganisation[l]}</h2>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
          <PostForm action="/network/organisations" csrf={props.csrf}>
            <OrganisationFields locale={l} canChangeCountry values={props.values} />
            <button type="submit">{msg.create[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

export function OrganisationDetailPage(props: PageBase & { org: OrganisationDto; coverageToday: { municipalityName: string }[]; memberCount: number; canEdit: boolean; notice?: string }) {
  const l = props.locale;
  const o = props.org;
  return (
    <OrgPage {...props} title={msg.overview[l]} current="overview">
      {o.hasLogo ? <img class="org-logo" src={`/network/organisations/${o.id}/logo`} alt={format(msg.logoOf[l], { name: o.name })} /> : null}
      <dl class="facts">
        <dt>{msg.type[l]}</dt>
        <dd>{typeLabel(l, o.type)}</dd>
        <dt>{msg.country[l]}</dt>
        <dd>{countryLabel(l, o.country)}</dd>
        {o.email ? (
          <>
            <dt>{msg.email[l]}</dt>
            <dd>
              <a href={`mailto:${o.email}`}>{o.email}</a>
            </dd>
          </>
        ) : null}
        {o.phone ? (
          <>
            <dt>{msg.phone[l]}</dt>
            <dd>{o.phone}</dd>
          </>
        ) : null}
        {o.website ? (
          <>
            <dt>{msg.website[l]}</dt>
            <dd>
              <a href={o.website} rel="noopener nofollow">
                {o.website}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{format(msg.coverageOnDate[l], { date: '' }).trim()}</dt>
        <dd>{props.coverageToday.map((c) => c.municipalityName).join(', ') || '—'}</dd>
        <dt>{msg.members[l]}</dt>
        <dd>{format(msg.membersCount[l], { count: props.memberCount })}</dd>
      </dl>
      {props.canEdit ? (
        <p>
          <a class="button" href={`/network/organisations/${o.id}/edit`}>
            {msg.editOrganisation[l]}
          </a>
        </p>
      ) : null}
    </OrgPage>
  );
}

export function OrganisationEditPage(props: PageBase & { org: OrganisationDto; canChangeCountry: boolean; error?: FormError; values?: Partial<OrganisationDto>; notice?: string }) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}`;
  return (
    <OrgPage {...props} title={msg.editOrganisation[l]} current="overview">
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <PostForm action={`${base}/edit`} csrf={props.csrf}>
        <OrganisationFields locale={l} canChangeCountry={props.canChangeCountry} values={props.values ?? props.org} />
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
      <h2>{msg.logo[l]}</h2>
      {props.org.hasLogo ? <img class="org-logo" src={`${base}/logo`} alt={format(msg.logoOf[l], { name: props.org.name })} /> : null}
      <PostForm action={`${base}/logo`} csrf={props.csrf} upload>
        <p class="field">
          <label for="f-logo">{msg.uploadLogo[l]}</label>
          <span class="hint" id="f-logo-hint">
            {msg.imageHint[l]}
          </span>
          <input id="f-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" required aria-describedby="f-logo-hint" />
        </p>
        <button type="submit">{msg.uploadLogo[l]}</button>
      </PostForm>
    </OrgPage>
  );
}
