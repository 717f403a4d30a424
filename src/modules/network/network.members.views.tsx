import type { LocalisedIssue } from '../../shared/errors.js';
import { formatCount, formatDateTime, formatMoney, timeZoneFor } from '../../shared/i18n/format.js';
import { publicFirmPath } from '../directory/directory.service.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { msg } from './network.messages.js';
import {
  currencies,
  formatMinor,
  membershipStatuses,
  type MemberFilter,
  type MembershipDto,
  type MembershipOfferDto,
  type MembershipVersionDto,
  type OrganisationDto,
} from './network.schemas.js';
import { PendingOffersList } from './network.requests.views.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, PostForm, SelectField } from '../../shared/views/form.js';
import { codeLabel, OrgPage, type FormError, type PageBase } from './network.views.js';

export const statusLabel = codeLabel('status');

/** Minor units back into the form's text ("1500.50"). */
const feeText = (minor: number | null) => (minor === null ? '' : formatMinor(minor, null));

function MembershipFields(props: { locale: Locale; values?: Partial<MembershipDto>; today: string; issues?: LocalisedIssue[] }) {
  const l = props.locale;
  const v = props.values ?? {};
  return (
    <>
      <Field issues={props.issues} label={msg.tier[l]} name="tier" value={v.tier} required max={60} />
      <SelectField
        issues={props.issues}
        label={msg.status[l]}
        name="status"
        value={v.status ?? 'active'}
        options={membershipStatuses.map((s) => ({ value: s, label: statusLabel(l, s) }))}
      />
      <Field issues={props.issues} label={msg.validFrom[l]} name="valid_from" type="date" value={v.validFrom ?? props.today} required />
      <Field issues={props.issues} label={`${msg.validTo[l]} ${msg.optional[l]}`} name="valid_to" type="date" value={v.validTo} />
      <Field issues={props.issues} label={`${msg.fee[l]} ${msg.optional[l]}`} name="fee" value={feeText(v.feeMinor ?? null)} hint={msg.feeHint[l]} />
      <SelectField
        issues={props.issues}
        label={msg.currency[l]}
        name="currency"
        value={v.currency}
        includeEmpty="—"
        options={currencies.map((c) => ({ value: c, label: c }))}
      />
    </>
  );
}

