import type { LocalisedIssue } from '../../shared/errors.js';
import { formatCount } from '../../shared/i18n/format.js';
import type { Child } from 'hono/jsx';
import type { FormError as SharedFormError } from '../../shared/http/forms.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { ErrorSummary, Field, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './network.messages.js';
import { countries, organisationTypes, type OrganisationDto } from './network.schemas.js';

/** Every network and firm-profile page loads its stylesheet. */
export const networkHead = <link rel="stylesheet" href="/static/network.css" />;

/** The error a form page shows above the form again (already in the reader's language). */
export type FormError = Pick<SharedFormError, 'message' | 'issues'>;

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  /** Per-session CSRF token, put in every form. */
  csrf: string;
}

/** A network-wide queue (claims, coverage requests): the way back to the organisations, the title, a notice, an intro and the queue. */
export function NetworkQueuePage(props: PageBase & { title: string; intro: string; notice?: string; children?: Child }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={props.title} currentUrl={props.currentUrl} head={networkHead}>
      <p class="breadcrumb">
        <a href="/network">{msg.organisations[l]}</a>
      </p>
      <h1>{props.title}</h1>
      <Notice text={props.notice} />
      <p>{props.intro}</p>
      {props.children}
    </Layout>
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

export function OrganisationFields(props: { locale: Locale; values?: Partial<OrganisationDto>; canChangeCountry: boolean; issues?: LocalisedIssue[] }) {
  const l = props.locale;
  const v = props.values ?? {};
  return (
    <>
      <Field issues={props.issues} label={msg.name[l]} name="name" value={v.name} required max={200} autocomplete="organization" />
      <SelectField
        issues={props.issues}
        label={msg.type[l]}
        name="type"
        value={v.type}
        options={organisationTypes.map((t) => ({ value: t, label: typeLabel(l, t) }))}
      />
      {props.canChangeCountry ? (
        <SelectField
          issues={props.issues}
          label={msg.country[l]}
          name="country"
          value={v.country}
          options={countries.map((c) => ({ value: c, label: countryLabel(l, c) }))}
        />
      ) : (
        <input type="hidden" name="country" value={v.country ?? 'NO'} />
      )}
      <Field issues={props.issues} label={`${msg.email[l]} ${msg.optional[l]}`} name="email" type="email" value={v.email} autocomplete="email" />
      <Field issues={props.issues} label={`${msg.phone[l]} ${msg.optional[l]}`} name="phone" type="tel" value={v.phone} autocomplete="tel" />
      <Field issues={props.issues} label={`${msg.website[l]} ${msg.optional[l]}`} name="website" type="url" value={v.website} autocomplete="url" />
    </>
  );
}

export function OrganisationListPage(
  props: PageBase & { organisations: OrganisationDto[]; canCreate: boolean; error?: FormError; values?: Partial<OrganisationDto> },
) {
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
            <OrganisationFields locale={l} canChangeCountry values={props.values} issues={props.error?.issues} />
            <button type="submit">{msg.create[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

export function OrganisationDetailPage(
  props: PageBase & { org: OrganisationDto; coverageToday: { municipalityName: string }[]; memberCount: number; canEdit: boolean; notice?: string },
) {
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
        <dd>{formatCount(props.memberCount, l, { one: msg.membershipsOne, other: msg.membersCount })}</dd>
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

export function OrganisationEditPage(
  props: PageBase & { org: OrganisationDto; canChangeCountry: boolean; error?: FormError; values?: Partial<OrganisationDto>; notice?: string },
) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}`;
  return (
    <OrgPage {...props} title={msg.editOrganisation[l]} current="overview">
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <PostForm action={`${base}/edit`} csrf={props.csrf}>
        <OrganisationFields locale={l} canChangeCountry={props.canChangeCountry} values={props.values ?? props.org} issues={props.error?.issues} />
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
