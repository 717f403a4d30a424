import { formatNumber } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { DataTable } from '../../shared/views/data-table.js';
import { GetForm } from '../../shared/views/form.js';
import { msg } from './surveys.messages.js';
import { pickText, type SurveyDto } from './surveys.schemas.js';
import type { FirmNeed, QuestionResult } from './surveys.service.js';
import { DemoMark, SurveysLayout, type PageBase } from './surveys.views.js';

const percent = (share: number, l: Locale) => new Intl.NumberFormat(l === 'en' ? 'en-GB' : l, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A horizontal bar chart drawn on the server; the same figures follow in a table (the chart is an image with a text name). */
export function BarChart(props: { id: string; title: string; bars: { label: string; share: number }[]; locale: Locale }) {
  const rowHeight = 26;
  const labelWidth = 190;
  const width = 560;
  const height = props.bars.length * rowHeight + 8;
  const barMax = width - labelWidth - 60;
  return (
    <svg class="bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-t`} width={width} height={height}>
      <title id={`${props.id}-t`}>{format(msg.chartOf[props.locale], { title: props.title })}</title>
      {props.bars.map((b, i) => {
        const y = 4 + i * rowHeight;
        const w = Math.max(1, Math.round(b.share * barMax));
        const label = b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label;
        return (
          <g>
            <text x={labelWidth - 6} y={y + 16} text-anchor="end" class="bar-label">
              {label}
            </text>
            <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 8} class="bar" />
            <text x={labelWidth + w + 6} y={y + 16} class="bar-value">
              {percent(b.share, props.locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function QuestionBlock(props: { r: QuestionResult; i: number; l: Locale; k: number }) {
  const { r, l } = props;
  const id = `q-${r.question.id}`;
  if (!r.shown)
    return (
      <section class="result">
        <h2 id={`${id}-h`}>{r.title}</h2>
        <p class="hint">{format(msg.notEnough[l], { k: props.k })}</p>
      </section>
    );
  return (
    <section class="result">
      <h2 id={`${id}-h`}>{r.title}</h2>
      <p>{format(msg.answersCount[l], { n: formatNumber(r.answered, l) })}</p>
      {r.mean !== null ? (
        <p>
          {msg.mean[l]}: {formatNumber(Math.round(r.mean * 10) / 10, l)}
          {r.question.kind === 'spend_outside' && r.sum !== null ? ` · ${msg.sum[l]}: ${formatNumber(Math.round(r.sum), l)}` : ''}
        </p>
      ) : null}
      {r.options.length ? (
        <>
          <BarChart id={id} title={r.title} bars={r.options.filter((o) => o.share !== null).map((o) => ({ label: o.label, share: o.share ?? 0 }))} locale={l} />
          <DataTable label={r.title} headers={[msg.option[l], { text: msg.count[l], class: 'num' }, { text: msg.share[l], class: 'num' }]}>
            {r.options.map((o) => (
              <tr>
                <td>{o.label}</td>
                {o.n === null ? (
                  <td colspan={2} class="hidden-cell">
                    {msg.hiddenCell[l]}
                  </td>
                ) : (
                  <>
                    <td class="num">{formatNumber(o.n, l)}</td>
                    <td class="num">{percent(o.share ?? 0, l)}</td>
                  </>
                )}
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      {r.breakdown ? (
        <DataTable
          label={`${r.title} – ${msg.breakdown[l]}`}
          headers={[
            r.breakdown.dimension === 'municipality' ? msg.municipality[l] : r.breakdown.dimension === 'group' ? msg.respondentGroup[l] : msg.sector[l],
            { text: msg.answers[l], class: 'num' },
            ...r.options.map((o) => ({ text: o.label, class: 'num' })),
          ]}
        >
          {r.breakdown.rows.map((row) => (
            <tr>
              <th scope="row">{row.label}</th>
              {row.shown ? (
                <>
                  <td class="num">{formatNumber(row.n ?? 0, l)}</td>
                  {r.options.map((o) => (
                    <td class="num">{row.n ? percent((row.options.get(o.value) ?? 0) / row.n, l) : '–'}</td>
                  ))}
                </>
              ) : (
                <td colspan={r.options.length + 1} class="hidden-cell">
                  {msg.hiddenCell[l]}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}

export interface ResultsView {
  survey: SurveyDto;
  results: QuestionResult[];
  responses: number;
  k: number;
  municipalityOptions: { value: string; label: string }[];
  groupOptions: { value: string; label: string }[];
  mapCells: { questionId: number; lat: number; lon: number; n: number }[];
}

/** The results page (staff or, when published, the public): filters, breakdown, charts with their tables, exports. */
export function ResultsPage(props: PageBase & ResultsView & { action: string; query: Record<string, string>; exports?: { csv: string; xlsx: string } }) {
  const l = props.locale;
  const s = props.survey;
  const title = pickText(s.title, l, s.languages);
  const q = props.query;
  return (
    <SurveysLayout {...props} title={`${msg.results[l]} – ${title}`}>
      <h1>
        {msg.results[l]}: {title}
      </h1>
      <DemoMark locale={l} show={s.isDemo} />
      <p>{format(msg.answersCount[l], { n: formatNumber(props.responses, l) })}</p>
      <p class="hint">{format(msg.hiddenSmall[l], { k: props.k })}</p>
      <GetForm action={props.action} locale={l} class="results-filters">
        <p class="field">
          <label for="f-municipality">{msg.municipality[l]}</label>
          <select id="f-municipality" name="municipality">
            <option value="">{msg.allMunicipalities[l]}</option>
            {props.municipalityOptions.map((o) => (
              <option value={o.value} selected={q.municipality === o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </p>
        {props.groupOptions.length ? (
          <p class="field">
            <label for="f-group">{msg.respondentGroup[l]}</label>
            <select id="f-group" name="group">
              <option value="">{msg.allGroups[l]}</option>
              {props.groupOptions.map((o) => (
                <option value={o.value} selected={q.group === o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </p>
        ) : null}
        <p class="field">
          <label for="f-by">{msg.breakdown[l]}</label>
          <select id="f-by" name="by">
            <option value="">{msg.nothing[l]}</option>
            <option value="municipality" selected={q.by === 'municipality'}>
              {msg.municipality[l]}
            </option>
            {props.groupOptions.length ? (
              <option value="group" selected={q.by === 'group'}>
                {msg.respondentGroup[l]}
              </option>
            ) : null}
            <option value="sector" selected={q.by === 'sector'}>
              {msg.sector[l]}
            </option>
          </select>
        </p>
        <button type="submit">{msg.show[l]}</button>
      </GetForm>
      {props.exports ? (
        <p class="exports">
          <a href={props.exports.csv}>{msg.exportCsv[l]}</a> · <a href={props.exports.xlsx}>{msg.exportXlsx[l]}</a>
        </p>
      ) : null}
      {props.results.map((r, i) => (
        <QuestionBlock r={r} i={i} l={l} k={props.k} />
      ))}
      {props.mapCells.length ? (
        <section>
          <h2 id="map-h">{msg.mapAnswers[l]}</h2>
          <DataTable label={msg.mapAnswers[l]} headers={[msg.square[l], { text: msg.count[l], class: 'num' }]}>
            {props.mapCells.map((c) => (
              <tr>
                <td>
                  {c.lat.toFixed(2)}, {c.lon.toFixed(1)}
                </td>
                <td class="num">{formatNumber(c.n, l)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </SurveysLayout>
  );
}

/** What people near the firm miss in its sector (for the firm's people and the network's staff). */
export function FirmNeedsPage(props: PageBase & { firm: { id: number; name: string }; needs: FirmNeed[] }) {
  const l = props.locale;
  return (
    <SurveysLayout {...props} title={`${msg.firmNeedsTitle[l]} – ${props.firm.name}`}>
      <h1>
        {msg.firmNeedsTitle[l]}: {props.firm.name}
      </h1>
      {props.needs.length === 0 ? <p>{msg.firmNeedsNone[l]}</p> : null}
      {props.needs.map((n) => (
        <section class="result" aria-label={`${n.municipalityName}: ${n.sectorLabel}`}>
          <h2>{pickText(n.survey.title, l, n.survey.languages)}</h2>
          <DemoMark locale={l} show={n.survey.isDemo} />
          <p>{format(msg.firmNeedsIntro[l], { place: n.municipalityName, sector: n.sectorLabel.toLowerCase() })}</p>
          <p>
            <strong>{format(msg.firmNeedsCount[l], { n: n.n, total: n.total, place: n.municipalityName, sector: n.sectorLabel.toLowerCase() })}</strong>
          </p>
          <ul class="free-texts">
            {n.texts.map((t) => (
              <li>
                <blockquote>{t}</blockquote>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </SurveysLayout>
  );
}