export function MembersPage(
  props: PageBase & {
    org: OrganisationDto;
    members: MembershipDto[];
    filter: MemberFilter;
    tiers: string[];
    municipalities: { code: string; name: string }[];
    today: string;
    canEdit: boolean;
    error?: FormError;
    values?: Partial<MembershipDto> & { orgnr?: string };
    notice?: string;
    /** Offers to firms outside the coverage, not yet answered by the firm. */
    offers?: MembershipOfferDto[];
    /** The organisation's admin (or the network admin) may take back unanswered offers. */
    canWithdrawOffers?: boolean;
  },
) {
  const l = props.locale;
  const base = `/network/organisations/${props.org.id}/members`;
  const query = new URLSearchParams(Object.entries(props.filter).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <OrgPage {...props} title={msg.members[l]} current="members">
      <form method="get" action={base} class="filter-form" aria-label={msg.filter[l]}>
        <SelectField
          label={msg.status[l]}
          name="status"
          value={props.filter.status}
          includeEmpty={msg.any[l]}
          options={membershipStatuses.map((s) => ({ value: s, label: statusLabel(l, s) }))}
        />
        <SelectField
          label={msg.tier[l]}
          name="tier"
          value={props.filter.tier}
          includeEmpty={msg.any[l]}
          options={props.tiers.map((t) => ({ value: t, label: t }))}
        />
        <SelectField
          label={msg.municipality[l]}
          name="municipality"
          value={props.filter.municipality}
          includeEmpty={msg.any[l]}
          options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
        />
        <Field label={msg.validOn[l]} name="on" type="date" value={props.filter.on} />
        <button type="submit">{msg.filter[l]}</button>
      </form>
      <p>
        {formatCount(props.members.length, l, { one: msg.membershipsOne, other: msg.membersCount })} ·{' '}
        <a href={`${base}.csv${query ? `?${query}` : ''}`} download>
          {msg.downloadCsv[l]}
        </a>
      </p>
      {props.members.length === 0 ? (
        <p>{msg.noMembers[l]}</p>
      ) : (
        <DataTable
          label={msg.members[l]}
          headers={[msg.firm[l], msg.orgnr[l], msg.municipality[l], msg.tier[l], msg.status[l], msg.validFrom[l], msg.validTo[l], msg.fee[l]]}
        >
          {props.members.map((m) => (
            <tr>
              <td>
                <a href={`${base}/${m.id}`}>{m.firm.name}</a>
              </td>
              <td>{m.firm.orgnr}</td>
              <td>{m.firm.municipalityName ?? ''}</td>
              <td>{m.tier}</td>
              <td>{statusLabel(l, m.status)}</td>
              <td>{m.validFrom}</td>
              <td>{m.validTo ?? msg.openEnded[l]}</td>
              <td>{formatMoney(m.feeMinor, m.currency, l)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <PendingOffersList
        locale={l}
        offers={props.offers ?? []}
        withdraw={props.canWithdrawOffers ? { action: (id) => `/network/organisations/${props.org.id}/offers/${id}/withdraw`, csrf: props.csrf } : undefined}
      />
      {props.canEdit ? (
        <section aria-labelledby="add-member">
          <h2 id="add-member">{msg.addMember[l]}</h2>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
          <PostForm action={base} csrf={props.csrf}>
            <Field issues={props.error?.issues} label={msg.orgnr[l]} name="orgnr" value={props.values?.orgnr} required max={15} />
            <MembershipFields locale={l} today={props.today} values={props.values} issues={props.error?.issues} />
            <button type="submit">{msg.add[l]}</button>
          </PostForm>
        </section>
      ) : null}
    </OrgPage>
  );
}

export function MembershipPage(
  props: PageBase & {
    org: OrganisationDto;
    membership: MembershipDto;
    versions: MembershipVersionDto[];
    actorNames: Map<number, string>;
    today: string;
    canEdit: boolean;
    error?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const m = props.membership;
  const action = `/network/organisations/${props.org.id}/members/${m.id}`;
  return (
    <OrgPage {...props} title={`${msg.membership[l]}: ${m.firm.name}`} current="members">
      <dl class="facts">
        <dt>{msg.firm[l]}</dt>
        <dd>
          <a href={publicFirmPath(m.firm.id)}>{m.firm.name}</a> ({m.firm.orgnr})
        </dd>
        <dt>{msg.status[l]}</dt>
        <dd>{statusLabel(l, m.status)}</dd>
      </dl>
      {props.canEdit ? (
        <section aria-labelledby="edit-membership">
          <h2 id="edit-membership">{msg.editMembership[l]}</h2>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
          <PostForm action={action} csrf={props.csrf}>
            <MembershipFields locale={l} today={props.today} values={m} issues={props.error?.issues} />
            <button type="submit">{msg.save[l]}</button>
          </PostForm>
        </section>
      ) : null}
      <h2>{msg.membershipHistory[l]}</h2>
      <DataTable
        label={msg.membershipHistory[l]}
        headers={[msg.version[l], msg.tier[l], msg.status[l], msg.validFrom[l], msg.validTo[l], msg.fee[l], msg.changedAt[l], msg.changedBy[l]]}
      >
        {props.versions.map((v) => (
          <tr>
            <td>{v.version}</td>
            <td>{v.tier}</td>
            <td>{statusLabel(l, v.status)}</td>
            <td>{v.validFrom}</td>
            <td>{v.validTo ?? msg.openEnded[l]}</td>
            <td>{formatMoney(v.feeMinor, v.currency, l)}</td>
            <td>
              <time datetime={v.changedAt}>{formatDateTime(v.changedAt, l, timeZoneFor(l, props.org.country))}</time>
            </td>
            <td>{v.changedBy === null ? '—' : (props.actorNames.get(v.changedBy) ?? `#${v.changedBy}`)}</td>
          </tr>
        ))}
      </DataTable>
    </OrgPage>
  );
}
