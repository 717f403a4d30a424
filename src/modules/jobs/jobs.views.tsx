import { Notice } from '../../shared/views/form.js';
import { CountCells, DataTable } from '../../shared/views/data-table.js';
import { intlLocale, timeZoneFor } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { CsrfField } from '../../shared/views/csrf-field.js';
import { Layout } from '../../shared/views/layout.js';
import { jobsMessages as m } from './jobs.messages.js';
import type { ProblemJobDto, QueueSummaryDto } from './jobs.schemas.js';

export interface JobsPageProps {
  locale: Locale;
  currentUrl: string;
  queues: QueueSummaryDto[];
  problems: ProblemJobDto[];
  notice?: string;
  error?: string;
}

/** /admin/jobs: counts per queue (dead and retrying first: what a narrow screen must show), then one card per failing job. */
export function JobsPage(props: JobsPageProps) {
  const l = props.locale;
  const num = new Intl.NumberFormat(intlLocale[l]);
  const when = new Intl.DateTimeFormat(intlLocale[l], {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: timeZoneFor(l),
    timeZoneName: 'short',
  });
  return (
    <Layout locale={l} title={m.title[l]} currentUrl={props.currentUrl} head={<link rel="stylesheet" href="/static/jobs.css" />}>
      <h1>{m.title[l]}</h1>
      <p>{m.intro[l]}</p>
      <Notice text={props.notice} />
      {props.error ? (
        <p class="form-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <DataTable
        empty={{ isEmpty: props.queues.length === 0, text: m.noQueues[l] }}
        captionId="job-queues-caption"
        wrapperClass="job-queues"
        label={m.queuesCaption[l]}
        caption={m.queuesCaption[l]}
        headers={[
          m.queue[l],
          { text: m.dead[l], class: 'num' },
          { text: m.retrying[l], class: 'num' },
          { text: m.waiting[l], class: 'num' },
          { text: m.running[l], class: 'num' },
          { text: m.done[l], class: 'num' },
        ]}
      >
        {props.queues.map((q) => (
          <tr>
            <th scope="row">
              <code>{q.queue}</code>
            </th>
            <td class={`num${q.dead ? ' dead' : ''}`}>{num.format(q.dead)}</td>
            <CountCells locale={l} counts={[q.retrying, q.waiting, q.running, q.done]} />
          </tr>
        ))}
      </DataTable>
      <h2>{m.problemsCaption[l]}</h2>
      {props.problems.length === 0 ? <p>{m.noProblems[l]}</p> : null}
      <ul class="job-problems">
        {props.problems.map((j) => (
          <li class={`job-problem job-${j.state}`}>
            <p>
              <code>{j.queue}</code> <span class={`status status-${j.state}`}>{j.state === 'failed' ? m.stateFailed[l] : m.stateRetry[l]}</span>
            </p>
            <dl>
              <dt>{m.job[l]}</dt>
              <dd>
                <code class="job-id">{j.id}</code>
              </dd>
              <dt>{m.attempts[l]}</dt>
              <dd>{format(m.attemptsOf[l], { n: j.attempts, max: j.maxAttempts })}</dd>
              {j.nextTryAt ? (
                <>
                  <dt>{m.nextTry[l]}</dt>
                  <dd>
                    <time datetime={j.nextTryAt}>{when.format(new Date(j.nextTryAt))}</time>
                  </dd>
                </>
              ) : null}
              <dt>{m.lastError[l]}</dt>
              <dd class="job-error">{j.lastError}</dd>
            </dl>
            {j.state === 'failed' ? (
              <form method="post" action={`/admin/jobs/retry?lang=${l}`}>
                <CsrfField />
                <input type="hidden" name="queue" value={j.queue} />
                <input type="hidden" name="id" value={j.id} />
                <button type="submit">{m.retry[l]}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
