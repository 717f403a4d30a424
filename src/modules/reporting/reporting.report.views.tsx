import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { PostForm } from '../../shared/views/form.js';
import type { Template } from './reporting.catalogue.js';
import type { IndicatorValue, ReportResult } from './reporting.compute.js';
import { genderLabel, msg, partLabel, sizeLabel } from './reporting.messages.js';
import type { FirmRow, FrozenView, ReportView } from './reporting.service.js';
import type { FirmReportFacts } from '../registry/registry.service.js';
import { BackLink, ReportingLayout, type PageBase } from './reporting.views.js';

/** The money of a report: the currency of its organisation's country (gift cards are sold in it). */
export const currencyOfZone = (zone: string) => (zone === 'Europe/Stockholm' ? 'SEK' : zone === 'Europe/Helsinki' ? 'EUR' : 'NOK');

/** A figure as people read it: money from minor units, per cent with one decimal, counts grouped. */
export function shownValue(ind: Pick<IndicatorValue, 'unit' | 'value'>, l: Locale, currency = 'EUR'): string {
  if (ind.value === null) return msg.notComputable[l];
  if (ind.unit === 'money') return formatMoney(ind.value, currency, l);
  if (ind.unit === 'percent') return `${new Intl.NumberFormat(l === 'en' ? 'en-GB' : l, { maximumFractionDigits: 1 }).format(ind.value)} %`;
  return formatNumber(ind.value, l);
}

/** The label of a part of a figure: enterprise sizes, participants' gender, a share's numerator and denominator. */
export function splitLabel(template: Template, ind: Pick<IndicatorValue, 'key'>, key: string, l: Locale): string {
  const kind = template.indicators.find((i) => i.key === ind.key)?.rule.kind;
  return kind === 'total' ? genderLabel(key, l) : kind === 'share' ? partLabel(key, l) : sizeLabel(key, l);
}

