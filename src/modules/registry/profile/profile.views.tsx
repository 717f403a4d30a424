import type { Child } from 'hono/jsx';
import type { LocalisedIssue } from '../../../shared/errors.js';
import { formatMinor } from '../../../shared/forms.js';
import { formatMoney } from '../../../shared/i18n/format.js';
import { format, localeNames, type Locale } from '../../../shared/i18n/i18n.js';
import { Layout } from '../../../shared/views/layout.js';
import { CsrfField } from '../../../shared/views/csrf-field.js';
import { ErrorSummary, Field, Notice, PostForm } from '../../../shared/views/form.js';
import { networkHead } from '../../network/network.views.js';
import { pmsg } from './profile.messages.js';
import { profileLanguages } from './profile.schemas.js';
import type { FirmEditing, FirmProfileDto } from './profile.service.js';
import type { ClaimState } from './profile.claims.service.js';

type M = Record<string, Record<Locale, string>>;
const t = (key: string, l: Locale) => (pmsg as M)[key]?.[l] ?? key;

export interface ProfilePageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

export const managePath = (firmId: number) => `/firms/${firmId}/manage`;
/** The editor of a firm's own profile, or of one of its establishments'. */
export const unitManagePath = (unit: { firmId: number; establishmentId: number | null }) =>
  unit.establishmentId === null ? managePath(unit.firmId) : `${managePath(unit.firmId)}/establishments/${unit.establishmentId}`;
import { listCategoryOptions, publicEstablishmentPath, publicFirmPath } from '../../directory/directory.service.js';
export { publicEstablishmentPath, publicFirmPath };

function RegisterFacts(props: { locale: Locale; firm: FirmProfileDto }) {
  const l = props.locale;
  const f = props.firm.facts;
  const row = (label: string, value: string | number | null) => (
    <>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </>
  );
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">{pmsg.registerFacts[l]}</h2>
      <p class="hint">{pmsg.registerFactsHint[l]}</p>
      <dl class="facts">
        {row(pmsg.name[l], f.name)}
        {row(pmsg.orgnr[l], f.orgnr)}
        {row(pmsg.legalForm[l], f.legalForm)}
        {row(pmsg.sector[l], f.naceCode)}
        {row(pmsg.address[l], [f.address, f.municipality].filter(Boolean).join(', ') || null)}
        {row(pmsg.employees[l], f.employees)}
        {row(pmsg.status[l], t(`firmStatus_${f.status}`, l))}
      </dl>
    </section>
  );
}

export function ClaimPage(props: ProfilePageBase & { firm: FirmProfileDto; state: ClaimState; isSignedIn: boolean; signInHref: string }) {
  const l = props.locale;
  const f = props.firm;
  const s = props.state;
  return (
    <Layout locale={l} title={format(pmsg.claimTitle[l], { name: f.facts.name })} currentUrl={props.currentUrl} head={networkHead}>
      <h1>{format(pmsg.claimTitle[l], { name: f.facts.name })}</h1>
      <p>{pmsg.claimIntro[l]}</p>
      {s.firmDomain ? <p>{format(pmsg.claimHowDomain[l], { domain: s.firmDomain })}</p> : null}
      <p>{pmsg.claimHowReview[l]}</p>
      {s.status === 'pending' ? <Notice text={pmsg.claimPending[l]} /> : null}
      {s.status === 'rejected' ? <Notice text={pmsg.claimRejected[l]} /> : null}
      {!props.isSignedIn ? (
        <p>
          <a class="button" href={props.signInHref}>
            {pmsg.signInToClaim[l]}
          </a>
        </p>
      ) : s.status !== 'pending' ? (
        <PostForm action={`${managePath(f.id)}/claim`} csrf={props.csrf}>
          <button type="submit">{pmsg.claimButton[l]}</button>
        </PostForm>
      ) : null}
      <RegisterFacts locale={l} firm={f} />
      <p>
        <a href={publicFirmPath(f.id)}>{pmsg.publicPage[l]}</a>
      </p>
    </Layout>
  );
}

