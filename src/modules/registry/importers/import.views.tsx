import { CountCells, DataTable } from '../../../shared/views/data-table.js';
import { formatDateTime, intlLocale } from '../../../shared/i18n/format.js';
import { format, type Locale } from '../../../shared/i18n/i18n.js';
import { textIn } from '../../../shared/errors.js';
import { Layout } from '../../../shared/views/layout.js';
import { importMessages as m } from './import.messages.js';
import type { ImportRunDto, ImportSource } from './import.schemas.js';

const sourceName = (l: Locale, s: ImportSource) => ({ brreg: m.sourceBrreg, prh: m.sourcePrh, bolagsverket: m.sourceBolagsverket })[s][l];
const statusName = (l: Locale, s: ImportRunDto['status']) => ({ running: m.statusRunning, succeeded: m.statusSucceeded, failed: m.statusFailed })[s][l];

export function ImportRunsPage(props: { locale: Locale; currentUrl: string; runs: ImportRunDto[] }) {
  const l = props.locale;
  const num = new Intl.NumberFormat(intlLocale[l]);
  const duration = (r: ImportRunDto) =>
    r.finishedAt ? format(m.seconds[l], { s: num.format(Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 100) / 10) }) : m.notFinished[l];
  const withDetails = props.runs.filter((r) => r.error || r.rejections.length || r.ignored);
  return (
    <Layout locale={l} title={m.title[l]} currentUrl={props.currentUrl} head={<link rel="stylesheet" href="/static/imports.css" />}>
      <h1>{m.title[l]}</h1>
      <p>{m.intro[l]}</p>
      <DataTable
        empty={{ isEmpty: props.runs.length === 0, text: m.noRuns[l] }}
        captionId="import-runs-caption"
        wrapperClass="import-runs"
        label={m.caption[l]}
        caption={m.caption[l]}
        headers={[
          m.started[l],
          m.source[l],
          m.file[l],
          m.status[l],
          m.duration[l],
          { text: m.read[l], class: 'num' },
          { text: m.created[l], class: 'num' },
          { text: m.updated[l], class: 'num' },
          { text: m.closed[l], class: 'num' },
          { text: m.rejected[l], class: 'num' },
          { text: m.skipped[l], class: 'num' },
        ]}
      >
        {props.runs.map((r) => (
          <tr>
            <td>
              <time datetime={r.startedAt}>{formatDateTime(r.startedAt, l)}</time>
            </td>
            <td>{sourceName(l, r.source)}</td>
            <td class="file">{r.fileName}</td>
            <td>
              <span class={`status status-${r.status}`}>{statusName(l, r.status)}</span>
              {r.error || r.rejections.length || r.ignored ? (
                <>
                  {' '}
                  <a href={`#run-${r.id}`}>{format(m.details[l], { id: r.id })}</a>
                </>
              ) : null}
            </td>
            <td>{duration(r)}</td>
            <CountCells locale={l} counts={[r.read, r.created, r.updated, r.closed, r.rejected, r.skipped]} />
          </tr>
        ))}
      </DataTable>
      {withDetails.map((r) => (
        <section id={`run-${r.id}`} class="import-run-details" aria-labelledby={`run-${r.id}-title`}>
          <h2 id={`run-${r.id}-title`}>{format(m.details[l], { id: r.id })}</h2>
          {r.error ? (
            <p>
              <strong>{m.error[l]}:</strong> {r.error}
            </p>
          ) : null}
          {r.ignored ? <p>{format(m.ignored[l], { n: num.format(r.ignored) })}</p> : null}
          {r.rejections.length ? (
            <>
              <h3>{m.firstRejections[l]}</h3>
              <ul>
                {r.rejections.map((x) => (
                  <li>
                    {x.file ? `${x.file}, ` : ''}
                    {format(m.recordNumber[l], { n: x.line })}: <code>{x.field}</code> – {textIn(x.message, l, x.values)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </Layout>
  );
}
