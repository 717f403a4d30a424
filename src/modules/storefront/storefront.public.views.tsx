import { raw } from 'hono/html';
import { formatDate, formatDateTime, type TimeZone } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import { CheckboxField, Field, GetForm, PostForm, SelectField } from '../../shared/views/form.js';
import { jsonLdScriptText } from '../directory/directory.jsonld.js';
import { msg, statusText } from './storefront.messages.js';
import { productJsonLd, type FilterQuery, type ProductDto, type ReservationDto, type ShopDto } from './storefront.schemas.js';
import type { BasketViewLine } from './storefront.service.js';
import {
  demoTitle,
  leadText,
  money,
  productDescription,
  productName,
  shopTitle,
  StorefrontLayout,
  stockText,
  vatText,
  type PageBase,
  type PageError,
} from './storefront.views.js';

const minorText = (m: number | undefined) => (m === undefined ? '' : `${Math.trunc(m / 100)}${m % 100 ? `,${String(m % 100).padStart(2, '0')}` : ''}`);

function Price(props: { p: ProductDto; locale: PageBase['locale'] }) {
  const { p, locale: l } = props;
  return (
    <p>
      <span class="sf-price">{money(p.effectivePriceMinor, p.currency, l)}</span>{' '}
      {p.offer ? (
        <span>
          ({format(msg.was[l], { price: money(p.priceMinor, p.currency, l) })}; {format(msg.offer[l], { date: formatDate(p.offer.to, l) })})
        </span>
      ) : null}
      <br />
      <span class="hint">{vatText(p.vatBasisPoints, l)}</span>
    </p>
  );
}

function AddToBasket(props: { p: ProductDto; csrf: string; locale: PageBase['locale']; back: string; withVariants?: boolean }) {
  const { p, locale: l } = props;
  const orderable = p.variants.filter((v) => v.stock === null || v.stock > 0);
  if (orderable.length === 0) return <p>{msg.soldOut[l]}</p>;
  const name = productName(p, l);
  return (
    <PostForm action="/storefront/basket/add" csrf={props.csrf} label={`${msg.addToBasket[l]}: ${name}`} class="sf-inline">
      <input type="hidden" name="back" value={props.back} />
      {orderable.length === 1 && orderable[0]!.label === '' ? (
        <input type="hidden" name="variant" value={String(orderable[0]!.id)} />
      ) : (
        <p class="field">
          <label for={`v-${p.id}`}>{msg.variant[l]}</label>
          <select id={`v-${p.id}`} name="variant">
            {orderable.map((v) => (
              <option value={String(v.id)}>{v.label || name}</option>
            ))}
          </select>
        </p>
      )}
      <p class="field">
        <label for={`q-${p.id}`}>{msg.quantity[l]}</label>
        <input id={`q-${p.id}`} name="quantity" type="number" min="1" max="99" value="1" inputmode="numeric" />
      </p>
      <button type="submit">{msg.addToBasket[l]}</button>
    </PostForm>
  );
}

export function StorefrontPage(
  props: PageBase & {
    products: ProductDto[];
    total: number;
    pageSize: number;
    shops: ShopDto[];
    allShops: ShopDto[];
    towns: { id: number; name: string }[];
    categories: string[];
    filter: FilterQuery;
    basketCount: number;
    baseUrl: string;
    notice?: string;
    error?: PageError;
  },
) {
  const l = props.locale;
  const shopById = new Map(props.allShops.map((s) => [s.id, s]));
  const f = props.filter;
  const ld = {
    '@context': 'https://schema.org',
    '@graph': props.products.map((p) => {
      const { '@context': _, ...rest } = productJsonLd(
        p,
        { name: shopById.get(p.shopId)?.name ?? '' },
        `${props.baseUrl}/storefront/products/${p.id}`,
        props.baseUrl,
      );
      return rest;
    }),
  };
  const next = new URL(props.currentUrl, 'http://x');
  next.searchParams.set('page', String(f.page + 1));
  return (
    <StorefrontLayout {...props} title={msg.storefront[l]} head={<script type="application/ld+json">{raw(jsonLdScriptText(ld))}</script>}>
      <h1>{msg.storefront[l]}</h1>
      <p>{msg.storefrontIntro[l]}</p>
      <p>
        <a href={`/storefront/basket?lang=${l}`}>
          {msg.basket[l]} ({props.basketCount})
        </a>
      </p>
      <GetForm action="/storefront" locale={l} class="sf-filters" label={msg.filters[l]}>
        <Field label={msg.words[l]} name="q" value={f.q} type="search" issues={props.error?.issues} />
        {props.towns.length > 1 ? (
          <SelectField
            label={msg.town[l]}
            name="town"
            value={f.town ? String(f.town) : ''}
            includeEmpty={msg.allTowns[l]}
            options={props.towns.map((t) => ({ value: String(t.id), label: t.name }))}
          />
        ) : null}
        <SelectField
          label={msg.shop[l]}
          name="shop"
          value={f.shop ? String(f.shop) : ''}
          includeEmpty={msg.allShops[l]}
          options={props.shops.map((s) => ({ value: String(s.id), label: shopTitle(s, l) }))}
        />
        <SelectField
          label={msg.category[l]}
          name="category"
          value={f.category ?? ''}
          includeEmpty={msg.allCategories[l]}
          options={props.categories.map((c) => ({ value: c, label: c }))}
        />
        <Field label={msg.minPrice[l]} name="min" value={minorText(f.min)} issues={props.error?.issues} />
        <Field label={msg.maxPrice[l]} name="max" value={minorText(f.max)} issues={props.error?.issues} />
        <CheckboxField name="available" value="1" checked={f.available} label={msg.availableOnly[l]} />
        <p>
          <button type="submit">{msg.apply[l]}</button>
        </p>
      </GetForm>
      <p role="status">{format(msg.found[l], { n: props.total })}</p>
      {props.products.length === 0 ? <p>{msg.noProducts[l]}</p> : null}
      <ul class="sf-products">
        {props.products.map((p) => {
          const shop = shopById.get(p.shopId);
          return (
            <li class="sf-card">
              {p.hasImage ? <img src={`/storefront/images/${p.id}/thumb`} alt="" class="sf-thumb" /> : null}
              <h2>
                <a href={`/storefront/products/${p.id}?lang=${l}`}>{demoTitle(productName(p, l), p.isDemo, l)}</a>
              </h2>
              <p>
                {shop ? shopTitle(shop, l) : ''} · {p.category}
              </p>
              <Price p={p} locale={l} />
              <p>{stockText(p, l)}</p>
              <AddToBasket p={p} csrf={props.csrf} locale={l} back={props.currentUrl} />
            </li>
          );
        })}
      </ul>
      {f.page * props.pageSize < props.total ? (
        <p>
          <a href={`${next.pathname}${next.search}`}>{msg.more[l]}</a>
        </p>
      ) : null}
      <p class="hint">{msg.giftCardAccepted[l]}</p>
    </StorefrontLayout>
  );
}