function HoursForm(props: {
  locale: Locale;
  csrf: string;
  action: string;
  weekly: { day: number; opens: string; closes: string }[];
  issues?: LocalisedIssue[];
}) {
  const invalid = (name: string) => (props.issues?.some((i) => i.field === name) ? ('true' as const) : undefined);
  const l = props.locale;
  const byDay = new Map(props.weekly.map((w) => [w.day, w]));
  return (
    <PostForm action={props.action} csrf={props.csrf}>
      <p class="hint" id="hours-hint">
        {pmsg.hoursHint[l]}
      </p>
      <table class="data-table hours-table">
        <thead>
          <tr>
            <td></td>
            <th scope="col">{pmsg.opens[l]}</th>
            <th scope="col">{pmsg.closes[l]}</th>
          </tr>
        </thead>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <tr>
              <th scope="row" id={`day-${d}`}>
                {t(`day${d}`, l)}
              </th>
              <td>
                <input
                  type="time"
                  name={`opens_${d}`}
                  id={`f-opens_${d}`}
                  value={byDay.get(d)?.opens ?? ''}
                  aria-invalid={invalid(`opens_${d}`)}
                  aria-label={`${t(`day${d}`, l)}: ${pmsg.opens[l]}`}
                  aria-describedby="hours-hint"
                />
              </td>
              <td>
                <input
                  type="time"
                  name={`closes_${d}`}
                  id={`f-closes_${d}`}
                  value={byDay.get(d)?.closes ?? ''}
                  aria-invalid={invalid(`closes_${d}`)}
                  aria-label={`${t(`day${d}`, l)}: ${pmsg.closes[l]}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit">{pmsg.save[l]}</button>
    </PostForm>
  );
}

export function EditorPage(
  props: ProfilePageBase & {
    data: FirmEditing;
    people: { name: string; email: string; status: string }[];
    notice?: string;
    error?: { message: string; issues: LocalisedIssue[] };
    /** The public page of what is edited here (the firm's listing, or the shop's). */
    publicHref: string;
  },
) {
  const l = props.locale;
  const { firm, products, links, images, establishments } = props.data;
  const isBranch = firm.establishmentId !== null;
  const defaults = firm.defaults;
  const base = unitManagePath({ firmId: firm.id, establishmentId: firm.establishmentId });
  const hours = firm.openingHours ?? defaults?.openingHours ?? null;
  const title = isBranch ? format(pmsg.branchTitle[l], { name: firm.facts.name }) : format(pmsg.manageTitle[l], { name: firm.facts.name });
  const firmValue = (value: string | null | undefined) => (isBranch && value ? format(pmsg.firmValue[l], { value }) : undefined);
  const categories = listCategoryOptions(l);
  return (
    <Layout locale={l} title={title} currentUrl={props.currentUrl} head={networkHead}>
      {isBranch ? (
        <p class="breadcrumb">
          <a href={managePath(firm.id)}>{format(pmsg.manageTitle[l], { name: defaults?.firmName ?? '' })}</a>
        </p>
      ) : null}
      <h1>{title}</h1>
      {isBranch ? (
        <>
          <p class="meta">{format(pmsg.branchOf[l], { firm: defaults?.firmName ?? '' })}</p>
          <p class="hint">{pmsg.branchDefaultsHint[l]}</p>
        </>
      ) : null}
      <p>
        <a class="button-secondary" href={props.publicHref}>
          {pmsg.seeThePage[l]}
        </a>
      </p>
      <nav aria-label={pmsg.sections[l]} class="sub-nav">
        <ul>
          <li>
            <a href="#description">{pmsg.descriptionAndContact[l]}</a>
          </li>
          <li>
            <a href="#hours">{pmsg.openingHours[l]}</a>
          </li>
          <li>
            <a href="#products">{pmsg.products[l]}</a>
          </li>
          <li>
            <a href="#links">{pmsg.links[l]}</a>
          </li>
          <li>
            <a href="#images">{pmsg.images[l]}</a>
          </li>
          <li>
            <a href={`${base}/audit`}>{pmsg.audit[l]}</a>
          </li>
          <li>
            <a href={props.publicHref}>{pmsg.publicPage[l]}</a>
          </li>
          {!isBranch && establishments.length ? (
            <li>
              <a href="#establishments">{pmsg.establishmentsHeading[l]}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />

      <section aria-labelledby="description">
        <h2 id="description">{pmsg.descriptionAndContact[l]}</h2>
        <PostForm action={`${base}/profile`} csrf={props.csrf}>
          {profileLanguages.map((lang) => (
            <p class="field">
              <label for={`f-description_${lang}`}>{format(pmsg.descriptionIn[l], { language: localeNames[lang] })}</label>
              <textarea
                id={`f-description_${lang}`}
                name={`description_${lang}`}
                rows={5}
                maxlength={5000}
                lang={lang}
                placeholder={isBranch ? (defaults?.description[lang] ?? '').slice(0, 200) : undefined}
              >
                {firm.description[lang] ?? ''}
              </textarea>
            </p>
          ))}
          <p class="field">
            <label for="f-category">{pmsg.category[l]}</label>
            <span class="hint" id="f-category-hint">
              {pmsg.categoryHint[l]}
            </span>
            <select id="f-category" name="category" aria-describedby="f-category-hint">
              <option value="">{pmsg.categoryAuto[l]}</option>
              {categories.map((c) => (
                <option value={c.key} selected={firm.category === c.key}>
                  {c.name}
                </option>
              ))}
            </select>
          </p>
          <Field
            issues={props.error?.issues}
            label={`${pmsg.email[l]} ${pmsg.optional[l]}`}
            name="email"
            type="email"
            value={firm.email}
            autocomplete="email"
            hint={firmValue(defaults?.email)}
          />
          <Field
            issues={props.error?.issues}
            label={`${pmsg.phone[l]} ${pmsg.optional[l]}`}
            name="phone"
            type="tel"
            value={firm.phone}
            autocomplete="tel"
            hint={firmValue(defaults?.phone)}
          />
          <Field
            issues={props.error?.issues}
            label={`${pmsg.website[l]} ${pmsg.optional[l]}`}
            name="website"
            type="url"
            value={firm.website}
            autocomplete="url"
            hint={firmValue(defaults?.website)}
          />
          <button type="submit">{pmsg.save[l]}</button>
        </PostForm>
      </section>

      <section aria-labelledby="hours">
        <h2 id="hours">{pmsg.openingHours[l]}</h2>
        {isBranch && !firm.openingHours ? <p class="hint">{pmsg.firmHoursShown[l]}</p> : null}
        <HoursForm locale={l} csrf={props.csrf} action={`${base}/hours`} weekly={hours?.weekly ?? []} issues={props.error?.issues} />
        <h3>{pmsg.exceptions[l]}</h3>
        {(hours?.exceptions ?? []).length === 0 ? (
          <p>{pmsg.noExceptions[l]}</p>
        ) : (
          <ul>
            {(hours?.exceptions ?? []).map((e) => (
              <li>
                {e.date}: {e.closed ? pmsg.closed[l] : `${e.opens ?? ''}–${e.closes ?? ''}`} {e.note ? `(${e.note})` : ''}{' '}
                <PostForm action={`${base}/hours/exceptions/remove`} csrf={props.csrf} class="inline-form" label={`${pmsg.remove[l]} ${e.date}`}>
                  <input type="hidden" name="date" value={e.date} />
                  <button type="submit" class="secondary">
                    {pmsg.remove[l]}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        )}
        <PostForm action={`${base}/hours/exceptions`} csrf={props.csrf} label={pmsg.addException[l]}>
          <fieldset>
            <legend>{pmsg.addException[l]}</legend>
            <Field issues={props.error?.issues} label={pmsg.date[l]} name="date" type="date" required />
            <p class="field checkbox">
              <input type="checkbox" id="f-closed" name="closed" />
              <label for="f-closed">{pmsg.closedAllDay[l]}</label>
            </p>
            <Field issues={props.error?.issues} label={pmsg.opens[l]} name="opens" type="time" />
            <Field issues={props.error?.issues} label={pmsg.closes[l]} name="closes" type="time" />
            <Field issues={props.error?.issues} label={`${pmsg.note[l]} ${pmsg.optional[l]}`} name="note" max={200} />
            <button type="submit">{pmsg.add[l]}</button>
          </fieldset>
        </PostForm>
      </section>

      <section aria-labelledby="products">
        <h2 id="products">{pmsg.products[l]}</h2>
        {isBranch ? <p class="hint">{pmsg.firmProductsShown[l]}</p> : null}
        {products.length === 0 ? <p>{pmsg.noProducts[l]}</p> : null}
        {products.map((p) => (
          <details class="product-edit">
            <summary>
              {p.name} – {t(`kind_${p.kind}`, l)} {p.priceMinor !== null ? `· ${formatMoney(p.priceMinor, p.currency, l)}` : ''}
            </summary>
            <PostForm action={`${base}/products/${p.id}`} csrf={props.csrf} label={format(pmsg.editProduct[l], { name: p.name })}>
              <ProductFields locale={l} prefix={`p${p.id}`} values={p} />
              <button type="submit">{pmsg.save[l]}</button>
            </PostForm>
            <PostForm action={`${base}/products/${p.id}/delete`} csrf={props.csrf} label={`${pmsg.remove[l]}: ${p.name}`}>
              <button type="submit" class="secondary">
                {pmsg.remove[l]}
              </button>
            </PostForm>
          </details>
        ))}
        <PostForm action={`${base}/products`} csrf={props.csrf} label={pmsg.addProduct[l]}>
          <fieldset>
            <legend>{pmsg.addProduct[l]}</legend>
            <ProductFields locale={l} prefix="new" />
            <button type="submit">{pmsg.add[l]}</button>
          </fieldset>
        </PostForm>
      </section>

      {isBranch ? (
        <section aria-labelledby="links">
          <h2 id="links">{pmsg.links[l]}</h2>
          <p>
            {pmsg.linksFirmWide[l]} <a href={`${managePath(firm.id)}#links`}>{pmsg.editFirmProfile[l]}</a>
          </p>
        </section>
      ) : (
        <section aria-labelledby="links">
          <h2 id="links">{pmsg.links[l]}</h2>
          {links.length === 0 ? (
            <p>{pmsg.noLinks[l]}</p>
          ) : (
            <ul>
              {links.map((k) => (
                <li>
                  <a href={k.url} rel="noopener nofollow ugc">
                    {k.label}
                  </a>{' '}
                  <PostForm action={`${base}/links/${k.id}/delete`} csrf={props.csrf} class="inline-form" label={`${pmsg.remove[l]}: ${k.label}`}>
                    <button type="submit" class="secondary">
                      {pmsg.remove[l]}
                    </button>
                  </PostForm>
                </li>
              ))}
            </ul>
          )}
          <PostForm action={`${base}/links`} csrf={props.csrf} label={pmsg.links[l]}>
            <Field issues={props.error?.issues} label={pmsg.linkLabel[l]} name="label" required max={100} />
            <Field issues={props.error?.issues} label={pmsg.linkUrl[l]} name="url" type="url" required />
            <button type="submit">{pmsg.add[l]}</button>
          </PostForm>
        </section>
      )}

      <section aria-labelledby="images">
        <h2 id="images">{pmsg.images[l]}</h2>
        {images.length === 0 ? (
          <p>{pmsg.noImages[l]}</p>
        ) : (
          <ul class="image-grid">
            {images.map((i) => (
              <li>
                <img
                  src={`/media/firm-images/${i.id}/thumb`}
                  width={i.thumbWidth}
                  height={i.thumbHeight}
                  alt={i.altText || format(pmsg.imageOf[l], { name: firm.facts.name })}
                />
                <PostForm action={`${base}/images/${i.id}/delete`} csrf={props.csrf} label={`${pmsg.remove[l]}: ${pmsg.image[l]} ${i.id}`}>
                  <button type="submit" class="secondary">
                    {pmsg.remove[l]}
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${base}/images`} enctype="multipart/form-data" aria-label={pmsg.upload[l]}>
          <CsrfField token={props.csrf || undefined} />
          <p class="field">
            <label for="f-image">{pmsg.image[l]}</label>
            <span class="hint" id="f-image-hint">
              {pmsg.imageHint[l]}
            </span>
            <input id="f-image" name="image" type="file" accept="image/png,image/jpeg,image/webp" required aria-describedby="f-image-hint" />
          </p>
          <Field issues={props.error?.issues} label={pmsg.altText[l]} name="alt_text" max={300} />
          <button type="submit">{pmsg.upload[l]}</button>
        </form>
      </section>

      {!isBranch && establishments.length ? (
        <section aria-labelledby="establishments">
          <h2 id="establishments">{pmsg.establishmentsHeading[l]}</h2>
          <p class="hint">{pmsg.establishmentsHint[l]}</p>
          <ul>
            {establishments.map((e) => (
              <li>
                <a href={unitManagePath({ firmId: firm.id, establishmentId: e.id })}>{e.name}</a>
                {e.city ? ` – ${e.city}` : ''} {e.status === 'closed' ? `(${t('firmStatus_closed', l)})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RegisterFacts locale={l} firm={firm} />

      <section aria-labelledby="people">
        <h2 id="people">{pmsg.people[l]}</h2>
        <ul>
          {props.people.map((p) => (
            <li>
              {p.name || p.email} ({t(`status_${p.status}`, l)})
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function ProductFields(props: {
  locale: Locale;
  prefix: string;
  values?: { kind: string; name: string; description: string | null; priceMinor: number | null; currency: string | null };
}) {
  const l = props.locale;
  const v = props.values;
  const id = (n: string) => `${props.prefix}-${n}`;
  return (
    <>
      <p class="field">
        <label for={id('kind')}>{pmsg.kind[l]}</label>
        <select id={id('kind')} name="kind">
          {(['product', 'service'] as const).map((k) => (
            <option value={k} selected={v?.kind === k}>
              {t(`kind_${k}`, l)}
            </option>
          ))}
        </select>
      </p>
      <p class="field">
        <label for={id('name')}>{pmsg.productName[l]}</label>
        <input id={id('name')} name="name" value={v?.name ?? ''} required maxlength={200} />
      </p>
      <p class="field">
        <label for={id('description')}>{`${pmsg.description[l]} ${pmsg.optional[l]}`}</label>
        <textarea id={id('description')} name="description" rows={3} maxlength={2000}>
          {v?.description ?? ''}
        </textarea>
      </p>
      <p class="field">
        <label for={id('price')}>{`${pmsg.price[l]} ${pmsg.optional[l]}`}</label>
        <span class="hint" id={id('price-hint')}>
          {pmsg.priceHint[l]}
        </span>
        <input id={id('price')} name="price" value={v?.priceMinor != null ? formatMinor(v.priceMinor, null) : ''} aria-describedby={id('price-hint')} />
      </p>
      <p class="field">
        <label for={id('currency')}>{pmsg.currency[l]}</label>
        <select id={id('currency')} name="currency">
          <option value="">—</option>
          {['NOK', 'SEK', 'EUR'].map((c) => (
            <option value={c} selected={v?.currency === c}>
              {c}
            </option>
          ))}
        </select>
      </p>
    </>
  );
}

export function MyFirmsPage(props: ProfilePageBase & { firms: { firmId: number; name: string; orgnr: string; status: string }[]; children?: Child }) {
  const l = props.locale;
  return (
    <Layout locale={l} title={pmsg.myFirms[l]} currentUrl={props.currentUrl} head={networkHead}>
      <h1>{pmsg.myFirms[l]}</h1>
      {props.firms.length === 0 ? (
        <p>{pmsg.noFirms[l]}</p>
      ) : (
        <ul class="card-list">
          {props.firms.map((f) => (
            <li>
              <a href={managePath(f.firmId)}>{f.name}</a> ({f.orgnr}) – {t(`status_${f.status}`, l)}
            </li>
          ))}
        </ul>
      )}
      {props.children}
      <p>
        <a href="/firms">{pmsg.publicPage[l]}</a>
      </p>
    </Layout>
  );
}

/**
 * For the directory's public firm page: "Manage this firm" (claim page for visitors, editor for
 * the firm's people). `firmId` is the registry firm id (an establishment's firm).
 */
export function ManageFirmLink(props: { locale: Locale; firmId: number }) {
  return (
    <a class="manage-firm-link" href={`${managePath(props.firmId)}?lang=${props.locale}`}>
      {pmsg.manageFirm[props.locale]}
    </a>
  );
}
