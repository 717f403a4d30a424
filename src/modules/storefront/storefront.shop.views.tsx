import { formatDateTime, type TimeZone } from '../../shared/i18n/format.js';
import { format } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { CheckboxField, Field, GetForm, PostForm, SelectField, TextAreaField } from '../../shared/views/form.js';
import { msg, statusText } from './storefront.messages.js';
import type { ProductDto, ReservationDto, ShopDto } from './storefront.schemas.js';
import type { ShopActivity } from './storefront.service.js';
import { money, productName, shopTitle, StorefrontLayout, stockText, type PageBase, type PageError } from './storefront.views.js';

export function MyShopsPage(
  props: PageBase & {
    shops: ShopDto[];
    candidates: { value: string; label: string; organisations: { id: number; name: string }[] }[];
    notice?: string;
    error?: PageError;
  },
) {
  const l = props.locale;
  const orgs = new Map(props.candidates.flatMap((c) => c.organisations).map((o) => [o.id, o.name]));
  return (
    <StorefrontLayout {...props} title={msg.myShops[l]}>
      <h1>{msg.myShops[l]}</h1>
      {props.shops.length === 0 ? <p>{msg.noShops[l]}</p> : null}
      <ul>
        {props.shops.map((s) => (
          <li>
            <a href={`/storefront/shop/${s.id}?lang=${l}`}>{shopTitle(s, l)}</a> ·{' '}
            <a href={`/storefront/shop/${s.id}/products?lang=${l}`}>{msg.catalogue[l]}</a>
          </li>
        ))}
      </ul>
      {props.candidates.length ? (
        <PostForm action="/storefront/shop/setup" csrf={props.csrf} label={msg.setUp[l]}>
          <h2>{msg.setUp[l]}</h2>
          <p class="hint">{msg.setUpHint[l]}</p>
          <SelectField
            label={msg.unit[l]}
            name="unit"
            options={props.candidates.map((c) => ({ value: c.value, label: c.label }))}
            issues={props.error?.issues}
          />
          <SelectField
            label={msg.association[l]}
            name="organisation"
            options={[...orgs].map(([id, name]) => ({ value: String(id), label: name }))}
            issues={props.error?.issues}
          />
          <button type="submit">{msg.setUp[l]}</button>
        </PostForm>
      ) : null}
    </StorefrontLayout>
  );
}

const nextStep = { new: 'confirmed', confirmed: 'ready', ready: 'collected' } as const;
const stepLabel = { confirmed: msg.doConfirm, ready: msg.doReady, collected: msg.doCollect } as const;

