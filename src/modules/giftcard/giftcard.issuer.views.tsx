import { formatDate, formatDateTime, timeZoneFor } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { Field, PostForm, RowAction, SelectField } from '../../shared/views/form.js';
import { printCode } from './giftcard.code.js';
import { msg } from './giftcard.messages.js';
import type { ProgrammeDto, ShopDto } from './giftcard.schemas.js';
import type { SettlementDto, SettlementLine } from './giftcard.settlement.js';
import { GiftcardLayout, money, PrintedCard, programmeFacts, programmeTitle, type PageBase, type PageError } from './giftcard.views.js';

const field =
  (_l: Locale, error: PageError | undefined, values: Record<string, string> | undefined) =>
  (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={name} value={values?.[name]} issues={error?.issues} {...extra} />
  );

export function ProgrammeListPage(
  props: PageBase & {
    programmes: ProgrammeDto[];
    adminOrgs: { id: number; name: string }[];
    error?: PageError;
    values?: Record<string, string>;
    orgId?: number;
  },
) {
  const l = props.locale;
  const f = field(l, props.error, props.values);
  return (
    <GiftcardLayout {...props} title={msg.programmes[l]} error={props.error}>
      <h1>{msg.programmes[l]}</h1>
      <DataTable
        label={msg.programmes[l]}
        headers={[msg.name[l], msg.town[l], msg.currency[l]]}
        empty={{ isEmpty: props.programmes.length === 0, text: msg.none[l] }}
      >
        {props.programmes.map((p) => (
          <tr>
            <td>
              <a href={`/giftcard/programmes/${p.id}?lang=${l}`}>{programmeTitle(p, l)}</a>
            </td>
            <td>{p.town}</td>
            <td>{p.currency}</td>
          </tr>
        ))}
      </DataTable>
      {props.adminOrgs.map((o) => (
        <section aria-label={`${msg.newProgramme[l]} – ${o.name}`}>
          <h2>{`${msg.newProgramme[l]} – ${o.name}`}</h2>
          <PostForm action={`/giftcard/organisations/${o.id}/programmes`} csrf={props.csrf} label={`${msg.newProgramme[l]} – ${o.name}`}>
            {f('name', msg.name[l], { required: true })}
            {f('town', msg.town[l], { required: true })}
            <SelectField
              label={msg.country[l]}
              name="country"
              value={props.values?.country}
              options={['NO', 'SE', 'FI'].map((c) => ({ value: c, label: c }))}
              issues={props.error?.issues}
            />
            <SelectField
              label={msg.currency[l]}
              name="currency"
              value={props.values?.currency}
              options={['NOK', 'SEK', 'EUR'].map((c) => ({ value: c, label: c }))}
              issues={props.error?.issues}
            />
            {f('values', msg.values[l], { required: true, hint: '250 500 1000' })}
            {f('validity_months', msg.validityMonths[l], { hint: msg.validityHint[l] })}
            {f('fee_percent', msg.feePercent[l])}
            {f('fee_fixed', msg.feeFixed[l])}
            <SelectField
              label={msg.settlementPeriod[l]}
              name="settlement_period"
              value={props.values?.settlement_period ?? 'month'}
              options={[
                { value: 'month', label: msg.month[l] },
                { value: 'week', label: msg.week[l] },
              ]}
              issues={props.error?.issues}
            />
            {f('issuer_iban', msg.issuerIban[l], { required: true })}
            {f('issuer_bic', msg.issuerBic[l])}
            <button type="submit">{msg.create[l]}</button>
          </PostForm>
        </section>
      ))}
    </GiftcardLayout>
  );
}

export interface ProgrammePageProps extends PageBase {
  programme: ProgrammeDto;
  validityMonths: number;
  shops: ShopDto[];
  members: { id: number; name: string }[];
  batches: { id: number; buyer: string; count: number; valueMinor: number; paymentReference: string; createdAt: Date }[];
  settlements: SettlementDto[];
  canManage: boolean;
  canSell: boolean;
  canSettle: boolean;
  defaultPeriodDay: string;
  notice?: string;
  error?: PageError;
  values?: Record<string, string>;
}

