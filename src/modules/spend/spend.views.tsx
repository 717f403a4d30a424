import type { LocalisedIssue } from '../../shared/errors.js';
import { formatDateTime, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { ErrorSummary, GetForm, Notice, PostForm, SelectField } from '../../shared/views/form.js';
import { ModulePage } from '../../shared/views/module-page.js';
import type { FormError } from '../../shared/http/forms.js';
import { bandOrder, PeriodColumns, ShareBar } from './spend.charts.js';
import type { Band } from './spend.engine.js';
import { ledgerFields, type LedgerField } from './spend.mapping.js';
import { msg } from './spend.messages.js';
import { pivot, type BuyerDto, type ResultsDto, type SupplierToConfirm, type UploadDto } from './spend.service.js';

export interface PageBase {
  locale: Locale;
  currentUrl: string;
  csrf: string;
}

const moneyIn = (l: Locale, minor: number, currency: string) => formatMoney(minor, currency, l);
export const currencyOf = (country: string) => (country === 'NO' ? 'NOK' : country === 'SE' ? 'SEK' : 'EUR');
const bandLabel = (l: Locale) => (b: Band) => msg[`band_${b}`][l];
const percent = (l: Locale, part: number, whole: number) => `${formatNumber(whole ? Math.round((part / whole) * 1000) / 10 : 0, l)} %`;

function Page(props: PageBase & { title: string; children?: unknown; refresh?: boolean }) {
  return (
    <ModulePage
      locale={props.locale}
      title={props.title}
      currentUrl={props.currentUrl}
      stylesheet="spend.css"
      head={props.refresh ? <meta http-equiv="refresh" content="2" /> : null}
    >
      {props.children as never}
    </ModulePage>
  );
}

export function SpendIndexPage(props: PageBase & { buyers: BuyerDto[] }) {
  const l = props.locale;
  return (
    <Page {...props} title={msg.localSpend[l]}>
      <h1>{msg.localSpend[l]}</h1>
      <p>{msg.intro[l]}</p>
      <DataTable label={msg.buyers[l]} headers={[msg.organisation[l], msg.accessCol[l]]} empty={{ isEmpty: props.buyers.length === 0, text: msg.noBuyers[l] }}>
        {props.buyers.map((b) => (
          <tr>
            <td>
              <a href={`/spend/${b.id}?lang=${l}`}>{b.name}</a>
            </td>
            <td>{b.own ? msg.own[l] : msg.sharedWithYou[l]}</td>
          </tr>
        ))}
      </DataTable>
    </Page>
  );
}

export function BuyerPage(
  props: PageBase & {
    buyer: BuyerDto;
    canUpload: boolean;
    canShare: boolean;
    uploads: { id: number; status: string; createdAt: string; files: number; lines: number | null; totalMinor: number | null; isDemo: boolean }[];
    toConfirm: number;
    error?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const base = `/spend/${props.buyer.id}`;
  const cur = currencyOf(props.buyer.country);
  return (
    <Page {...props} title={`${msg.localSpend[l]}: ${props.buyer.name}`}>
      <h1>
        {msg.localSpend[l]}: {props.buyer.name}
      </h1>
      <Notice text={props.notice} />
      <ul class="spend-links">
        <li>
          <a href={`${base}/results?lang=${l}`}>{msg.results[l]}</a>
        </li>
        <li>
          <a href={`${base}/suppliers?lang=${l}`}>
            {msg.toConfirm[l]} ({formatNumber(props.toConfirm, l)})
          </a>
        </li>
        {props.canShare ? (
          <li>
            <a href={`${base}/sharing?lang=${l}`}>
              {msg.sharing[l]} / {msg.publishing[l]}
            </a>
          </li>
        ) : null}
      </ul>
      {props.canUpload ? (
        <section aria-labelledby="bring">
          <h2 id="bring">{msg.bringLedger[l]}</h2>
          <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} fieldId={() => 'f-files'} />
          <PostForm action={`${base}/uploads`} csrf={props.csrf} upload>
            <p class="field">
              <label for="f-files">{msg.files[l]}</label>
              <span class="hint" id="f-files-hint">
                {msg.uploadHint[l]}
              </span>
              <input id="f-files" name="files" type="file" multiple accept=".csv,.txt,.xlsx,.gz,text/csv" aria-describedby="f-files-hint" />
            </p>
            <button type="submit">{msg.upload[l]}</button>
          </PostForm>
        </section>
      ) : null}
      <h2>{msg.uploads[l]}</h2>
      <DataTable
        label={msg.uploads[l]}
        headers={[msg.uploadedAt[l], msg.status[l], msg.files[l], msg.lines[l], msg.total[l]]}
        empty={{ isEmpty: props.uploads.length === 0, text: msg.noUploads[l] }}
      >
        {props.uploads.map((u) => (
          <tr>
            <td>
              <a href={`${base}/uploads/${u.id}?lang=${l}`}>{formatDateTime(u.createdAt, l)}</a> {u.isDemo ? msg.demo[l] : ''}
            </td>
            <td>{msg[`status_${u.status as 'preview'}`]?.[l] ?? u.status}</td>
            <td class="num">{formatNumber(u.files, l)}</td>
            <td class="num">{u.lines === null ? '' : formatNumber(u.lines, l)}</td>
            <td class="num">{u.totalMinor === null ? '' : moneyIn(l, u.totalMinor, cur)}</td>
          </tr>
        ))}
      </DataTable>
    </Page>
  );
}

const fieldLabel = (l: Locale, f: LedgerField) => msg[`field_${f}`][l];

export function UploadPage(props: PageBase & { buyer: BuyerDto; upload: UploadDto; canUpload: boolean; error?: FormError; notice?: string }) {
  const l = props.locale;
  const u = props.upload;
  const base = `/spend/${props.buyer.id}/uploads/${u.id}`;
  const cur = currencyOf(props.buyer.country);
  const importable = u.files.filter((f) => f.status === 'preview');
  const ready = importable.length > 0 && importable.every((f) => f.check && f.missing.length === 0);
  const bad = importable.reduce((a, f) => a + (f.check?.badRows ?? 0), 0);
  return (
    <Page {...props} title={`${msg.preview[l]} – ${props.buyer.name}`} refresh={u.status === 'importing'}>
      <p>
        <a href={`/spend/${props.buyer.id}?lang=${l}`}>{props.buyer.name}</a>
      </p>
      <h1>
        {msg.preview[l]} {u.isDemo ? msg.demo[l] : ''}
      </h1>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <p>
        {msg.status[l]}: <strong>{msg[`status_${u.status as 'preview'}`]?.[l] ?? u.status}</strong>
      </p>
      {u.status === 'importing' && u.progress ? (
        <p role="status">
          <progress max={u.progress.files ?? 1} value={Math.max(0, (u.progress.file ?? 1) - 1)}></progress>{' '}
          {format(msg.progress[l], { file: u.progress.file ?? 0, files: u.progress.files ?? 0, stage: u.progress.stage ?? '' })}
        </p>
      ) : null}
      {u.status === 'failed' ? <p class="field-error">{msg.failedNotice[l]}</p> : null}
      {u.status === 'imported' ? (
        <p>
          <a href={`/spend/${props.buyer.id}/results?lang=${l}`}>{msg.seeResults[l]}</a>
        </p>
      ) : null}
      {u.files.map((f) => (
        <section aria-labelledby={`file-${f.id}`} class="spend-file">
          <h2 id={`file-${f.id}`}>
            {msg.file[l]}: {f.name}
          </h2>
          {f.duplicateOf ? (
            <p>{format(msg.duplicateOf[l], { at: f.duplicateOf.importedAt ? formatDateTime(f.duplicateOf.importedAt, l) : '', name: f.duplicateOf.name })}</p>
          ) : null}
          {f.status === 'failed' || (f.unreadable && !f.staged) ? <p class="field-error">{msg.unreadable[l]}</p> : null}
          {f.status === 'imported' ? (
            <p>{format(msg.importedNotice[l], { lines: formatNumber(f.lines ?? 0, l), skipped: formatNumber(f.skipped ?? 0, l) })}</p>
          ) : null}
          {f.staged ? (
            <p class="spend-facts">
              {msg.format[l]}: {f.staged.format.toUpperCase()}
              {f.staged.compressed ? ' (gzip)' : ''} · {msg.encoding[l]}: {f.staged.encoding} · {msg.delimiter[l]}:{' '}
              {f.staged.delimiter === '\t' ? 'TAB' : `"${f.staged.delimiter}"`} · {msg.lineEnding[l]}: {f.staged.lineEnding} · {msg.decimal[l]}: "{f.decimal}"
            </p>
          ) : null}
          {f.staged && f.status === 'preview' ? <MappingForm {...props} fileId={f.id} file={f} action={`${base}/files/${f.id}/mapping`} /> : null}
          {f.missing.length ? (
            <ul class="field-error">
              {f.missing.map((m) => (
                <li>{msg[`missing_${m}`][l]}</li>
              ))}
            </ul>
          ) : null}
          {f.unreadable && f.staged ? <p class="field-error">{msg.unreadable[l]}</p> : null}
          {f.check ? (
            <>
              <p>
                {format(msg.rowsRead[l], {
                  rows: formatNumber(f.check.rows, l),
                  bad: formatNumber(f.check.badRows, l),
                  suppliers: formatNumber(f.check.suppliers, l),
                  from: f.check.from ?? '',
                  to: f.check.to ?? '',
                })}{' '}
                · {msg.total[l]}: <strong>{moneyIn(l, f.check.totalMinor, cur)}</strong>
              </p>
              {f.check.problems.length ? (
                <>
                  <h3>{msg.problems[l]}</h3>
                  <p>{format(msg.problemsMore[l], { n: f.check.problems.length })}</p>
                  <DataTable label={`${msg.problems[l]}: ${f.name}`} headers={[msg.file[l], msg.line[l], msg.column[l], msg.found[l], msg.expected[l]]}>
                    {f.check.problems.map((p) => (
                      <tr>
                        <td>{f.name}</td>
                        <td class="num">{p.line}</td>
                        <td>{p.column === 'amount' ? msg.amount[l] : p.column === 'date' ? msg.field_date[l] : msg.supplier[l]}</td>
                        <td>{p.found ?? ''}</td>
                        <td>{msg[`expect_${p.column}`][l]}</td>
                      </tr>
                    ))}
                  </DataTable>
                </>
              ) : null}
              <h3>{msg.firstRows[l]}</h3>
              <DataTable
                label={`${msg.firstRows[l]}: ${f.name}`}
                headers={[msg.line[l], msg.field_date[l], msg.field_supplier_id[l], msg.field_supplier_name[l], msg.amount[l], msg.account[l], msg.category[l]]}
              >
                {f.check.first.map((r) => (
                  <tr>
                    <td class="num">{r.line}</td>
                    <td>{r.booked ?? ''}</td>
                    <td>{r.supplierId ?? ''}</td>
                    <td>{r.supplierName ?? ''}</td>
                    <td class="num">{r.amountMinor === null ? '' : moneyIn(l, r.amountMinor, cur)}</td>
                    <td>{r.account ?? ''}</td>
                    <td>{r.category ?? ''}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          ) : null}
        </section>
      ))}
      {props.canUpload && u.status === 'preview' ? (
        <section aria-labelledby="decide" class="spend-actions">
          <h2 id="decide">{msg.importAll[l]}</h2>
          {ready && bad === 0 ? (
            <PostForm action={`${base}/import`} csrf={props.csrf}>
              <input type="hidden" name="mode" value="all" />
              <button type="submit">{msg.importAll[l]}</button>
            </PostForm>
          ) : null}
          {ready && bad > 0 ? (
            <>
              <p>{msg.orFix[l]}</p>
              <PostForm action={`${base}/import`} csrf={props.csrf}>
                <input type="hidden" name="mode" value="without-bad" />
                <button type="submit">{format(msg.importWithout[l], { n: formatNumber(bad, l) })}</button>
              </PostForm>
            </>
          ) : null}
          <PostForm action={`${base}/discard`} csrf={props.csrf}>
            <button type="submit" class="secondary">
              {msg.discard[l]}
            </button>
          </PostForm>
        </section>
      ) : null}
    </Page>
  );
}

function MappingForm(props: PageBase & { fileId: number; file: UploadDto['files'][number]; action: string; error?: FormError }) {
  const l = props.locale;
  const f = props.file;
  const headers = f.staged!.headers;
  const samples = (column: number | undefined) =>
    column === undefined
      ? ''
      : f
          .staged!.samples.map((r) => r[column] ?? '')
          .filter((v) => v !== '')
          .slice(0, 3)
          .join(' · ');
  return (
    <PostForm action={props.action} csrf={props.csrf} label={`${msg.mapping[l]}: ${f.name}`}>
      <h3>{msg.mapping[l]}</h3>
      <p>{msg.mappingHint[l]}</p>
      <DataTable label={`${msg.mapping[l]}: ${f.name}`} headers={[msg.fieldCol[l], msg.columnCol[l], msg.sampleCol[l], msg.howCol[l]]}>
        {ledgerFields.map((field) => {
          const id = `f${props.fileId}-${field}`;
          const chosen = f.mapping[field];
          return (
            <tr>
              <td>
                <label for={id}>{fieldLabel(l, field)}</label>
              </td>
              <td>
                <select id={id} name={field}>
                  <option value="-1">{msg.notInFile[l]}</option>
                  {headers.map((h, i) => (
                    <option value={String(i)} selected={chosen === i}>
                      {h || `#${i + 1}`}
                    </option>
                  ))}
                </select>
              </td>
              <td>{samples(chosen)}</td>
              <td>{chosen === undefined ? '' : msg[`source_${f.sources[field] ?? 'none'}`][l]}</td>
            </tr>
          );
        })}
      </DataTable>
      <button type="submit">{msg.saveMapping[l]}</button>
    </PostForm>
  );
}

export function SuppliersPage(props: PageBase & { buyer: BuyerDto; rows: SupplierToConfirm[]; canConfirm: boolean; error?: FormError; notice?: string }) {
  const l = props.locale;
  const cur = currencyOf(props.buyer.country);
  return (
    <Page {...props} title={`${msg.toConfirm[l]} – ${props.buyer.name}`}>
      <p>
        <a href={`/spend/${props.buyer.id}?lang=${l}`}>{props.buyer.name}</a>
      </p>
      <h1>{msg.toConfirm[l]}</h1>
      <p>{msg.toConfirmHint[l]}</p>
      <Notice text={props.notice} />
      <ErrorSummary locale={l} message={props.error?.message} issues={props.error?.issues} />
      <DataTable
        label={msg.toConfirm[l]}
        headers={[msg.supplier[l], msg.amount[l], msg.confidence[l], props.canConfirm ? msg.candidate[l] : null]}
        empty={{ isEmpty: props.rows.length === 0, text: msg.nothingToConfirm[l] }}
      >
        {props.rows.map((r, i) => (
          <tr>
            <td>
              {r.name ?? ''} {r.supplierNo ? `(${r.supplierNo})` : ''}
            </td>
            <td class="num">{moneyIn(l, r.amountMinor, cur)}</td>
            <td class="num">{r.confidence === null ? '' : `${Math.round(r.confidence * 100)} %`}</td>
            {props.canConfirm ? (
              <td>
                <PostForm action={`/spend/${props.buyer.id}/suppliers/confirm`} csrf={props.csrf}>
                  <input type="hidden" name="key" value={Buffer.from(r.rawKey, 'utf8').toString('base64url')} />
                  <label for={`c-${i}`} class="visually-hidden">
                    {msg.candidate[l]}
                  </label>
                  <select id={`c-${i}`} name="firmId">
                    {r.candidates.map((c) => (
                      <option value={String(c.id)}>
                        {c.name} ({c.nationalId})
                      </option>
                    ))}
                    <option value="none">{msg.noneOfThem[l]}</option>
                  </select>{' '}
                  <button type="submit">{msg.confirm[l]}</button>
                </PostForm>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </Page>
  );
}

/** A table of amounts per band for keys (years, quarters, sectors, accounts), with the local share. */
function BandTable(props: {
  locale: Locale;
  label: string;
  keyHeader: string;
  rows: { key: string; name?: string; byBand: Record<Band, number>; total: number }[];
  currency: string;
  exportHref?: string;
}) {
  const l = props.locale;
  return (
    <>
      <DataTable
        label={props.label}
        headers={[
          props.keyHeader,
          ...bandOrder.map((b) => ({ text: msg[`band_${b}`][l], class: 'num' })),
          { text: msg.total[l], class: 'num' },
          { text: msg.localShare[l], class: 'num' },
        ]}
      >
        {props.rows.map((r) => (
          <tr>
            <th scope="row">{r.name || r.key || msg.notKnown[l]}</th>
            {bandOrder.map((b) => (
              <td class="num">{moneyIn(l, r.byBand[b], props.currency)}</td>
            ))}
            <td class="num">{moneyIn(l, r.total, props.currency)}</td>
            <td class="num">{percent(l, r.byBand.municipality + r.byBand.region, r.total)}</td>
          </tr>
        ))}
      </DataTable>
      {props.exportHref ? <ExportLinks locale={l} href={props.exportHref} what={props.label} /> : null}
    </>
  );
}

function ExportLinks(props: { locale: Locale; href: string; what: string }) {
  const l = props.locale;
  const join = props.href.includes('?') ? '&' : '?';
  return (
    <p class="spend-export no-print">
      {msg.download[l]}:{' '}
      <a href={`${props.href}${join}format=csv`} aria-label={`${props.what} – CSV`}>
        CSV
      </a>{' '}
      ·{' '}
      <a href={`${props.href}${join}format=xlsx`} aria-label={`${props.what} – XLSX`}>
        XLSX
      </a>
    </p>
  );
}

export function ResultsPage(
  props: PageBase & { r: ResultsDto; printable?: boolean; publicView?: boolean; query: string; canEditShares: boolean; notice?: string },
) {
  const l = props.locale;
  const r = props.r;
  const cur = currencyOf(r.buyer.country);
  const base = props.publicView ? `/spend/public/${r.buyer.id}` : `/spend/${r.buyer.id}`;
  const exportBase = props.publicView ? undefined : (table: string) => `/spend/${r.buyer.id}/export/${table}?${props.query}`;
  const totals = pivot(r.total)[0] ?? { key: '', byBand: { municipality: 0, region: 0, country: 0, abroad: 0, unknown: 0 }, total: 0 };
  const years = pivot(r.byYear);
  const quarters = pivot(r.byQuarter);
  const sections = pivot(r.bySection)
    .map((p) => ({ ...p, name: r.bySection.find((s) => s.key === p.key)?.name }))
    .sort((a, b) => b.total - a.total);
  const accounts = pivot(r.byAccount).sort((a, b) => b.total - a.total);
  const categories = pivot(r.byCategory).sort((a, b) => b.total - a.total);
  const title = `${props.publicView ? msg.publishedSpend[l] : msg.results[l]}: ${r.buyer.name}`;
  const counts = r.suppliers;
  return (
    <Page {...props} title={title}>
      <div class={props.printable ? 'spend-report printable' : 'spend-report'}>
        {props.publicView ? null : (
          <p class="no-print">
            <a href={`/spend/${r.buyer.id}?lang=${l}`}>{r.buyer.name}</a> ·{' '}
            {props.printable ? (
              <a href={`${base}/results?${props.query}`}>{msg.results[l]}</a>
            ) : (
              <a href={`${base}/report?${props.query}`}>{msg.printable[l]}</a>
            )}
          </p>
        )}
        <h1>{title}</h1>
        <Notice text={props.notice} />
        {props.publicView || props.printable ? null : (
          <GetForm action={`${base}/results`} locale={l} class="spend-filter no-print">
            <p class="field">
              <label for="f-from">{msg.from[l]}</label>
              <input id="f-from" name="from" type="date" value={r.period.from} />
            </p>
            <p class="field">
              <label for="f-to">{msg.to[l]}</label>
              <input id="f-to" name="to" type="date" value={r.period.to} />
            </p>
            <p class="field">
              <label for="f-home">{msg.homeMunicipality[l]}</label>
              <select id="f-home" name="home">
                {r.area.choices.map((c) => (
                  <option value={c.code} selected={c.code === r.area.home?.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </p>
            <button type="submit">{msg.show[l]}</button>
          </GetForm>
        )}
        <p>
          {msg.period[l]}: {r.period.from} – {r.period.to} · {msg.homeMunicipality[l]}: {r.area.home?.name ?? '–'} ·{' '}
          {r.area.region.label === 'coverage' ? msg.regionIsCoverage[l] : format(msg.regionIsCounty[l], { name: r.area.region.name })}
        </p>
        <p class="hint">{msg.locationBasis[l]}</p>
        {!r.hasLines ? <p>{msg.noLines[l]}</p> : null}
        {props.publicView ? null : (
          <p>
            {format(msg.matchSummary[l], {
              matched: formatNumber(counts.matched?.n ?? 0, l),
              suggested: formatNumber(counts.suggested?.n ?? 0, l),
              unmatched: formatNumber((counts.unmatched?.n ?? 0) + (counts.abroad?.n ?? 0), l),
              private: formatNumber(counts.private?.n ?? 0, l),
            })}
          </p>
        )}
        <section class="spend-section">
          <h2 id="h-total">
            {msg.totalSpend[l]}: {moneyIn(l, totals.total, cur)}
          </h2>
          <ShareBar locale={l} label={format(msg.chartOf[l], { what: msg.shares[l] })} byBand={totals.byBand} bandLabel={bandLabel(l)} />
          <DataTable label={msg.shares[l]} headers={[msg.band[l], { text: msg.amount[l], class: 'num' }, { text: msg.share[l], class: 'num' }]}>
            {bandOrder.map((b) => (
              <tr>
                <th scope="row">{msg[`band_${b}`][l]}</th>
                <td class="num">{moneyIn(l, totals.byBand[b], cur)}</td>
                <td class="num">{percent(l, totals.byBand[b], totals.total)}</td>
              </tr>
            ))}
          </DataTable>
          {exportBase ? <ExportLinks locale={l} href={exportBase('shares')} what={msg.shares[l]} /> : null}
        </section>
        <section class="spend-section">
          <h2 id="h-year">{msg.byYear[l]}</h2>
          <PeriodColumns locale={l} label={format(msg.chartOf[l], { what: msg.byYear[l] })} rows={years} />
          <BandTable locale={l} label={msg.byYear[l]} keyHeader={msg.year[l]} rows={years} currency={cur} exportHref={exportBase?.('years')} />
        </section>
        <section class="spend-section">
          <h2 id="h-quarter">{msg.byQuarter[l]}</h2>
          <PeriodColumns locale={l} label={format(msg.chartOf[l], { what: msg.byQuarter[l] })} rows={quarters} />
          <BandTable locale={l} label={msg.byQuarter[l]} keyHeader={msg.quarter[l]} rows={quarters} currency={cur} exportHref={exportBase?.('quarters')} />
        </section>
        <section class="spend-section">
          <h2 id="h-sector">{msg.bySector[l]}</h2>
          <BandTable locale={l} label={msg.bySector[l]} keyHeader={msg.sector[l]} rows={sections} currency={cur} exportHref={exportBase?.('sectors')} />
        </section>
        {props.publicView ? null : (
          <>
            <section class="spend-section">
              <h2 id="h-account">{msg.byAccount[l]}</h2>
              <BandTable locale={l} label={msg.byAccount[l]} keyHeader={msg.account[l]} rows={accounts} currency={cur} exportHref={exportBase?.('accounts')} />
            </section>
            <section class="spend-section">
              <h2 id="h-category">{msg.byCategory[l]}</h2>
              <BandTable
                locale={l}
                label={msg.byCategory[l]}
                keyHeader={msg.category[l]}
                rows={categories}
                currency={cur}
                exportHref={exportBase?.('categories')}
              />
            </section>
            <section class="spend-section">
              <h2 id="h-top">{msg.topSuppliers[l]}</h2>
              <DataTable
                label={msg.topSuppliers[l]}
                headers={[
                  msg.band[l],
                  msg.supplier[l],
                  msg.businessId[l],
                  msg.placedBy[l],
                  { text: msg.amount[l], class: 'num' },
                  { text: msg.lines[l], class: 'num' },
                ]}
              >
                {r.top.map((t) => (
                  <tr>
                    <td>{msg[`band_${t.band}`][l]}</td>
                    <td>
                      {t.private ? (
                        msg.privatePersons[l]
                      ) : t.firmId !== null ? (
                        <a href={`/firms/by-firm/${t.firmId}?lang=${l}`}>{t.label ?? msg.unnamed[l]}</a>
                      ) : (
                        (t.label ?? msg.unnamed[l])
                      )}
                    </td>
                    <td>{t.supplierNo ?? ''}</td>
                    <td>{t.basis ? msg[`basis_${t.basis as 'registered'}`][l] : ''}</td>
                    <td class="num">{moneyIn(l, t.minor, cur)}</td>
                    <td class="num">{formatNumber(t.lines, l)}</td>
                  </tr>
                ))}
              </DataTable>
              {exportBase ? <ExportLinks locale={l} href={exportBase('suppliers')} what={msg.topSuppliers[l]} /> : null}
            </section>
          </>
        )}
        <section class="spend-section">
          <h2 id="h-could">{msg.couldBeLocal[l]}</h2>
          <p>{msg.couldBeLocalHint[l]}</p>
          <DataTable
            label={msg.couldBeLocal[l]}
            headers={[
              msg.sector[l],
              { text: msg.paidOutside[l], class: 'num' },
              { text: msg.outsideSuppliers[l], class: 'num' },
              msg.accountsPaying[l],
              msg.localFirms[l],
            ]}
            empty={{ isEmpty: r.couldBeLocal.length === 0, text: msg.nothingCouldBeLocal[l] }}
          >
            {r.couldBeLocal.map((c) => (
              <tr>
                <th scope="row">
                  {c.division} {c.divisionName}
                </th>
                <td class="num">{moneyIn(l, c.minor, cur)}</td>
                <td class="num">{formatNumber(c.suppliers, l)}</td>
                <td>{props.publicView ? '' : c.accounts.join('; ')}</td>
                <td>
                  <ul class="spend-firms">
                    {c.localFirms.map((f) => (
                      <li>
                        <a href={`/firms/by-firm/${f.id}?lang=${l}`}>{f.name}</a>
                      </li>
                    ))}
                  </ul>
                  {c.localFirmCount > c.localFirms.length ? format(msg.andMore[l], { n: c.localFirmCount - c.localFirms.length }) : ''}
                </td>
              </tr>
            ))}
          </DataTable>
          {exportBase ? <ExportLinks locale={l} href={exportBase('could-be-local')} what={msg.couldBeLocal[l]} /> : null}
        </section>
        <section class="spend-section">
          <h2 id="h-lm3">
            {msg.lm3[l]}: {formatNumber(r.lm3.lm3, l)}
          </h2>
          <p>{msg.lm3Hint[l]}</p>
          <DataTable label={msg.lm3[l]} headers={[msg.roundCol[l], { text: msg.amount[l], class: 'num' }]}>
            <tr>
              <th scope="row">{msg.round1[l]}</th>
              <td class="num">{moneyIn(l, r.lm3.round1, cur)}</td>
            </tr>
            <tr>
              <th scope="row">{msg.round2[l]}</th>
              <td class="num">{moneyIn(l, r.lm3.round2, cur)}</td>
            </tr>
            <tr>
              <th scope="row">{msg.round3[l]}</th>
              <td class="num">{moneyIn(l, r.lm3.round3, cur)}</td>
            </tr>
          </DataTable>
          <Lm3Shares {...props} />
          {exportBase ? <ExportLinks locale={l} href={exportBase('lm3')} what={msg.lm3[l]} /> : null}
        </section>
      </div>
    </Page>
  );
}

function Lm3Shares(props: PageBase & { r: ResultsDto; canEditShares: boolean; printable?: boolean }) {
  const l = props.locale;
  const r = props.r;
  const cur = currencyOf(r.buyer.country);
  const rows = r.lm3.shares.map((s) => (
    <tr>
      <th scope="row">{s.name || msg.notKnown[l]}</th>
      <td class="num">{moneyIn(l, s.localMinor, cur)}</td>
      <td class="num">
        {props.canEditShares && !props.printable ? (
          <>
            <label for={`share-${s.section}`} class="visually-hidden">
              {format(msg.sharePercent[l], { name: s.name })}
            </label>
            <input
              id={`share-${s.section}`}
              name={`share_${s.section}`}
              type="number"
              min="0"
              max="100"
              step="1"
              value={String(Math.round(s.share * 100))}
              class="spend-share"
            />
          </>
        ) : (
          `${formatNumber(Math.round(s.share * 100), l)} %`
        )}
      </td>
      <td>{s.entered ? msg.entered[l] : msg.assumed[l]}</td>
    </tr>
  ));
  const table = (
    <DataTable
      label={msg.respendShare[l]}
      headers={[msg.sector[l], { text: msg.round2[l], class: 'num' }, { text: msg.respendShare[l], class: 'num' }, msg.basisCol[l]]}
    >
      {rows}
    </DataTable>
  );
  if (!props.canEditShares || props.printable || r.lm3.shares.length === 0) return table;
  return (
    <PostForm action={`/spend/${r.buyer.id}/lm3`} csrf={props.csrf} label={msg.respendShare[l]}>
      {table}
      <button type="submit">{msg.saveShares[l]}</button>
    </PostForm>
  );
}

export function SharingPage(
  props: PageBase & {
    buyer: BuyerDto;
    sharedWith: { id: number; name: string }[];
    candidates: { id: number; name: string }[];
    publishedYear: number | null;
    years: number[];
    error?: FormError;
    notice?: string;
  },
) {
  const l = props.locale;
  const base = `/spend/${props.buyer.id}`;
  return (
    <Page {...props} title={`${msg.sharing[l]} – ${props.buyer.name}`}>
      <p>
        <a href={`${base}?lang=${l}`}>{props.buyer.name}</a>
      </p>
      <h1>{msg.sharing[l]}</h1>
      <Notice text={props.notice} />
      <ErrorSummary
        locale={l}
        message={props.error?.message}
        issues={props.error?.issues}
        fieldId={(f) => (f === 'organisationId' ? 'f-organisationId' : undefined)}
      />
      <p>{msg.sharingHint[l]}</p>
      <DataTable
        label={msg.sharedWith[l]}
        headers={[msg.organisation[l], msg.actionCol[l]]}
        empty={{ isEmpty: props.sharedWith.length === 0, text: msg.notShared[l] }}
      >
        {props.sharedWith.map((o) => (
          <tr>
            <td>{o.name}</td>
            <td>
              <PostForm action={`${base}/sharing`} csrf={props.csrf}>
                <input type="hidden" name="organisationId" value={String(o.id)} />
                <input type="hidden" name="on" value="0" />
                <button type="submit" class="secondary" aria-label={`${msg.stopSharing[l]}: ${o.name}`}>
                  {msg.stopSharing[l]}
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </DataTable>
      {props.candidates.length ? (
        <PostForm action={`${base}/sharing`} csrf={props.csrf} label={msg.shareWith[l]}>
          <SelectField
            label={msg.shareWith[l]}
            name="organisationId"
            options={props.candidates.map((o) => ({ value: String(o.id), label: o.name }))}
            issues={props.error?.issues}
          />
          <input type="hidden" name="on" value="1" />
          <button type="submit">{msg.shareWith[l]}</button>
        </PostForm>
      ) : null}
      <h2>{msg.publishing[l]}</h2>
      <p>{msg.publishHint[l]}</p>
      <p>{props.publishedYear ? `${msg.publishedYear[l]}: ${props.publishedYear}` : msg.notPublished[l]}</p>
      <PostForm action={`${base}/publish`} csrf={props.csrf} label={msg.publish[l]}>
        <SelectField
          label={msg.year[l]}
          name="year"
          value={props.publishedYear ? String(props.publishedYear) : ''}
          options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <button type="submit">{msg.publish[l]}</button>
      </PostForm>
      {props.publishedYear ? (
        <PostForm action={`${base}/publish`} csrf={props.csrf} label={msg.unpublish[l]}>
          <input type="hidden" name="year" value="" />
          <button type="submit" class="secondary">
            {msg.unpublish[l]}
          </button>
        </PostForm>
      ) : null}
    </Page>
  );
}

export function PublishedListPage(props: PageBase & { rows: { organisationId: number; name: string; year: number }[] }) {
  const l = props.locale;
  return (
    <Page {...props} title={msg.publishedSpend[l]}>
      <h1>{msg.publishedSpend[l]}</h1>
      <p>{msg.intro[l]}</p>
      <DataTable
        label={msg.publishedSpend[l]}
        headers={[msg.organisation[l], msg.year[l]]}
        empty={{ isEmpty: props.rows.length === 0, text: msg.nothingPublished[l] }}
      >
        {props.rows.map((r) => (
          <tr>
            <td>
              <a href={`/spend/public/${r.organisationId}?lang=${l}`}>{r.name}</a>
            </td>
            <td>{r.year}</td>
          </tr>
        ))}
      </DataTable>
    </Page>
  );
}

export type { LocalisedIssue };