/** A horizontal bar chart drawn on the server (an image with a name; the same figures are in the table beside it). */
export function BarChart(props: { id: string; title: string; bars: { label: string; value: number }[] }) {
  const rowHeight = 28;
  const labelWidth = 170;
  const width = 520;
  const height = Math.max(1, props.bars.length) * rowHeight + 8;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const barMax = width - labelWidth - 70;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-t`} preserveAspectRatio="xMinYMin meet">
        <title id={`${props.id}-t`}>{props.title}</title>
        {props.bars.map((b, i) => {
          const y = 4 + i * rowHeight;
          const w = Math.max(1, Math.round((b.value / max) * barMax));
          return (
            <g>
              <text x={labelWidth - 6} y={y + 17} text-anchor="end" class="bar-label">
                {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 10} class="bar" />
              <text x={labelWidth + w + 6} y={y + 17} class="bar-value">
                {String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

function Charts(props: { template: Template; result: ReportResult; l: Locale }) {
  const { template, result, l } = props;
  const sized = result.indicators.find((i) => i.split && template.indicators.find((d) => d.key === i.key)?.rule.kind === 'firms');
  const gender = result.indicators.find((i) => i.split && template.indicators.find((d) => d.key === i.key)?.rule.kind === 'total');
  const firmFigures = result.indicators.filter((i) => i.unit === 'firms');
  return (
    <section class="charts" aria-labelledby="charts-h">
      <h2 id="charts-h">{msg.charts[l]}</h2>
      {sized?.split ? (
        <BarChart
          id="chart-size"
          title={`${msg.chartSize[l]} (${sized.code})`}
          bars={sized.split.map((s) => ({ label: sizeLabel(s.key, l), value: s.value }))}
        />
      ) : null}
      {firmFigures.length > 1 ? (
        <BarChart id="chart-indicators" title={msg.chartIndicators[l]} bars={firmFigures.map((i) => ({ label: i.code, value: i.value ?? 0 }))} />
      ) : null}
      {gender?.split ? (
        <BarChart id="chart-gender" title={msg.chartGender[l]} bars={gender.split.map((s) => ({ label: genderLabel(s.key, l), value: s.value }))} />
      ) : null}
    </section>
  );
}

/** The figures table: code, indicator (with the funder's definition), value, breakdown, the firms behind it. */
export function FiguresTable(props: {
  template: Template;
  result: ReportResult;
  l: Locale;
  currency: string;
  firmsHref?: (indicator: string, split?: string) => string;
  caption?: string;
}) {
  const { template, result, l } = props;
  return (
    <DataTable
      label={props.caption ?? template.name[l]}
      headers={[msg.code[l], msg.indicator[l], msg.value[l], msg.split[l], props.firmsHref ? msg.firms[l] : null]}
    >
      {result.indicators.map((ind) => {
        const def = template.indicators.find((i) => i.key === ind.key);
        return (
          <tr>
            <th scope="row">{ind.code}</th>
            <td>
              <strong>{def?.name[l] ?? ind.key}</strong>
              <br />
              <span class="hint">{def?.definition[l]}</span>
            </td>
            <td class="num">{shownValue(ind, l, props.currency)}</td>
            <td>
              {ind.split ? (
                <ul class="split">
                  {ind.split.map((s) => (
                    <li>
                      {splitLabel(template, ind, s.key, l)}:{' '}
                      {props.firmsHref && s.firmIds && s.value > 0 ? (
                        <a href={props.firmsHref(ind.key, s.key)}>{formatNumber(s.value, l)}</a>
                      ) : s.unit ? (
                        shownValue({ unit: s.unit, value: s.value }, l, props.currency)
                      ) : (
                        formatNumber(s.value, l)
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
            </td>
            {props.firmsHref ? (
              <td>
                {ind.firmIds.length ? (
                  <a href={props.firmsHref(ind.key)} aria-label={format(msg.showFirmsOf[l], { code: ind.code })}>
                    {format(msg.firmsCount[l], { n: formatNumber(ind.firmIds.length, l) })}
                  </a>
                ) : (
                  ''
                )}
              </td>
            ) : null}
          </tr>
        );
      })}
    </DataTable>
  );
}

function MissingSection(props: { result: ReportResult; l: Locale; names?: Map<number, FirmReportFacts> }) {
  const { result, l } = props;
  const m = result.missing;
  const groups: [string, number[]][] = [
    [msg.withoutSize[l], m.withoutSize],
    [msg.sizeFromToday[l], m.sizeFromToday],
    [msg.outcomesWithoutEvidence[l], m.outcomesWithoutEvidence],
    [msg.withoutTurnover[l], m.withoutTurnover],
    [msg.withoutLeaders[l], m.withoutLeaders],
    [msg.withoutValueCreation[l], m.withoutValueCreation ?? []],
  ];
  const any = groups.some(([, ids]) => ids.length);
  return (
    <section aria-labelledby="missing-h" class="missing">
      <h2 id="missing-h">{msg.missing[l]}</h2>
      {any ? (
        <ul>
          {groups
            .filter(([, ids]) => ids.length)
            .map(([label, ids]) => (
              <li>
                {label}: {formatNumber(ids.length, l)}
                {props.names ? (
                  <span class="hint">
                    {' '}
                    (
                    {ids
                      .slice(0, 12)
                      .map((id) => props.names?.get(id)?.name ?? `#${id}`)
                      .join(', ')}
                    {ids.length > 12 ? ', …' : ''})
                  </span>
                ) : null}
              </li>
            ))}
        </ul>
      ) : (
        <p>{msg.nothingMissing[l]}</p>
      )}
    </section>
  );
}

