import { randomUUID } from 'node:crypto';
import { formatDateTime, timeZoneFor } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { Field, PostForm } from '../../shared/views/form.js';
import { printCode } from './giftcard.code.js';
import { msg } from './giftcard.messages.js';
import type { CardDto, ProgrammeDto, ShopDto } from './giftcard.schemas.js';
import { GiftcardLayout, money, programmeTitle, type PageBase, type PageError } from './giftcard.views.js';

export function CounterListPage(props: PageBase & { shops: { id: number; name: string; programmeName: string }[] }) {
  const l = props.locale;
  return (
    <GiftcardLayout {...props} title={msg.counter[l]}>
      <h1>{msg.counter[l]}</h1>
      {props.shops.length ? <p>{msg.counterIntro[l]}</p> : <p>{msg.noShops[l]}</p>}
      <ul class="giftcard-shops">
        {props.shops.map((s) => (
          <li>
            <a href={`/giftcard/counter/${s.id}?lang=${l}`}>
              {s.name} – {s.programmeName}
            </a>
          </li>
        ))}
      </ul>
    </GiftcardLayout>
  );
}

export interface RecentEntry {
  id: number;
  kind: string;
  amountMinor: number;
  bookedAt: Date;
  isReversed: boolean;
}

/**
 * The counter on a phone: one code field (typing always works; the scan button appears only
 * where the browser has BarcodeDetector and a camera — public/static/giftcard.js), then the
 * card's balance with "redeem part" and "redeem all". Every form carries a fresh idempotency key
 * drawn with the page: submitting twice (a double tap, a retry after a dropped connection)
 * books once.
 */
