import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../../shared/errors.js';
import { formatDate, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, Notice, PostForm, SelectField, TextAreaField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { templateOf, templates } from './reporting.catalogue.js';
import { msg } from './reporting.messages.js';
import type { getProject, recentFirmFacts, reportsHome } from './reporting.service.js';

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

/** The module's page shell: its own small style sheet (charts, print layout). */
export function ReportingLayout(props: PageBase & { title: string; children?: Child }) {
  return (
    <Layout locale={props.locale} title={props.title} currentUrl={props.currentUrl} head={<link rel="stylesheet" href="/static/reporting.css" />}>
      {props.children}
    </Layout>
  );
}

export const BackLink = (props: { locale: Locale }) => (
  <p class="no-print">
    <a href="/reports">{msg.back[props.locale]}</a>
  </p>
);

/** /reports: each organisation's reports (one link per template), the projects, the frozen reports. */
export function ReportsHomePage(props: PageBase & { home: Awaited<ReturnType<typeof reportsHome>> }) {
  const l = props.locale;
  const h = props.home;
  return (
    <ReportingLayout {...props} title={msg.reports[l]}>
      <h1>{msg.reports[l]}</h1>
      <p>{msg.reportsIntro[l]}</p>
      <h2>{msg.projects[l]}</h2>
      <DataTable
        label={msg.projects[l]}
        headers={[msg.projectName[l], msg.leadOrganisation[l], msg.period[l]]}
        empty={{ isEmpty: h.projects.length === 0, text: msg.noProjects[l] }}
      >
        {h.projects.map((p) => (
          <tr>
            <td>
              <a href={`/reports/projects/${p.id}`}>{p.name}</a>
            </td>
            <td>{p.lead}</td>
            <td>
              {formatDate(p.startsOn, l)} – {formatDate(p.endsOn, l)}
            </td>
          </tr>
        ))}
      </DataTable>
      {h.canCreateProject ? (
        <p>
          <a href="/reports/projects/new">{msg.newProject[l]}</a>
        </p>
      ) : null}
      <h2>{msg.organisationReports[l]}</h2>
      <DataTable
        label={msg.organisationReports[l]}
        headers={[msg.organisation[l], msg.template[l]]}
        empty={{ isEmpty: h.organisations.length === 0, text: msg.noOrganisations[l] }}
      >
        {h.organisations.map((o) => (
          <tr>
            <td>{o.name}</td>
            <td>
              <ul class="inline-list">
                {templates.map((t) => (
                  <li>
                    <a href={`/reports/r/${o.scope}/${t.key}`} aria-label={`${t.name[l]}: ${o.name}`}>
                      {t.name[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{msg.frozenReports[l]}</h2>
      <DataTable
        label={msg.frozenReports[l]}
        headers={[msg.organisation[l], msg.template[l], msg.period[l], msg.dataVersion[l]]}
        empty={{ isEmpty: h.frozen.length === 0, text: msg.noFrozen[l] }}
      >
        {h.frozen.map((f) => (
          <tr>
            <td>
              <a href={`/reports/frozen/${f.id}`}>{f.subject}</a>
            </td>
            <td>{templateOf(f.template)?.name[l] ?? f.template}</td>
            <td>
              {formatDate(f.from, l)} – {formatDate(f.to, l)}
            </td>
            <td>
              <code>{f.version}</code>
            </td>
          </tr>
        ))}
      </DataTable>
      {h.canRecordFacts ? (
        <p>
          <a href="/reports/firm-facts">{msg.firmFacts[l]}</a>
        </p>
      ) : null}
    </ReportingLayout>
  );
}

export function ProjectFormPage(
  props: PageBase & {
    leads: { id: number; name: string }[];
    all: { id: number; name: string }[];
    values?: Record<string, string | string[]>;
    issues?: LocalisedIssue[];
    message?: string;
  },
) {
  const l = props.locale;
  const v = props.values ?? {};
  const one = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[])[0] : (v[k] as string | undefined)) ?? '';
  const chosen = new Set(Array.isArray(v.organisations) ? v.organisations : v.organisations ? [v.organisations] : []);
  return (
    <ReportingLayout {...props} title={msg.newProject[l]}>
      <BackLink locale={l} />
      <h1>{msg.newProject[l]}</h1>
      <ErrorSummary locale={l} message={props.message} issues={props.issues} />
      <PostForm action="/reports/projects" csrf={props.csrf}>
        <Field label={msg.projectName[l]} name="name" value={one('name')} required max={200} issues={props.issues} />
        <SelectField
          label={msg.leadOrganisation[l]}
          name="organisation"
          value={one('organisation')}
          options={props.leads.map((o) => ({ value: String(o.id), label: o.name }))}
          issues={props.issues}
        />
        <Field label={msg.startsOn[l]} name="starts_on" type="date" value={one('starts_on')} required issues={props.issues} />
        <Field label={msg.endsOn[l]} name="ends_on" type="date" value={one('ends_on')} required issues={props.issues} />
        <fieldset class="org-choices">
          <legend>{msg.organisations[l]}</legend>
          {props.all.map((o) => (
            <p class="choice">
              <input type="checkbox" id={`org-${o.id}`} name="organisations" value={String(o.id)} checked={chosen.has(String(o.id))} />
              <label for={`org-${o.id}`}>{o.name}</label>
            </p>
          ))}
        </fieldset>
        <TextAreaField label={msg.funders[l]} name="funders" value={one('funders')} hint={msg.funderLines[l]} rows={4} issues={props.issues} />
        <TextAreaField label={msg.description[l]} name="description" value={one('description')} rows={3} issues={props.issues} />
        <p>
          <button type="submit">{msg.create[l]}</button>
        </p>
      </PostForm>
    </ReportingLayout>
  );
}

const kindLabel = (k: string, l: Locale) => (k === 'case' ? msg.kindCase[l] : k === 'event' ? msg.kindEvent[l] : msg.kindCourse[l]);

export function ProjectPage(
  props: PageBase & { project: Awaited<ReturnType<typeof getProject>>; notice?: string; issues?: LocalisedIssue[]; message?: string },
) {
  const l = props.locale;
  const p = props.project;
  const period = p.scope.projectPeriod;
  const q = period ? `?from=${period.from}&to=${period.to}` : '';
  return (
    <ReportingLayout {...props} title={p.scope.name}>
      <BackLink locale={l} />
      <h1>{p.scope.name}</h1>
      <Notice text={props.notice} />
      <p>
        {msg.leadOrganisation[l]}: {p.lead}
        {period ? (
          <>
            {' · '}
            {msg.period[l]}: {formatDate(period.from, l)} – {formatDate(period.to, l)}
          </>
        ) : null}
      </p>
      <h2>{msg.organisations[l]}</h2>
      <ul>
        {p.organisations.map((o) => (
          <li>{o.name}</li>
        ))}
      </ul>
      <h2>{msg.funders[l]}</h2>
      <DataTable label={msg.funders[l]} headers={[msg.funder[l], msg.template[l], msg.budget[l], msg.reportsOfProject[l]]}>
        {p.funders.map((f) => (
          <tr>
            <td>{f.funderName}</td>
            <td>{templateOf(f.template)?.name[l] ?? f.template}</td>
            <td class="num">{formatMoney(f.budgetMinor, f.currency, l)}</td>
            <td>
              <a href={`/reports/r/${p.scope.key}/${f.template}${q}`} aria-label={`${msg.show[l]}: ${f.funderName}`}>
                {msg.show[l]}
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{msg.taggedActivities[l]}</h2>
      <p class="hint">{msg.taggedHelp[l]}</p>
      <DataTable label={msg.taggedActivities[l]} headers={[msg.kind[l], msg.name[l]]} empty={{ isEmpty: p.tags.length === 0, text: msg.noTagged[l] }}>
        {p.tags.map((t) => (
          <tr>
            <td>{kindLabel(t.kind, l)}</td>
            <td>{t.label}</td>
          </tr>
        ))}
      </DataTable>
      {p.canManage ? (
        <>
          <ErrorSummary locale={l} message={props.message} issues={props.issues} />
          <PostForm action={`/reports/projects/${p.scope.ref.id}/tags`} csrf={props.csrf} label={msg.tag[l]}>
            <SelectField
              label={msg.kind[l]}
              name="kind"
              options={['case', 'event', 'course'].map((k) => ({ value: k, label: kindLabel(k, l) }))}
              issues={props.issues}
            />
            <Field label={msg.refId[l]} name="ref" required issues={props.issues} />
            <p>
              <button type="submit">{msg.tag[l]}</button>
            </p>
          </PostForm>
        </>
      ) : null}
    </ReportingLayout>
  );
}

export function FirmFactsPage(
  props: PageBase & {
    recent: Awaited<ReturnType<typeof recentFirmFacts>>;
    values?: Record<string, string>;
    issues?: LocalisedIssue[];
    message?: string;
    notice?: string;
  },
) {
  const l = props.locale;
  const v = props.values ?? {};
  return (
    <ReportingLayout {...props} title={msg.firmFacts[l]}>
      <BackLink locale={l} />
      <h1>{msg.firmFacts[l]}</h1>
      <p>{msg.firmFactsIntro[l]}</p>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.message} issues={props.issues} />
      <PostForm action="/reports/firm-facts" csrf={props.csrf}>
        <SelectField
          label={msg.country[l]}
          name="country"
          value={v.country}
          options={['NO', 'SE', 'FI'].map((c) => ({ value: c, label: c }))}
          issues={props.issues}
        />
        <Field label={msg.nationalId[l]} name="national_id" value={v.national_id} required issues={props.issues} />
        <Field label={msg.observedOn[l]} name="observed_on" type="date" value={v.observed_on} required issues={props.issues} />
        <Field label={msg.employees[l]} name="employees" value={v.employees} issues={props.issues} />
        <Field label={msg.turnover[l]} name="turnover" value={v.turnover} issues={props.issues} />
        <Field label={msg.operatingResult[l]} name="operating_result" value={v.operating_result} issues={props.issues} />
        <Field label={msg.wageCosts[l]} name="wage_costs" value={v.wage_costs} issues={props.issues} />
        <Field label={msg.currency[l]} name="currency" value={v.currency} issues={props.issues} />
        <Field label={msg.leaders[l]} name="leaders" value={v.leaders} issues={props.issues} />
        <Field label={msg.womenLeaders[l]} name="women_leaders" value={v.women_leaders} issues={props.issues} />
        <p>
          <button type="submit">{msg.save[l]}</button>
        </p>
      </PostForm>
      <h2>{msg.recent[l]}</h2>
      <DataTable
        label={msg.recent[l]}
        headers={[
          msg.name[l],
          msg.observedOn[l],
          msg.employees[l],
          msg.turnover[l],
          msg.operatingResult[l],
          msg.wageCosts[l],
          msg.leaders[l],
          msg.womenLeaders[l],
        ]}
        empty={{ isEmpty: props.recent.length === 0, text: msg.noFacts[l] }}
      >
        {props.recent.map((r) => (
          <tr>
            <td>{r.firm ? `${r.firm.name} (${r.firm.nationalId})` : ''}</td>
            <td>{formatDate(r.observedOn, l)}</td>
            <td class="num">{r.employees === null ? '' : formatNumber(r.employees, l)}</td>
            <td class="num">{r.turnoverMinor === null ? '' : formatMoney(r.turnoverMinor, r.currency, l)}</td>
            <td class="num">{r.operatingResultMinor === null ? '' : formatMoney(r.operatingResultMinor, r.currency, l)}</td>
            <td class="num">{r.wageCostsMinor === null ? '' : formatMoney(r.wageCostsMinor, r.currency, l)}</td>
            <td class="num">{r.leaders ?? ''}</td>
            <td class="num">{r.womenLeaders ?? ''}</td>
          </tr>
        ))}
      </DataTable>
    </ReportingLayout>
  );
}
