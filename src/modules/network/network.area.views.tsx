import { format, type Locale } from '../../shared/i18n/i18n.js';
import { msg } from './network.messages.js';
import { knownSharingScopes, type CoverageDto, type OrganisationDto, type SharingAgreementDto } from './network.schemas.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, PostForm, SelectField } from '../../shared/views/form.js';
import { codeLabel, EndPeriodForm, OrgPage, type FormError, type PageBase } from './network.views.js';

const period = (l: Locale, from: string, to: string | null) => `${from} – ${to ?? msg.openEnded[l]}`;
export const scopeLabel = codeLabel('scope');
export const coverageStatusLabel = codeLabel('coverage');

export function CoveragePage(
  props: PageBase & {
    org: OrganisationDto;
    on: string;
    today: string;
    current: CoverageDto[];
    history: CoverageDto[];
    municipalities: { code: string; name: string }[];
    canEdit: boolean;
    /** The organisation's admin (or the network admin) may take back its pending requests. */
    canWithdraw?: boolean;
    error?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}/coverage`;
  const showActions = props.canEdit || !!props.canWithdraw;
  return (
    <OrgPage {...props} title={msg.coverage[l]} current="coverage">
      <form method="get" action={base} class="inline-form">
        <Field label={msg.showOnDate[l]} name="on" type="date" value={props.on} />
        <button type="submit">{msg.filter[l]}</button>
      </form>
      <h2>{format(msg.coverageOnDate[l], { date: props.on })}</h2>
      {props.current.length ? (
        <ul>
          {props.current.map((c) => (
            <li>
              {c.municipalityName} ({c.municipalityCode})
            </li>
          ))}
        </ul>
      ) : (
        <p>{msg.noCoverage[l]}</p>
      )}
      <h2>{msg.coverageHistory[l]}</h2>
      <DataTable
        label={msg.coverageHistory[l]}
        headers={[msg.municipality[l], msg.validFrom[l], msg.validTo[l], msg.status[l], showActions ? msg.actions[l] : null]}
      >
        {props.history.map((c) => (
          <tr>
            <td>
              {c.municipalityName} ({c.municipalityCode})
            </td>
            <td>{c.validFrom}</td>
            <td>{c.validTo ?? msg.openEnded[l]}</td>
            <td>{c.status === 'pending' ? <a href="/network/coverage-requests">{coverageStatusLabel(l, c.status)}</a> : coverageStatusLabel(l, c.status)}</td>
            {showActions ? (
              <td>
                {props.canEdit && c.validTo === null && c.status === 'approved' ? (
                  <EndPeriodForm locale={l} action={`${base}/${c.id}/end`} csrf={props.csrf} id={c.id} what={c.municipalityName} today={props.today} />
                ) : null}
                {props.canWithdraw && c.status === 'pending' ? (
                  <PostForm
                    action={`${base}/${c.id}/withdraw`}
                    csrf={props.csrf}
                    class="inline-form"
                    label={format(msg.withdrawCoverageRequest[l], { municipality: c.municipalityName })}
                  >
                    <button type="submit">{msg.withdraw[l]}</button>
                  </PostForm>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {props.canEdit ? (
        <section aria-labelledby="add-municipality">
          <h2 id="add-municipality">{msg.addMunicipality[l]}</h2>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
          <PostForm action={base} csrf={props.csrf}>
            <SelectField
              issues={props.error?.issues}
              label={msg.municipality[l]}
              name="municipality"
              options={props.municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))}
            />
            <Field issues={props.error?.issues} label={msg.validFrom[l]} name="valid_from" type="date" value={props.today} required />
            <Field issues={props.error?.issues} label={`${msg.validTo[l]} ${msg.optional[l]}`} name="valid_to" type="date" />
            <button type="submit">{msg.add[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </OrgPage>
  );
}

export function SharingPage(
  props: PageBase & {
    org: OrganisationDto;
    agreements: SharingAgreementDto[];
    partners: OrganisationDto[];
    today: string;
    canEdit: boolean;
    error?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}/sharing`;
  return (
    <OrgPage {...props} title={msg.sharing[l]} current="sharing">
      {props.agreements.length === 0 ? (
        <p>{msg.noAgreements[l]}</p>
      ) : (
        <DataTable
          label={msg.sharing[l]}
          headers={[msg.from[l], msg.to[l], msg.scope[l], msg.validFrom[l], msg.note[l], props.canEdit ? msg.actions[l] : null]}
        >
          {props.agreements.map((a) => (
            <tr>
              <td>{a.from.name}</td>
              <td>{a.to.name}</td>
              <td>{scopeLabel(l, a.scope)}</td>
              <td>{period(l, a.validFrom, a.validTo)}</td>
              <td>{a.note ?? ''}</td>
              {props.canEdit ? (
                <td>
                  {a.from.id === props.org.id && (a.validTo === null || a.validTo >= props.today) ? (
                    <EndPeriodForm locale={l} action={`${base}/${a.id}/end`} csrf={props.csrf} id={a.id} what={a.to.name} today={props.today} />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {props.canEdit ? (
        <section aria-labelledby="new-agreement">
          <h2 id="new-agreement">{msg.newAgreement[l]}</h2>
          <p>{msg.agreementHint[l]}</p>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
          <PostForm action={base} csrf={props.csrf}>
            <SelectField
              issues={props.error?.issues}
              label={msg.sharesWith[l]}
              name="to_organisation_id"
              options={props.partners.filter((p) => p.id !== props.org.id).map((p) => ({ value: String(p.id), label: p.name }))}
            />
            <SelectField
              issues={props.error?.issues}
              label={msg.scope[l]}
              name="scope"
              options={knownSharingScopes.map((s) => ({ value: s, label: scopeLabel(l, s) }))}
            />
            <Field issues={props.error?.issues} label={msg.validFrom[l]} name="valid_from" type="date" value={props.today} required />
            <Field issues={props.error?.issues} label={`${msg.validTo[l]} ${msg.optional[l]}`} name="valid_to" type="date" />
            <Field issues={props.error?.issues} label={`${msg.note[l]} ${msg.optional[l]}`} name="note" max={500} />
            <button type="submit">{msg.create[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </OrgPage>
  );
}