export function CounterPage(
  props: PageBase & {
    shop: ShopDto;
    programme: ProgrammeDto;
    recent: RecentEntry[];
    card?: CardDto;
    expired?: boolean;
    code?: string;
    error?: PageError;
    notice?: string;
  },
) {
  const l = props.locale;
  const { shop, programme: p } = props;
  const action = (tail: string) => `/giftcard/counter/${shop.id}${tail}`;
  const zone = timeZoneFor(l, p.country);
  return (
    <GiftcardLayout {...props} title={`${msg.counter[l]} – ${shop.name}`} error={props.error} notice={props.notice}>
      <h1>{shop.name}</h1>
      <p>{programmeTitle(p, l)}</p>
      {props.card && !props.expired ? (
        <section class="giftcard-redeem" aria-labelledby="card-h">
          <h2 id="card-h">{printCode(props.card.code)}</h2>
          <p class="giftcard-amount" role="status">
            {msg.balance[l]}: {money(props.card.balanceMinor, p.currency, l)}
          </p>
          <p>
            {msg.validUntil[l]} {props.card.expiresOn}
          </p>
          {props.card.balanceMinor > 0 ? (
            <>
              <PostForm action={action('/redeem')} csrf={props.csrf} label={msg.redeem[l]}>
                <input type="hidden" name="code" value={props.card.code} />
                <input type="hidden" name="key" value={randomUUID()} />
                <Field
                  label={msg.amount[l]}
                  name="amount"
                  hint={format(msg.amountHint[l], { currency: p.currency })}
                  inputmode="decimal"
                  autocomplete="off"
                  issues={props.error?.issues}
                  required
                />
                <button type="submit">{msg.redeem[l]}</button>
              </PostForm>
              <PostForm action={action('/redeem')} csrf={props.csrf} label={msg.redeemAll[l]}>
                <input type="hidden" name="code" value={props.card.code} />
                <input type="hidden" name="key" value={randomUUID()} />
                <input type="hidden" name="amount" value={(props.card.balanceMinor / 100).toFixed(2)} />
                <button type="submit" class="secondary">
                  {msg.redeemAll[l]} ({money(props.card.balanceMinor, p.currency, l)})
                </button>
              </PostForm>
            </>
          ) : null}
          <p>
            <a href={`${action('')}?lang=${l}`}>{msg.newRedemption[l]}</a>
          </p>
        </section>
      ) : (
        <PostForm action={action('/lookup')} csrf={props.csrf} label={msg.lookUp[l]} class="giftcard-lookup">
          <Field
            label={msg.code[l]}
            name="code"
            value={props.code}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            issues={props.error?.issues}
            required
          />
          <div class="giftcard-scan" data-scan-target="f-code" hidden>
            <button type="button" class="secondary giftcard-scan-button">
              {msg.scan[l]}
            </button>
            <video class="giftcard-video" muted playsinline hidden aria-label={msg.scan[l]}></video>
          </div>
          <button type="submit">{msg.lookUp[l]}</button>
        </PostForm>
      )}
      <h2>{msg.recent[l]}</h2>
      {/* Three columns, the kind under the time: the reverse button stays on a 390 px screen. */}
      <DataTable
        label={msg.recent[l]}
        class="giftcard-recent"
        headers={[msg.when[l], { text: msg.amount[l], class: 'num' }, msg.actions[l]]}
        empty={{ isEmpty: props.recent.length === 0, text: msg.none[l] }}
      >
        {props.recent.map((e) => (
          <tr>
            <td>
              <a href={`${action(`/receipts/${e.id}`)}?lang=${l}`}>{formatDateTime(e.bookedAt, l, zone)}</a>
              <br />
              <span class="hint">{e.kind === 'redemption' ? msg.redemption[l] : msg.reversal[l]}</span>
            </td>
            <td class="num">{money(e.amountMinor, p.currency, l)}</td>
            <td>
              {e.kind === 'redemption' && !e.isReversed ? (
                <PostForm action={action('/reverse')} csrf={props.csrf} label={`${msg.reverse[l]} ${formatDateTime(e.bookedAt, l, zone)}`}>
                  <input type="hidden" name="entry_id" value={String(e.id)} />
                  <input type="hidden" name="key" value={randomUUID()} />
                  <button type="submit" class="secondary">
                    {msg.reverse[l]}
                  </button>
                </PostForm>
              ) : e.isReversed ? (
                msg.reversed[l]
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </GiftcardLayout>
  );
}

export function ReceiptPage(
  props: PageBase & {
    shop: ShopDto;
    programme: ProgrammeDto;
    entry: { id: number; kind: string; amountMinor: number; bookedAt: Date };
    card?: CardDto;
    notice?: string;
    error?: PageError;
  },
) {
  const l = props.locale;
  const p = props.programme;
  const title = `${msg.receipt[l]} – ${props.shop.name}`;
  return (
    <GiftcardLayout {...props} title={title} notice={props.notice} error={props.error}>
      <h1>{msg.receipt[l]}</h1>
      <dl class="giftcard-receipt">
        <dt>{msg.shop[l]}</dt>
        <dd>{props.shop.name}</dd>
        <dt>{msg.giftCard[l]}</dt>
        <dd>{programmeTitle(p, l)}</dd>
        <dt>{msg.when[l]}</dt>
        <dd>{formatDateTime(props.entry.bookedAt, l, timeZoneFor(l, p.country))}</dd>
        <dt>{props.entry.kind === 'redemption' ? msg.redeemed[l] : msg.reversed[l]}</dt>
        <dd class="giftcard-amount">{money(props.entry.amountMinor, p.currency, l)}</dd>
        {props.card ? (
          <>
            <dt>{msg.code[l]}</dt>
            <dd>{printCode(props.card.code)}</dd>
            <dt>{msg.remaining[l]}</dt>
            <dd>{money(props.card.balanceMinor, p.currency, l)}</dd>
          </>
        ) : null}
      </dl>
      <p class="hint">{msg.vatStatement[l]}</p>
      <PostForm action={`/giftcard/counter/${props.shop.id}/receipts/${props.entry.id}/mail`} csrf={props.csrf} label={msg.mailReceipt[l]}>
        <Field label={msg.email[l]} name="email" type="email" autocomplete="email" issues={props.error?.issues} required />
        <button type="submit" class="secondary">
          {msg.mailReceipt[l]}
        </button>
      </PostForm>
      <p>
        <a href={`/giftcard/counter/${props.shop.id}?lang=${l}`}>{msg.newRedemption[l]}</a>
      </p>
    </GiftcardLayout>
  );
}

/** The receipt as plain text for e-mail. */
export function receiptText(
  r: { shop: ShopDto; programme: ProgrammeDto; entry: { kind: string; amountMinor: number; bookedAt: Date }; card?: CardDto },
  l: typeof import('../../shared/i18n/i18n.js').locales[number],
) {
  const p = r.programme;
  return [
    `${msg.receipt[l]} – ${r.shop.name}`,
    `${msg.giftCard[l]}: ${p.name}`,
    `${msg.when[l]}: ${formatDateTime(r.entry.bookedAt, l, timeZoneFor(l, p.country))}`,
    `${r.entry.kind === 'redemption' ? msg.redeemed[l] : msg.reversed[l]}: ${money(r.entry.amountMinor, p.currency, l)}`,
    r.card ? `${msg.code[l]}: ${printCode(r.card.code)}` : '',
    r.card ? `${msg.remaining[l]}: ${money(r.card.balanceMinor, p.currency, l)}` : '',
    '',
    msg.vatStatement[l],
  ]
    .filter((x, i) => x !== '' || i === 6)
    .join('\n');
}

export const redeemedNotice = (amount: string, l: PageBase['locale']) => format(msg.redeemedNotice[l], { amount });
