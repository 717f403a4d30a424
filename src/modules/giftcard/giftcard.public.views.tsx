import type { Locale } from '../../shared/i18n/i18n.js';
import { Field, PostForm, SelectField } from '../../shared/views/form.js';
import { printCode } from './giftcard.code.js';
import { msg } from './giftcard.messages.js';
import type { CardDto, ProgrammeDto, ShopDto } from './giftcard.schemas.js';
import { CardQr, GiftcardLayout, money, programmeTitle, type PageBase, type PageError } from './giftcard.views.js';

export interface BalanceResult {
  code: string;
  balanceMinor: number;
  currency: string;
  expiresOn: string;
  expired: boolean;
  programmeName: string;
}

/** The public page: the programmes and their shops, buying, and the balance check by code. */
export function PublicGiftcardPage(
  props: PageBase & {
    programmes: { programme: ProgrammeDto; shops: ShopDto[] }[];
    balance?: BalanceResult;
    error?: PageError;
    signedIn: boolean;
    code?: string;
    status?: number;
  },
) {
  const l = props.locale;
  return (
    <GiftcardLayout {...props} title={msg.publicTitle[l]} error={props.error}>
      <h1>{msg.publicTitle[l]}</h1>
      <p>{msg.publicIntro[l]}</p>
      <section aria-labelledby="balance-h">
        <h2 id="balance-h">{msg.checkBalance[l]}</h2>
        <PostForm action="/giftcard/balance" csrf={props.csrf} label={msg.checkBalance[l]}>
          <Field label={msg.code[l]} name="code" value={props.code} autocomplete="off" issues={props.error?.issues} required />
          <button type="submit">{msg.checkBalance[l]}</button>
        </PostForm>
        {props.balance ? (
          <div class="giftcard-balance" role="status">
            <p>
              {props.balance.programmeName}: <strong>{printCode(props.balance.code)}</strong>
            </p>
            <p class="giftcard-amount">
              {msg.balance[l]}: {money(props.balance.balanceMinor, props.balance.currency, l)}
            </p>
            <p>{props.balance.expired ? `${msg.expired[l]} (${props.balance.expiresOn})` : `${msg.validUntil[l]} ${props.balance.expiresOn}`}</p>
          </div>
        ) : null}
      </section>
      {props.signedIn ? (
        <p>
          <a href={`/giftcard/my?lang=${l}`}>{msg.myCards[l]}</a>
        </p>
      ) : null}
      {props.programmes.map(({ programme, shops }) => (
        <section aria-label={programmeTitle(programme, l)}>
          <h2>{programmeTitle(programme, l)}</h2>
          <p>
            <a href={`/giftcard/programmes/${programme.id}/buy?lang=${l}`}>{msg.buy[l]}</a>
          </p>
          <h3>{msg.memberShops[l]}</h3>
          <ul>
            {shops.map((s) => (
              <li>{s.name}</li>
            ))}
          </ul>
        </section>
      ))}
      <p class="hint">{msg.vatStatement[l]}</p>
    </GiftcardLayout>
  );
}

export function BuyPage(props: PageBase & { programme: ProgrammeDto; error?: PageError; values?: Record<string, string> }) {
  const l = props.locale;
  const p = props.programme;
  return (
    <GiftcardLayout {...props} title={`${msg.buy[l]} – ${programmeTitle(p, l)}`} error={props.error}>
      <h1>{`${msg.buy[l]} – ${programmeTitle(p, l)}`}</h1>
      <PostForm action={`/giftcard/programmes/${p.id}/buy`} csrf={props.csrf} label={msg.buy[l]}>
        <SelectField
          label={msg.value[l]}
          name="value"
          value={props.values?.value}
          options={p.allowedValuesMinor.map((v) => ({ value: String(v), label: money(v, p.currency, l) }))}
          issues={props.error?.issues}
        />
        <Field label={msg.email[l]} name="email" type="email" autocomplete="email" value={props.values?.email} issues={props.error?.issues} required />
        <button type="submit">{msg.pay[l]}</button>
      </PostForm>
      <p class="hint">{msg.vatStatement[l]}</p>
    </GiftcardLayout>
  );
}

export function TestPaymentPage(props: PageBase & { refId: string; amountMinor: number; currency: string; status: string; returnUrl: string }) {
  const l = props.locale;
  return (
    <GiftcardLayout {...props} title={msg.testProviderTitle[l]}>
      <h1>{msg.testProviderTitle[l]}</h1>
      <p class="giftcard-amount">{money(props.amountMinor, props.currency, l)}</p>
      <PostForm action={`/giftcard/pay/test/${props.refId}?return=${encodeURIComponent(props.returnUrl)}`} csrf={props.csrf} label={msg.testProviderTitle[l]}>
        <button type="submit" name="outcome" value="paid">
          {msg.payNow[l]}
        </button>{' '}
        <button type="submit" name="outcome" value="failed" class="secondary">
          {msg.refuse[l]}
        </button>
      </PostForm>
    </GiftcardLayout>
  );
}

export function OrderPage(props: PageBase & { status: string; programme: ProgrammeDto; card?: CardDto; svg?: string }) {
  const l = props.locale;
  const text = props.status === 'paid' ? msg.orderPaid : props.status === 'failed' ? msg.orderFailed : msg.orderPending;
  return (
    <GiftcardLayout {...props} title={programmeTitle(props.programme, l)}>
      <h1>{programmeTitle(props.programme, l)}</h1>
      <p role="status">{text[l]}</p>
      {props.card && props.svg ? (
        <article class="giftcard-printed">
          <p class="giftcard-code">{printCode(props.card.code)}</p>
          <p>
            {money(props.card.balanceMinor, props.programme.currency, l)} · {msg.validUntil[l]} {props.card.expiresOn}
          </p>
          <CardQr code={props.card.code} svg={props.svg} locale={l} />
        </article>
      ) : null}
      <p class="hint">{msg.vatStatement[l]}</p>
    </GiftcardLayout>
  );
}

export function MyCardsPage(props: PageBase & { cards: { code: string; balanceMinor: number; currency: string; expiresOn: string; programmeName: string }[] }) {
  const l: Locale = props.locale;
  return (
    <GiftcardLayout {...props} title={msg.myCards[l]}>
      <h1>{msg.myCards[l]}</h1>
      {props.cards.length === 0 ? <p>{msg.noCards[l]}</p> : null}
      <ul>
        {props.cards.map((c) => (
          <li>
            {c.programmeName}: {printCode(c.code)} – {money(c.balanceMinor, c.currency, l)} ({msg.validUntil[l]} {c.expiresOn})
          </li>
        ))}
      </ul>
    </GiftcardLayout>
  );
}
