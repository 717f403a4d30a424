import { format } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, Notice, PostForm } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './navigator.messages.js';
import type { OfferRow } from './navigator.service.js';
import { dayLabel, demoMark, type FormProblem, kindLabel, navigatorHead, offerHref, type PageBase } from './navigator.views.js';

export interface AdminPageProps extends PageBase {
  offers: OfferRow[];
  canImport: boolean;
  canManageContacts: boolean;
  contacts: { provider: string; name: string }[];
  providers: string[];
  notice?: string;
  importError?: FormProblem;
  contactError?: FormProblem;
  values?: Record<string, string>;
}

/** Offers this person maintains; for the network admin also the import and the providers' contact people. */
export function AdminPage(props: AdminPageProps) {
  const l = props.locale;
  const v = props.values ?? {};
  return (
    <Layout locale={l} title={msg.adminTitle[l]} currentUrl={props.currentUrl} head={navigatorHead}>
      <h1>{msg.adminTitle[l]}</h1>
      <Notice text={props.notice} />
      <p>
        <a href="/navigator/offers.json">{msg.downloadJson[l]}</a> · <a href="/navigator/offers.csv">{msg.downloadCsv[l]}</a>
      </p>
      <DataTable
        label={msg.adminTitle[l]}
        headers={[msg.nameLocal[l], msg.provider[l], msg.kind[l], msg.checked[l], msg.origin[l], msg.version[l], null]}
        empty={{ isEmpty: props.offers.length === 0, text: msg.noneHere[l] }}
      >
        {props.offers.map((o) => (
          <tr>
            <td>
              <a href={offerHref(o.key, l)}>{o.record.name}</a>
              {demoMark(o.isDemo, o.record.name, l)}
            </td>
            <td>{o.record.provider}</td>
            <td>{kindLabel(l, o.record.kind)}</td>
            <td>{o.record.checked ? dayLabel(o.record.checked, l) : msg.notSeen[l]}</td>
            <td>{o.origin === 'data_file' ? msg.origin_data_file[l] : msg.origin_admin[l]}</td>
            <td class="num">{o.version}</td>
            <td>
              <a href={`/navigator/admin/offers/${o.key}?lang=${l}`} aria-label={`${msg.edit[l]}: ${o.record.name}`}>
                {msg.edit[l]}
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
      {props.canImport ? (
        <section>
          <h2>{msg.importTitle[l]}</h2>
          <ErrorSummary locale={l} message={props.importError?.message} issues={props.importError?.issues} />
          <PostForm action="/navigator/admin/import" csrf={props.csrf} upload label={msg.importTitle[l]}>
            <p class="field">
              <label for="f-file">{msg.importFile[l]}</label>
              <input id="f-file" name="file" type="file" accept=".json,.csv,application/json,text/csv" required />
            </p>
            <button type="submit">{msg.importTitle[l]}</button>
          </PostForm>
        </section>
      ) : null}
      {props.canManageContacts ? (
        <section>
          <h2>{msg.contactsTitle[l]}</h2>
          <DataTable
            label={msg.contactsTitle[l]}
            headers={[msg.provider[l], msg.email[l]]}
            empty={{ isEmpty: props.contacts.length === 0, text: msg.noneHere[l] }}
          >
            {props.contacts.map((c) => (
              <tr>
                <td>{c.provider}</td>
                <td>{c.name}</td>
              </tr>
            ))}
          </DataTable>
          <ErrorSummary locale={l} message={props.contactError?.message} issues={props.contactError?.issues} />
          <PostForm action="/navigator/admin/contacts" csrf={props.csrf} label={msg.addContact[l]}>
            <p class="field">
              <label for="f-provider">{msg.provider[l]}</label>
              <select id="f-provider" name="provider">
                {props.providers.map((p) => (
                  <option value={p} selected={p === v.provider}>
                    {p}
                  </option>
                ))}
              </select>
            </p>
            <Field label={msg.contactEmail[l]} name="email" type="email" value={v.email} required issues={props.contactError?.issues} />
            <button type="submit">{msg.addContact[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

function TextArea(props: { label: string; name: string; value: string | null | undefined; issues?: FormProblem['issues'] }) {
  const issue = props.issues?.find((i) => i.field === props.name);
  return (
    <p class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <textarea
        id={`f-${props.name}`}
        name={props.name}
        rows={4}
        aria-invalid={issue ? 'true' : undefined}
        aria-describedby={issue ? `f-${props.name}-error` : undefined}
      >
        {props.value ?? ''}
      </textarea>
      {issue ? (
        <span class="field-error" id={`f-${props.name}-error`}>
          {issue.message}
        </span>
      ) : null}
    </p>
  );
}

function Check(props: { label: string; name: string; checked: boolean }) {
  return (
    <p class="field checkbox">
      <input id={`f-${props.name}`} name={props.name} type="checkbox" checked={props.checked} />
      <label for={`f-${props.name}`}>{props.label}</label>
    </p>
  );
}

export function EditOfferPage(props: PageBase & { offer: OfferRow; error?: FormProblem; values?: Record<string, string> }) {
  const l = props.locale;
  const r = props.offer.record;
  const v = props.values;
  const issues = props.error?.issues;
  const area = r.match.area ? [...r.match.area.countries, ...r.match.area.counties, ...r.match.area.municipalities].join(', ') : '';
  const pick = (name: string, fallback: string | number | null | undefined) =>
    v ? (v[name] ?? '') : fallback === null || fallback === undefined ? '' : String(fallback);
  const title = format(msg.editOffer[l], { name: r.name });
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={navigatorHead}>
      <p class="breadcrumb">
        <a href={`/navigator/admin?lang=${l}`}>{msg.adminTitle[l]}</a>
      </p>
      <h1>{title}</h1>
      {props.offer.origin === 'data_file' ? <p class="caution">{msg.fileWins[l]}</p> : null}
      <ErrorSummary locale={l} message={props.error?.message} issues={issues} />
      <PostForm action={`/navigator/admin/offers/${props.offer.key}`} csrf={props.csrf} label={title}>
        <input type="hidden" name="version" value={String(props.offer.version)} />
        <Field label={msg.nameLocal[l]} name="name" value={pick('name', r.name)} required issues={issues} max={300} />
        <Field label={msg.nameEn[l]} name="name_en" value={pick('name_en', r.name_en)} issues={issues} max={300} />
        <TextArea label={msg.descriptionLocal[l]} name="description_local" value={pick('description_local', r.description_local)} issues={issues} />
        <TextArea label={msg.descriptionEn[l]} name="description" value={pick('description', r.description)} issues={issues} />
        <Field label={msg.url[l]} name="url" type="url" value={pick('url', r.url)} issues={issues} max={500} />
        <Field label={msg.areaCodes[l]} name="area_codes" value={pick('area_codes', area)} issues={issues} />
        <Field label={msg.naceIncluded[l]} name="nace_included" value={pick('nace_included', r.match.nace_included.join(', '))} issues={issues} />
        <Field label={msg.naceExcluded[l]} name="nace_excluded" value={pick('nace_excluded', r.match.nace_excluded.join(', '))} issues={issues} />
        <Field label={msg.employeesMin[l]} name="employees_min" value={pick('employees_min', r.size_bounds?.employees_min)} issues={issues} max={8} />
        <Field label={msg.employeesMax[l]} name="employees_max" value={pick('employees_max', r.size_bounds?.employees_max)} issues={issues} max={8} />
        <Field label={msg.amountMax[l]} name="amount_max" value={pick('amount_max', r.amount_max)} issues={issues} max={16} />
        <Field label={msg.deadlineDate[l]} name="deadline_date" type="date" value={pick('deadline_date', r.match.deadline_date)} issues={issues} />
        <Check label={msg.openAllYear[l]} name="open_all_year" checked={v ? v.open_all_year === 'on' : r.match.open_all_year} />
        <Check label={msg.noLongerOffered[l]} name="no_longer_offered" checked={v ? v.no_longer_offered === 'on' : r.match.no_longer_offered} />
        <Field label={msg.checked[l]} name="checked" type="date" value={pick('checked', r.checked)} required issues={issues} />
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
    </Layout>
  );
}