export function ReportPage(props: PageBase & { view: ReportView; names?: Map<number, FirmReportFacts> }) {
  const l = props.locale;
  const { scope, template, period, result } = props.view;
  const base = `/reports/r/${scope.key}/${template.key}`;
  const q = `from=${period.from}&to=${period.to}`;
  const title = `${template.name[l]} – ${scope.name}`;
  return (
    <ReportingLayout {...props} title={title}>
      <BackLink locale={l} />
      <h1>{template.name[l]}</h1>
      <p class="lead">
        {format(msg.reportFor[l], { scope: scope.name })} · {msg.funder[l]}: {template.funder[l]}
      </p>
      <p>{format(msg.periodLine[l], { from: formatDate(period.from, l), to: formatDate(period.to, l), zone: scope.timeZone })}</p>
      <form method="get" action={base} class="period-form no-print">
        <p class="field">
          <label for="p-from">{msg.from[l]}</label>
          <input id="p-from" type="date" name="from" value={period.from} />
        </p>
        <p class="field">
          <label for="p-to">{msg.to[l]}</label>
          <input id="p-to" type="date" name="to" value={period.to} />
        </p>
        <p>
          <button type="submit">{msg.show[l]}</button>
        </p>
      </form>
      <p class="counted-once">{format(msg.countedOnce[l], { firms: formatNumber(result.firmsCounted, l), facts: formatNumber(result.factsRead, l) })}</p>
      <FiguresTable
        template={template}
        result={result}
        l={l}
        currency={currencyOfZone(scope.timeZone)}
        firmsHref={props.view.canFirms ? (ind, split) => `${base}/firms?${q}&indicator=${ind}${split ? `&split=${split}` : ''}` : undefined}
      />
      <Charts template={template} result={result} l={l} />
      <MissingSection result={result} l={l} names={props.names} />
      <section class="no-print actions" aria-label={msg.exportXlsx[l]}>
        <p>
          <a href={`${base}/report.xlsx?${q}`}>{msg.exportXlsx[l]}</a> · <a href={`${base}/report.csv?${q}`}>{msg.exportCsv[l]}</a>
        </p>
        <p class="hint">{msg.print[l]}</p>
        {props.view.canFreeze ? (
          <PostForm action={`${base}/freeze?${q}`} csrf={props.csrf} label={msg.freeze[l]}>
            <p class="hint">{msg.freezeHelp[l]}</p>
            <button type="submit">{msg.freeze[l]}</button>
          </PostForm>
        ) : null}
      </section>
    </ReportingLayout>
  );
}

export function FirmsPage(
  props: PageBase & {
    scopeName: string;
    template: Template;
    indicator: IndicatorValue;
    part: string | null;
    period: { from: string; to: string };
    rows: FirmRow[];
    back: string;
  },
) {
  const l = props.locale;
  const def = props.template.indicators.find((i) => i.key === props.indicator.key);
  const title = `${format(msg.showFirmsOf[l], { code: props.indicator.code })}${props.part ? ` (${sizeLabel(props.part, l)})` : ''}`;
  return (
    <ReportingLayout {...props} title={title}>
      <p class="no-print">
        <a href={props.back}>{props.template.name[l]}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {def?.name[l]} · {props.scopeName} · {formatDate(props.period.from, l)} – {formatDate(props.period.to, l)}
      </p>
      <p class="hint">{msg.readLogged[l]}</p>
      <DataTable
        label={title}
        headers={[msg.name[l], msg.nationalId[l], msg.municipality[l], msg.size[l], msg.sizeSource[l], msg.firstSupport[l]]}
        empty={{ isEmpty: props.rows.length === 0, text: msg.noFirms[l] }}
      >
        {props.rows.map((r) => (
          <tr>
            <td>
              <a href={`/coaching/firms/${r.id}`}>{r.name}</a>
            </td>
            <td>
              {r.country} {r.nationalId}
            </td>
            <td>{r.municipalityCode ?? ''}</td>
            <td>{sizeLabel(r.size, l)}</td>
            <td>{r.size === 'unknown' ? '' : r.sizeFromToday ? msg.sourceToday[l] : msg.sourceRecorded[l]}</td>
            <td>{r.firstOn ? formatDate(r.firstOn, l) : ''}</td>
          </tr>
        ))}
      </DataTable>
    </ReportingLayout>
  );
}

