import { formatMoney } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, Field, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { Layout } from '../../shared/views/layout.js';
import { msg } from './navigator.messages.js';
import type { LedgerView, RankedOffer, ReferralWarning } from './navigator.service.js';
import { dayLabel, demoMark, type FormProblem, navigatorHead, type PageBase, RankedList } from './navigator.views.js';

const eur = (minor: number, l: Locale) => formatMoney(minor, 'EUR', l);

/** The room line(s) of a ledger: ceiling and period, received, room left (or why it is unknown). */
export function RoomSummary(props: { l: Locale; ledger: LedgerView }) {
  const { l, ledger } = props;
  const room = ledger.room;
  if (!room) return <p>{msg.noCeiling[l]}</p>;
  return (
    <div class="room">
      <p>
        {format(msg.ceilingLine[l], {
          ceiling: eur(room.ceiling.ceilingEurMinor, l),
          regulation: room.ceiling.regulation,
          from: dayLabel(room.window.from, l),
          to: dayLabel(room.window.to, l),
        })}
      </p>
      <p>{format(msg.usedLine[l], { used: eur(room.usedEurMinor, l) })}</p>
      {room.roomEurMinor === null ? (
        <p class="warning" role="status">
          {format(msg.roomUnknown[l], { n: room.missingRates })}
        </p>
      ) : (
        <p class="room-left">
          <strong>{format(msg.roomLine[l], { room: eur(room.roomEurMinor, l) })}</strong>
        </p>
      )}
    </div>
  );
}

function WarningLine(props: { l: Locale; warning?: ReferralWarning; ledger: LedgerView }) {
  const { l, warning } = props;
  if (!warning) return null;
  if (warning.amountEurMinor === null || warning.wouldExceed === null)
    return (
      <p class="warning" role="note">
        {msg.roomUnknownShort[l]}
      </p>
    );
  const amount = `${eur(warning.amountEurMinor, l)}${warning.rateDate ? ` (ECB ${dayLabel(warning.rateDate, l)})` : ''}`;
  return warning.wouldExceed ? (
    <p class="warning" role="note">
      {format(msg.wouldExceed[l], { amount, room: eur(props.ledger.room?.roomEurMinor ?? 0, l) })}
    </p>
  ) : (
    <p class="ok-note">{format(msg.withinRoom[l], { amount })}</p>
  );
}

export interface FirmPageProps extends PageBase {
  ledger: LedgerView;
  ranked: RankedOffer[];
  warnings: Map<string, ReferralWarning>;
  canWrite: boolean;
  canEnterRate: boolean;
  placeNote?: string;
  entryError?: FormProblem;
  rateError?: FormProblem;
  values?: Record<string, string>;
  notice?: string;
}

/** The staff firm page: the offers for the firm (with the de minimis warning) and its ledger with the room left. */
export function FirmPage(props: FirmPageProps) {
  const l = props.locale;
  const { ledger } = props;
  const v = props.values ?? {};
  const currency = ledger.firm.country === 'NO' ? 'NOK' : ledger.firm.country === 'SE' ? 'SEK' : 'EUR';
  const title = format(msg.firmPage[l], { name: ledger.firm.name });
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={navigatorHead}>
      <p class="breadcrumb">
        <a href={`/navigator?lang=${l}`}>{msg.navigator[l]}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <section aria-labelledby="de-minimis">
        <h2 id="de-minimis">{msg.deMinimis[l]}</h2>
        <RoomSummary l={l} ledger={ledger} />
        <DataTable
          label={msg.ledger[l]}
          caption={msg.ledger[l]}
          headers={[msg.grantor[l], msg.grantedOn[l], msg.amountLocal[l], msg.inEur[l], msg.legalBasis[l], msg.recordedAs[l]]}
          empty={{ isEmpty: ledger.entries.length === 0, text: msg.noEntries[l] }}
        >
          {ledger.entries.map((e) => (
            <tr>
              <td>
                {e.grantor}
                {demoMark(e.is_demo, e.grantor, l)}
              </td>
              <td>{dayLabel(e.granted_on, l)}</td>
              <td class="num">{formatMoney(Number(e.amount_minor), e.currency, l)}</td>
              <td class="num">{e.eur_minor === null ? <span class="warning">{msg.rateMissing[l]}</span> : eur(Number(e.eur_minor), l)}</td>
              <td>{e.legal_basis}</td>
              <td>
                {e.origin === 'case' ? msg.origin_case[l] : msg.origin_direct[l]}
                {e.case_ref ? ` (${e.case_ref})` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
        {props.canWrite ? (
          <>
            <h3 id="add-entry">{msg.addEntry[l]}</h3>
            <ErrorSummary locale={l} message={props.entryError?.message} issues={props.entryError?.issues} />
            <PostForm action={`/navigator/firms/${ledger.firm.id}/de-minimis`} csrf={props.csrf} label={msg.addEntry[l]}>
              <Field label={msg.grantor[l]} name="grantor" value={v.grantor} required issues={props.entryError?.issues} max={200} />
              <Field label={msg.grantedOn[l]} name="granted_on" type="date" value={v.granted_on ?? ledger.today} required issues={props.entryError?.issues} />
              <Field label={msg.amountLocal[l]} name="amount" value={v.amount} required issues={props.entryError?.issues} max={20} />
              <Field label={msg.currency[l]} name="currency" value={v.currency ?? currency} required issues={props.entryError?.issues} max={3} />
              <Field
                label={msg.legalBasis[l]}
                name="legal_basis"
                value={v.legal_basis ?? 'Regulation (EU) 2023/2831'}
                required
                issues={props.entryError?.issues}
                max={500}
              />
              <SelectField
                label={msg.recordedAs[l]}
                name="origin"
                value={v.origin ?? 'direct'}
                options={[
                  { value: 'direct', label: msg.origin_direct[l] },
                  { value: 'case', label: msg.origin_case[l] },
                ]}
                issues={props.entryError?.issues}
              />
              <Field label={msg.caseRef[l]} name="case_ref" value={v.case_ref} issues={props.entryError?.issues} max={100} />
              <button type="submit">{msg.save[l]}</button>
            </PostForm>
          </>
        ) : null}
        {props.canEnterRate ? (
          <>
            <h3 id="add-rate">{msg.rateTitle[l]}</h3>
            <p>{msg.rateHint[l]}</p>
            <ErrorSummary locale={l} message={props.rateError?.message} issues={props.rateError?.issues} />
            <PostForm action="/navigator/rates" csrf={props.csrf} label={msg.rateTitle[l]}>
              <input type="hidden" name="back" value={`/navigator/firms/${ledger.firm.id}`} />
              <Field
                label={msg.currency[l]}
                name="currency"
                value={v.rate_currency ?? (currency === 'EUR' ? '' : currency)}
                required
                issues={props.rateError?.issues}
                max={3}
              />
              <Field label={msg.rateDate[l]} name="rate_date" type="date" value={v.rate_date} required issues={props.rateError?.issues} />
              <Field label={msg.perEur[l]} name="per_eur" value={v.per_eur} required issues={props.rateError?.issues} max={14} />
              <button type="submit">{msg.save[l]}</button>
            </PostForm>
          </>
        ) : null}
      </section>
      <section aria-labelledby="offers-for-firm">
        <h2 id="offers-for-firm">{msg.matchesForFirm[l]}</h2>
        {props.placeNote ? <p class="notice">{props.placeNote}</p> : null}
        <RankedList l={l} ranked={props.ranked} extra={(r) => <WarningLine l={l} warning={props.warnings.get(r.offer.key)} ledger={ledger} />} />
      </section>
    </Layout>
  );
}