export function ProductPage(
  props: PageBase & {
    product: ProductDto;
    shop: ShopDto;
    readyAt: Date | null;
    zone: TimeZone;
    address: string;
    baseUrl: string;
    giftCards: { label: string; href?: string }[];
    notice?: string;
    error?: PageError;
  },
) {
  const l = props.locale;
  const p = props.product;
  const ld = productJsonLd(p, props.shop, `${props.baseUrl}/storefront/products/${p.id}`, props.baseUrl);
  return (
    <StorefrontLayout {...props} title={productName(p, l)} head={<script type="application/ld+json">{raw(jsonLdScriptText(ld))}</script>}>
      <p>
        <a href={`/storefront?lang=${l}`}>{msg.storefront[l]}</a> · <a href={`/storefront/basket?lang=${l}`}>{msg.basket[l]}</a>
      </p>
      <h1>{demoTitle(productName(p, l), p.isDemo, l)}</h1>
      <p>
        {shopTitle(props.shop, l)}
        {props.address ? ` · ${props.address}` : ''} · {p.category}
      </p>
      {p.hasImage ? <img src={`/storefront/images/${p.id}`} alt={productName(p, l)} class="sf-picture" /> : null}
      {productDescription(p, l) ? <p>{productDescription(p, l)}</p> : null}
      <Price p={p} locale={l} />
      <ul>
        {p.variants.map((v) => (
          <li>
            {v.label || productName(p, l)}: {stockText({ stockMode: p.stockMode, stock: v.stock }, l)}
          </li>
        ))}
      </ul>
      {props.readyAt ? (
        <p>{format(msg.readyWithin[l], { time: leadText(props.shop.leadMinutes, l), when: formatDateTime(props.readyAt, l, props.zone) })}</p>
      ) : (
        <p>{format(msg.shopClosed[l], { shop: props.shop.name })}</p>
      )}
      <AddToBasket p={p} csrf={props.csrf} locale={l} back={props.currentUrl} withVariants />
      <p class="hint">{msg.payInShop[l]}</p>
      {props.giftCards.length ? (
        <ul>
          {props.giftCards.map((g) => (
            <li>{g.href ? <a href={g.href}>{g.label}</a> : g.label}</li>
          ))}
        </ul>
      ) : null}
    </StorefrontLayout>
  );
}

export interface BasketGroup {
  shop: ShopDto;
  lines: BasketViewLine[];
  totalMinor: number;
  currency: string;
  ready: { at: Date | null; zone: TimeZone; address: string };
}