export function ProgrammePage(props: ProgrammePageProps) {
  const l = props.locale;
  const p = props.programme;
  const base = `/giftcard/programmes/${p.id}`;
  const f = field(l, props.error, props.values);
  const zone = timeZoneFor(l, p.country);
  return (
    <GiftcardLayout {...props} title={programmeTitle(p, l)} notice={props.notice} error={props.error}>
      <h1>{programmeTitle(p, l)}</h1>
      <p>
        {p.town} · {p.allowedValuesMinor.map((v) => money(v, p.currency, l)).join(' / ')}
      </p>
      <p>{programmeFacts(p, props.validityMonths, l)}</p>
      <p>
        <a href={`${base}/reports?lang=${l}`}>{msg.reports[l]}</a>
      </p>
      <h2>{msg.memberShops[l]}</h2>
      <DataTable
        label={msg.memberShops[l]}
        headers={[msg.shop[l], msg.joinedOn[l], msg.leftOn[l], props.canManage ? msg.actions[l] : null]}
        empty={{ isEmpty: props.shops.length === 0, text: msg.none[l] }}
      >
        {props.shops.map((s) => (
          <tr>
            <td>{s.name}</td>
            <td>{s.joinedOn}</td>
            <td>{s.leftOn ?? ''}</td>
            {props.canManage ? (
              <td>
                {s.leftOn ? null : (
                  <RowAction action={`${base}/shops/${s.id}/leave`} csrf={props.csrf} label={`${msg.endMembership[l]} ${s.name}`} button={msg.endMembership[l]}>
                    <label for={`left-${s.id}`}>{msg.leftOn[l]}</label>
                    <input id={`left-${s.id}`} name="left_on" type="date" required />
                  </RowAction>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      {props.canManage ? (
        <PostForm action={`${base}/shops`} csrf={props.csrf} label={msg.addShop[l]}>
          <h3>{msg.addShop[l]}</h3>
          <SelectField
            label={msg.firm[l]}
            name="firm_id"
            value={props.values?.firm_id}
            options={props.members.map((m) => ({ value: String(m.id), label: m.name }))}
            issues={props.error?.issues}
          />
          {f('establishment_id', msg.establishment[l])}
          {f('name', msg.name[l])}
          {f('iban', msg.iban[l], { required: true })}
          {f('bic', msg.bic[l])}
          {f('joined_on', msg.joinedOn[l], { type: 'date', required: true })}
          <button type="submit">{msg.addShop[l]}</button>
        </PostForm>
      ) : null}
      {props.canSell ? (
        <>
          <h2>{msg.sellCards[l]}</h2>
          <PostForm action={`${base}/batches`} csrf={props.csrf} label={msg.sellCards[l]}>
            {f('count', msg.count[l], { type: 'number', required: true })}
            <SelectField
              label={msg.value[l]}
              name="value"
              value={props.values?.value}
              options={p.allowedValuesMinor.map((v) => ({ value: (v / 100).toFixed(2), label: money(v, p.currency, l) }))}
              issues={props.error?.issues}
            />
            {f('buyer', msg.buyer[l], { required: true })}
            {f('payment_reference', msg.paymentReference[l], { required: true, hint: msg.paymentReferenceHint[l] })}
            <button type="submit">{msg.sell[l]}</button>
          </PostForm>
          <h2>{msg.batches[l]}</h2>
          <DataTable
            label={msg.batches[l]}
            headers={[msg.when[l], msg.buyer[l], { text: msg.count[l], class: 'num' }, { text: msg.value[l], class: 'num' }, msg.paymentReference[l]]}
            empty={{ isEmpty: props.batches.length === 0, text: msg.none[l] }}
          >
            {props.batches.map((b) => (
              <tr>
                <td>
                  <a href={`${base}/batches/${b.id}?lang=${l}`}>{formatDateTime(b.createdAt, l, zone)}</a>
                </td>
                <td>{b.buyer}</td>
                <td class="num">{b.count}</td>
                <td class="num">{money(b.valueMinor, p.currency, l)}</td>
                <td>{b.paymentReference}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      <h2>{msg.settlements[l]}</h2>
      <DataTable
        label={msg.settlements[l]}
        headers={[msg.period[l], { text: msg.payable[l], class: 'num' }, { text: msg.breakage[l], class: 'num' }]}
        empty={{ isEmpty: props.settlements.length === 0, text: msg.none[l] }}
      >
        {props.settlements.map((s) => (
          <tr>
            <td>
              <a href={`${base}/settlements/${s.id}?lang=${l}`}>{s.label}</a>
            </td>
            <td class="num">{money(s.totalMinor, p.currency, l)}</td>
            <td class="num">{money(s.breakageMinor, p.currency, l)}</td>
          </tr>
        ))}
      </DataTable>
      {props.canSettle ? (
        <PostForm action={`${base}/settlements`} csrf={props.csrf} label={msg.runSettlement[l]}>
          {f('period', msg.period[l], { type: 'date', required: true, value: props.values?.period ?? props.defaultPeriodDay })}
          <button type="submit">{msg.runSettlement[l]}</button>{' '}
          <button type="submit" name="now" value="1" class="secondary">
            {msg.settleNow[l]}
          </button>
        </PostForm>
      ) : null}
    </GiftcardLayout>
  );
}

export function BatchPage(
  props: PageBase & {
    programme: ProgrammeDto;
    batch: { id: number; buyer: string; count: number; valueMinor: number; paymentReference: string };
    cards: { id: number; code: string; expiresOn: string; svg: string }[];
  },
) {
  const l = props.locale;
  const p = props.programme;
  return (
    <GiftcardLayout {...props} title={`${msg.cards[l]} – ${props.batch.buyer}`}>
      <h1>{`${msg.cards[l]} – ${props.batch.buyer}`}</h1>
      <p>
        {props.batch.count} × {money(props.batch.valueMinor, p.currency, l)} · {msg.paymentReference[l]}: {props.batch.paymentReference}
      </p>
      <p>
        <a href={`/giftcard/programmes/${p.id}/batches/${props.batch.id}/codes.csv`}>{msg.downloadCsv[l]}</a>
      </p>
      <div class="giftcard-sheet">
        {props.cards.map((c) => (
          <PrintedCard programme={p} code={c.code} valueMinor={props.batch.valueMinor} expiresOn={c.expiresOn} svg={c.svg} locale={l} />
        ))}
      </div>
    </GiftcardLayout>
  );
}

export function CardPage(
  props: PageBase & { programme: ProgrammeDto; card: { code: string; initialValueMinor: number; balanceMinor: number; expiresOn: string }; svg: string },
) {
  const l = props.locale;
  return (
    <GiftcardLayout {...props} title={printCode(props.card.code)}>
      <h1>{printCode(props.card.code)}</h1>
      <p>
        {msg.balance[l]}: {money(props.card.balanceMinor, props.programme.currency, l)}
      </p>
      <PrintedCard
        programme={props.programme}
        code={props.card.code}
        valueMinor={props.card.initialValueMinor}
        expiresOn={props.card.expiresOn}
        svg={props.svg}
        locale={l}
      />
    </GiftcardLayout>
  );
}

export function SettlementPage(
  props: PageBase & { programme: ProgrammeDto; settlement: SettlementDto; lines: SettlementLine[]; canPay: boolean; notice?: string },
) {
  const l = props.locale;
  const p = props.programme;
  const s = props.settlement;
  const base = `/giftcard/programmes/${p.id}/settlements/${s.id}`;
  const zone = timeZoneFor(l, p.country);
  return (
    <GiftcardLayout {...props} title={`${msg.settlements[l]} ${s.label}`} notice={props.notice}>
      <h1>{`${msg.settlements[l]} ${s.label} – ${programmeTitle(p, l)}`}</h1>
      <p>
        {formatDate(s.periodStart, l, zone)} – {formatDate(new Date(s.periodEnd.getTime() - 1), l, zone)}
      </p>
      {/* What is paid comes right after the shop: on a phone it is on screen, the workings scroll. */}
      <DataTable
        label={msg.settlements[l]}
        headers={[msg.shop[l], ...[msg.payable, msg.redeemed, msg.reversed, msg.fees, msg.carried].map((m) => ({ text: m[l], class: 'num' }))]}
        empty={{ isEmpty: props.lines.length === 0, text: msg.none[l] }}
      >
        {props.lines.map((x) => (
          <tr>
            <td>
              <a href={`${base}/report.csv?shop=${x.shopId}`}>{x.name}</a>
            </td>
            {[x.payableMinor, x.redeemedMinor, x.reversedMinor, x.feesMinor, x.carriedMinor].map((v) => (
              <td class="num">{money(v, p.currency, l)}</td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p>
        {msg.total[l]}: <strong>{money(s.totalMinor, p.currency, l)}</strong> · {msg.breakage[l]}: {money(s.breakageMinor, p.currency, l)}
      </p>
      <ul>
        {props.canPay && s.totalMinor > 0 ? (
          <li>
            <a href={`${base}/pain001.xml`}>{msg.paymentFile[l]}</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/report.csv`}>{msg.shopReport[l]}</a>
        </li>
      </ul>
      <p class="hint">{msg.vatStatement[l]}</p>
    </GiftcardLayout>
  );
}

export interface ReportRow {
  month: string;
  shop: string;
  sold: number;
  redeemed: number;
  fees: number;
  breakage: number;
}

export function ReportsPage(
  props: PageBase & {
    programme: ProgrammeDto;
    rows: ReportRow[];
    totals: { sold: number; redeemed: number; fees: number; breakage: number; outstanding: number };
  },
) {
  const l = props.locale;
  const p = props.programme;
  const t = props.totals;
  return (
    <GiftcardLayout {...props} title={`${msg.reports[l]} – ${programmeTitle(p, l)}`}>
      <h1>{`${msg.reports[l]} – ${programmeTitle(p, l)}`}</h1>
      <dl class="giftcard-totals">
        <dt>{msg.sold[l]}</dt>
        <dd>{money(t.sold, p.currency, l)}</dd>
        <dt>{msg.redeemed[l]}</dt>
        <dd>{money(t.redeemed, p.currency, l)}</dd>
        <dt>{msg.outstanding[l]}</dt>
        <dd>{money(t.outstanding, p.currency, l)}</dd>
        <dt>{msg.fees[l]}</dt>
        <dd>{money(t.fees, p.currency, l)}</dd>
        <dt>{msg.breakage[l]}</dt>
        <dd>{money(t.breakage, p.currency, l)}</dd>
        <dt>{msg.stayedInTown[l]}</dt>
        <dd>{money(t.redeemed, p.currency, l)}</dd>
      </dl>
      <DataTable
        label={msg.reports[l]}
        headers={[msg.monthCol[l], msg.shop[l], ...[msg.sold, msg.redeemed, msg.fees, msg.breakage].map((m) => ({ text: m[l], class: 'num' }))]}
        empty={{ isEmpty: props.rows.length === 0, text: msg.none[l] }}
      >
        {props.rows.map((r) => (
          <tr>
            <td>{r.month}</td>
            <td>{r.shop}</td>
            {[r.sold, r.redeemed, r.fees, r.breakage].map((v) => (
              <td class="num">{money(v, p.currency, l)}</td>
            ))}
          </tr>
        ))}
      </DataTable>
      <p class="hint">{msg.vatStatement[l]}</p>
    </GiftcardLayout>
  );
}