function ReservationCard(props: { r: ReservationDto; shop: ShopDto; zone: TimeZone; csrf: string; locale: PageBase['locale']; error?: PageError }) {
  const { r, shop, locale: l } = props;
  const step = nextStep[r.status as keyof typeof nextStep];
  const base = `/storefront/shop/${shop.id}/reservations/${r.id}`;
  return (
    <li class="sf-reservation" id={`r-${r.id}`}>
      <h3>
        #{r.id} · {r.customerName} · {statusText(r.status)[l]}
      </h3>
      <p>
        {msg.readyBy[l]}: {formatDateTime(r.readyBy, l, props.zone)}
        {r.customerPhone ? (
          <>
            {' · '}
            <a href={`tel:${r.customerPhone.replace(/[^+0-9]/g, '')}`}>{r.customerPhone}</a>
          </>
        ) : null}
        {r.customerEmail ? ` · ${r.customerEmail}` : ''}
      </p>
      <ul>
        {r.items.map((i) => (
          <li>
            {i.quantity} × {i.name}
            {i.variantLabel ? ` (${i.variantLabel})` : ''}
            {i.declineReason ? ` – ${format(msg.declinedItem[l], { reason: i.declineReason })}` : ''}
            {(r.status === 'new' || r.status === 'confirmed') && !i.declineReason ? (
              <details>
                <summary>{msg.decline[l]}</summary>
                <PostForm action={`${base}/decline`} csrf={props.csrf} label={`${msg.decline[l]}: ${i.name}`}>
                  <input type="hidden" name="item" value={String(i.id)} />
                  <p class="field">
                    <label for={`reason-${i.id}`}>{msg.reason[l]}</label>
                    <input id={`reason-${i.id}`} name="reason" required maxlength={300} />
                  </p>
                  <button type="submit" class="secondary">
                    {msg.decline[l]}
                  </button>
                </PostForm>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        {msg.total[l]}: {money(r.totalMinor, r.currency, l)}
      </p>
      {step ? (
        <PostForm action={`${base}/step`} csrf={props.csrf} label={`${stepLabel[step][l]} #${r.id}`} class="sf-step">
          <input type="hidden" name="to" value={step} />
          <button type="submit">{stepLabel[step][l]}</button>
        </PostForm>
      ) : null}
    </li>
  );
}

/** The shop's phone view: the next to prepare first, one tap per step, closed ones of today below. */
export function ShopDayPage(props: PageBase & { shop: ShopDto; zone: TimeZone; reservations: ReservationDto[]; notice?: string; error?: PageError }) {
  const l = props.locale;
  const open = props.reservations.filter((r) => ['new', 'confirmed', 'ready'].includes(r.status));
  const toPrepare = open.filter((r) => r.status !== 'ready');
  const ordered = [...toPrepare, ...open.filter((r) => r.status === 'ready')];
  const closed = props.reservations.filter((r) => !['new', 'confirmed', 'ready'].includes(r.status));
  return (
    <StorefrontLayout {...props} title={`${msg.shopView[l]} – ${props.shop.name}`}>
      <p>
        <a href={`/storefront/shop?lang=${l}`}>{msg.myShops[l]}</a> · <a href={`/storefront/shop/${props.shop.id}/products?lang=${l}`}>{msg.catalogue[l]}</a>
      </p>
      <h1>{shopTitle(props.shop, l)}</h1>
      <h2>{toPrepare.length ? msg.nextToPrepare[l] : msg.today[l]}</h2>
      {ordered.length === 0 ? <p>{msg.nothingOpen[l]}</p> : null}
      <ul class="sf-reservations">
        {ordered.map((r) => (
          <ReservationCard r={r} shop={props.shop} zone={props.zone} csrf={props.csrf} locale={l} />
        ))}
      </ul>
      {closed.length ? (
        <>
          <h2>{msg.closedToday[l]}</h2>
          <ul>
            {closed.map((r) => (
              <li>
                #{r.id} · {r.customerName} · {statusText(r.status)[l]} · {money(r.totalMinor, r.currency, l)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </StorefrontLayout>
  );
}

export function CataloguePage(
  props: PageBase & { shop: ShopDto; products: ProductDto[]; values?: Record<string, string>; notice?: string; error?: PageError },
) {
  const l = props.locale;
  const s = props.shop;
  const base = `/storefront/shop/${s.id}`;
  const v = props.values ?? {};
  return (
    <StorefrontLayout {...props} title={`${msg.catalogue[l]} – ${s.name}`}>
      <p>
        <a href={`${base}?lang=${l}`}>{msg.shopView[l]}</a>
      </p>
      <h1>{shopTitle(s, l)}</h1>
      <h2>{msg.products[l]}</h2>
      <DataTable
        label={msg.products[l]}
        headers={[msg.name[l], msg.price[l], msg.stock[l], msg.setStock[l], msg.picture[l], msg.remove[l]]}
        empty={{ isEmpty: props.products.length === 0, text: msg.noProducts[l] }}
      >
        {props.products.map((p) => (
          <tr>
            <td>
              <a href={`/storefront/products/${p.id}?lang=${l}`}>{productName(p, l)}</a> ({p.sku})
            </td>
            <td class="num">{money(p.effectivePriceMinor, p.currency, l)}</td>
            <td>{stockText(p, l)}</td>
            <td>
              {p.stockMode === 'count'
                ? p.variants.map((variant) => (
                    <PostForm action={`${base}/stock`} csrf={props.csrf} label={`${msg.setStock[l]}: ${p.name} ${variant.label}`} class="sf-inline">
                      <input type="hidden" name="variant" value={String(variant.id)} />
                      <p class="field">
                        <label for={`stock-${variant.id}`}>{variant.label || msg.stock[l]}</label>
                        <input id={`stock-${variant.id}`} name="stock" type="number" min="0" value={String(variant.stock ?? 0)} inputmode="numeric" />
                      </p>
                      <button type="submit" class="secondary">
                        {msg.save[l]}
                      </button>
                    </PostForm>
                  ))
                : null}
            </td>
            <td>
              {p.hasImage ? <img src={`/storefront/images/${p.id}/thumb`} alt={productName(p, l)} class="sf-thumb" /> : null}
              <PostForm action={`${base}/products/${p.id}/image`} csrf={props.csrf} label={`${msg.uploadPicture[l]}: ${p.name}`} upload>
                <p class="field">
                  <label for={`image-${p.id}`}>{msg.picture[l]}</label>
                  <input id={`image-${p.id}`} name="image" type="file" accept="image/jpeg,image/png,image/webp" />
                </p>
                <button type="submit" class="secondary">
                  {msg.uploadPicture[l]}
                </button>
              </PostForm>
            </td>
            <td>
              <PostForm action={`${base}/products/${p.id}/unpublish`} csrf={props.csrf} label={`${msg.unpublish[l]}: ${p.name}`}>
                <button type="submit" class="secondary">
                  {msg.unpublish[l]}
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </DataTable>
      <PostForm action={`${base}/products`} csrf={props.csrf} label={msg.addProduct[l]}>
        <h2>{msg.addProduct[l]}</h2>
        <Field label={msg.sku[l]} name="sku" value={v.sku} required issues={props.error?.issues} />
        <Field label={msg.name[l]} name="name" value={v.name} required issues={props.error?.issues} />
        <Field label={msg.englishName[l]} name="name_en" value={v.name_en} issues={props.error?.issues} />
        <TextAreaField label={msg.description[l]} name="description" value={v.description} rows={3} issues={props.error?.issues} />
        <Field label={msg.category[l]} name="category" value={v.category} required issues={props.error?.issues} />
        <Field label={msg.price[l]} name="price" value={v.price} required issues={props.error?.issues} />
        <Field label={msg.vatRate[l]} name="vat_rate" value={v.vat_rate ?? '25'} required issues={props.error?.issues} />
        <Field label={msg.stock[l]} name="stock" value={v.stock} hint={msg.stockHint[l]} issues={props.error?.issues} />
        <TextAreaField label={msg.variants[l]} name="variants" value={v.variants} hint={msg.variantsHint[l]} rows={3} issues={props.error?.issues} />
        <Field label={msg.offerPrice[l]} name="offer_price" value={v.offer_price} issues={props.error?.issues} />
        <Field label={msg.offerFrom[l]} name="offer_from" type="date" value={v.offer_from} issues={props.error?.issues} />
        <Field label={msg.offerTo[l]} name="offer_to" type="date" value={v.offer_to} issues={props.error?.issues} />
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
      <PostForm action={`${base}/import`} csrf={props.csrf} label={msg.importTitle[l]} upload>
        <h2>{msg.importTitle[l]}</h2>
        <p class="hint" id="import-hint">
          {msg.importHint[l]}
        </p>
        <p class="field">
          <label for="f-file">{msg.file[l]}</label>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-hint"
          />
        </p>
        <button type="submit">{msg.importButton[l]}</button>
      </PostForm>
      <PostForm action={`${base}/settings`} csrf={props.csrf} label={msg.settings[l]}>
        <h2>{msg.settings[l]}</h2>
        <Field label={msg.leadMinutes[l]} name="lead_minutes" type="number" value={String(s.leadMinutes)} required issues={props.error?.issues} />
        <Field label={msg.holdDays[l]} name="hold_days" type="number" value={String(s.holdDays)} required issues={props.error?.issues} />
        <Field label={msg.notifyEmail[l]} name="notify_email" type="email" value={s.notifyEmail} issues={props.error?.issues} />
        <Field label={msg.notifyPhone[l]} name="notify_phone" type="tel" value={s.notifyPhone} issues={props.error?.issues} />
        <CheckboxField name="is_active" checked={s.isActive} label={msg.active[l]} />
        <button type="submit">{msg.save[l]}</button>
      </PostForm>
    </StorefrontLayout>
  );
}

export function ActivityPage(props: PageBase & { rows: ShopActivity[]; organisations: { id: number; name: string }[]; from: string; to: string }) {
  const l = props.locale;
  const orgName = new Map(props.organisations.map((o) => [o.id, o.name]));
  return (
    <StorefrontLayout {...props} title={msg.activity[l]}>
      <h1>{msg.activity[l]}</h1>
      <GetForm action="/storefront/activity" locale={l} class="sf-filters" label={msg.filters[l]}>
        <Field label={msg.from[l]} name="from" type="date" value={props.from} />
        <Field label={msg.to[l]} name="to" type="date" value={props.to} />
        <p>
          <button type="submit">{msg.apply[l]}</button>
        </p>
      </GetForm>
      <DataTable
        label={msg.activity[l]}
        headers={[
          msg.shop[l],
          msg.association[l],
          { text: msg.reservations[l], class: 'num' },
          { text: msg.pickedUp[l], class: 'num' },
          { text: msg.noShows[l], class: 'num' },
          { text: msg.valuePickedUp[l], class: 'num' },
        ]}
        empty={{ isEmpty: props.rows.length === 0, text: msg.noActivity[l] }}
      >
        {props.rows.map((r) => (
          <tr>
            <td>{r.shopName}</td>
            <td>{orgName.get(r.organisationId) ?? ''}</td>
            <td class="num">{r.reservations}</td>
            <td class="num">{r.pickedUp}</td>
            <td class="num">{r.noShows}</td>
            <td class="num">{r.currency ? money(r.valuePickedUpMinor, r.currency, l) : '–'}</td>
          </tr>
        ))}
      </DataTable>
    </StorefrontLayout>
  );
}