export function BasketPage(props: PageBase & { groups: BasketGroup[]; values?: Record<string, string>; notice?: string; error?: PageError }) {
  const l = props.locale;
  return (
    <StorefrontLayout {...props} title={msg.basket[l]}>
      <p>
        <a href={`/storefront?lang=${l}`}>{msg.storefront[l]}</a>
      </p>
      <h1>{msg.basket[l]}</h1>
      {props.groups.length === 0 ? <p>{msg.basketEmpty[l]}</p> : <p>{msg.basketIntro[l]}</p>}
      {props.groups.map((g) => (
        <section class="sf-card" aria-labelledby={`shop-${g.shop.id}`}>
          <h2 id={`shop-${g.shop.id}`}>{shopTitle(g.shop, l)}</h2>
          {g.ready.address ? <p>{g.ready.address}</p> : null}
          <ul>
            {g.lines.map((line) => (
              <li>
                {line.quantity} × {line.name}
                {line.variantLabel ? ` (${line.variantLabel})` : ''} – {money(line.unitPriceMinor * line.quantity, g.currency, l)}
                <PostForm action="/storefront/basket/remove" csrf={props.csrf} label={`${msg.remove[l]}: ${line.name}`} class="sf-inline">
                  <input type="hidden" name="variant" value={String(line.variantId)} />
                  <button type="submit" class="secondary">
                    {msg.remove[l]}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
          <p>
            <strong>
              {msg.total[l]}: {money(g.totalMinor, g.currency, l)}
            </strong>
          </p>
          <p>
            {g.ready.at
              ? format(msg.readyWithin[l], { time: leadText(g.shop.leadMinutes, l), when: formatDateTime(g.ready.at, l, g.ready.zone) })
              : format(msg.shopClosed[l], { shop: g.shop.name })}
          </p>
        </section>
      ))}
      {props.groups.length ? (
        <PostForm action="/storefront/basket/reserve" csrf={props.csrf} label={msg.reserve[l]}>
          <h2>{msg.yourDetails[l]}</h2>
          <Field label={msg.name[l]} name="name" value={props.values?.name} autocomplete="name" required issues={props.error?.issues} />
          <Field
            label={msg.email[l]}
            name="email"
            type="email"
            value={props.values?.email}
            autocomplete="email"
            hint={msg.contactHint[l]}
            issues={props.error?.issues}
          />
          <Field label={msg.phone[l]} name="phone" type="tel" value={props.values?.phone} autocomplete="tel" issues={props.error?.issues} />
          <p class="hint">
            {msg.payInShop[l]} {msg.giftCardAccepted[l]}
          </p>
          <button type="submit">{msg.reserve[l]}</button>
        </PostForm>
      ) : null}
    </StorefrontLayout>
  );
}

function ReservationFacts(props: { r: ReservationDto; shop: ShopDto; zone: TimeZone; locale: PageBase['locale'] }) {
  const { r, locale: l } = props;
  return (
    <>
      <p>
        {msg.status[l]}: <strong>{statusText(r.status)[l]}</strong>
      </p>
      <ul>
        {r.items.map((i) => (
          <li>
            {i.quantity} × {i.name}
            {i.variantLabel ? ` (${i.variantLabel})` : ''} – {money(i.unitPriceMinor * i.quantity, r.currency, l)}
            {i.declineReason ? ` – ${format(msg.declinedItem[l], { reason: i.declineReason })}` : ''}
          </li>
        ))}
      </ul>
      <p>
        {msg.total[l]}: {money(r.totalMinor, r.currency, l)}
      </p>
      {['new', 'confirmed', 'ready'].includes(r.status) ? (
        <p>
          {msg.readyBy[l]}: {formatDateTime(r.readyBy, l, props.zone)} · {msg.pickUpBy[l]}: {formatDateTime(r.expiresAt, l, props.zone)}
        </p>
      ) : null}
    </>
  );
}

export function BasketDonePage(props: PageBase & { entries: { reservation: ReservationDto; shop: ShopDto; zone: TimeZone }[] }) {
  const l = props.locale;
  return (
    <StorefrontLayout {...props} title={msg.yourReservations[l]}>
      <h1>{msg.yourReservations[l]}</h1>
      <p>{msg.keepLink[l]}</p>
      {props.entries.map(({ reservation: r, shop, zone }) => (
        <section class="sf-reservation" aria-labelledby={`r-${r.id}`}>
          <h2 id={`r-${r.id}`}>
            <a href={`/storefront/reservations/${r.token}?lang=${l}`}>{format(msg.reservationAt[l], { shop: shopTitle(shop, l) })}</a>
          </h2>
          <ReservationFacts r={r} shop={shop} zone={zone} locale={l} />
        </section>
      ))}
      <p>{msg.payInShop[l]}</p>
    </StorefrontLayout>
  );
}

export function ReservationPage(
  props: PageBase & { reservation: ReservationDto; shop: ShopDto; zone: TimeZone; address: string; notice?: string; error?: PageError },
) {
  const l = props.locale;
  const r = props.reservation;
  return (
    <StorefrontLayout {...props} title={format(msg.reservationAt[l], { shop: props.shop.name })}>
      <h1>{format(msg.reservationAt[l], { shop: shopTitle(props.shop, l) })}</h1>
      {props.address ? <p>{props.address}</p> : null}
      <ReservationFacts r={r} shop={props.shop} zone={props.zone} locale={l} />
      <p>{msg.payInShop[l]}</p>
      {['new', 'confirmed', 'ready'].includes(r.status) ? (
        <PostForm action={`/storefront/reservations/${r.token}/cancel`} csrf={props.csrf} label={msg.cancel[l]}>
          <button type="submit" class="secondary">
            {msg.cancel[l]}
          </button>
        </PostForm>
      ) : null}
    </StorefrontLayout>
  );
}