export function FrozenPage(props: PageBase & { view: FrozenView }) {
  const l = props.locale;
  const v = props.view;
  const title = format(msg.frozenTitle[l], { template: v.template.name[l] });
  return (
    <ReportingLayout {...props} title={title}>
      <BackLink locale={l} />
      <h1>{title}</h1>
      <p>
        {v.scope.name} · {formatDate(v.period.from, l)} – {formatDate(v.period.to, l)} ·{' '}
        {format(msg.frozenOn[l], { at: formatDateTime(v.frozenAt, l, v.scope.timeZone) })}
      </p>
      <p>
        {msg.dataVersion[l]}: <code>{v.frozenVersion}</code>
      </p>
      <FiguresTable template={v.template} result={v.frozen} l={l} currency={currencyOfZone(v.scope.timeZone)} caption={msg.frozenValue[l]} />
      <h2>{msg.rerun[l]}</h2>
      <p>
        {msg.dataVersion[l]}: <code>{v.rerunVersion}</code>
      </p>
      {v.changes.length === 0 ? (
        <p class="no-changes">{msg.noDifferences[l]}</p>
      ) : (
        <DataTable
          label={msg.differences[l]}
          caption={msg.differences[l]}
          headers={[msg.code[l], msg.frozenValue[l], msg.nowValue[l], msg.added[l], msg.removed[l]]}
        >
          {v.changes.map((c) => (
            <tr>
              <th scope="row">{c.code}</th>
              <td class="num">
                {c.before === null
                  ? ''
                  : shownValue(
                      { unit: v.template.indicators.find((i) => i.key === c.key)?.unit ?? 'firms', value: c.before },
                      l,
                      currencyOfZone(v.scope.timeZone),
                    )}
              </td>
              <td class="num">
                {c.after === null
                  ? ''
                  : shownValue(
                      { unit: v.template.indicators.find((i) => i.key === c.key)?.unit ?? 'firms', value: c.after },
                      l,
                      currencyOfZone(v.scope.timeZone),
                    )}
              </td>
              <td class="num">{formatNumber(c.added.length, l)}</td>
              <td class="num">{formatNumber(c.removed.length, l)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </ReportingLayout>
  );
}

/** The question before the firms behind a figure are shown: why are they read (the answer is logged with the read). */
export function PurposePage(
  props: PageBase & {
    scopeName: string;
    template: Template;
    action: string;
    period: { from: string; to: string };
    indicator: string | null;
    split: string | null;
  },
) {
  const l = props.locale;
  const def = props.template.indicators.find((i) => i.key === props.indicator) ?? props.template.indicators[0];
  const title = format(msg.showFirmsOf[l], { code: def?.code ?? '' });
  return (
    <ReportingLayout {...props} title={title}>
      <p class="no-print">
        <a href={`${props.action.replace(/\/firms$/, '')}?from=${props.period.from}&to=${props.period.to}`}>{props.template.name[l]}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {def?.name[l]} · {props.scopeName} · {formatDate(props.period.from, l)} – {formatDate(props.period.to, l)}
      </p>
      <p>{msg.readLogged[l]}</p>
      <form method="get" action={props.action}>
        <input type="hidden" name="from" value={props.period.from} />
        <input type="hidden" name="to" value={props.period.to} />
        {props.indicator ? <input type="hidden" name="indicator" value={props.indicator} /> : null}
        {props.split ? <input type="hidden" name="split" value={props.split} /> : null}
        <input type="hidden" name="lang" value={l} />
        <fieldset>
          <legend>{msg.purpose[l]}</legend>
          {(
            [
              ['verify', msg.purposeVerify[l]],
              ['follow_up', msg.purposeFollowUp[l]],
              ['audit', msg.purposeAudit[l]],
            ] as const
          ).map(([value, label], i) => (
            <p class="choice">
              <input type="radio" id={`purpose-${value}`} name="purpose" value={value} checked={i === 0} />
              <label for={`purpose-${value}`}>{label}</label>
            </p>
          ))}
        </fieldset>
        <p>
          <button type="submit">{msg.showFirms[l]}</button>
        </p>
      </form>
    </ReportingLayout>
  );
}
