import type { Locale } from '../../shared/i18n/i18n.js';
import { auditMsg } from './audit.messages.js';
import type { AuditEntryDto } from './audit.service.js';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

const timeFormat = (l: Locale) => new Intl.DateTimeFormat(l === 'en' ? 'en-GB' : l, { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });

/**
 * The audit trail as a table. Every value is shown as text (JSX escapes it), so a
 * stored script in a changed field stays harmless here too.
 */
export function AuditTable(props: { locale: Locale; entries: AuditEntryDto[]; actorNames: Map<number, string>; olderHref?: string }) {
  const l = props.locale;
  const fmt = timeFormat(l);
  if (props.entries.length === 0) return <p>{auditMsg.empty[l]}</p>;
  return (
    <>
      <div class="table-scroll" role="region" aria-labelledby="audit-caption" tabindex={0}>
        <table class="data-table audit-table">
          <caption id="audit-caption">{auditMsg.caption[l]}</caption>
          <thead>
            <tr>
              <th scope="col">{auditMsg.when[l]}</th>
              <th scope="col">{auditMsg.who[l]}</th>
              <th scope="col">{auditMsg.what[l]}</th>
              <th scope="col">{auditMsg.changes[l]}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>
                  <time datetime={e.at}>{fmt.format(new Date(e.at))} UTC</time>
                </td>
                <td>{e.actorUserId === null ? auditMsg.system[l] : (props.actorNames.get(e.actorUserId) ?? `#${e.actorUserId}`)}</td>
                <td>
                  <code>{e.action}</code> {e.entityType} {e.entityId}
                </td>
                <td>
                  <dl class="audit-changes">
                    {Object.entries(e.changes).map(([field, ch]) => (
                      <>
                        <dt>{field}</dt>
                        <dd>
                          <span class="audit-before">{show(ch.before)}</span> → <span class="audit-after">{show(ch.after)}</span>
                        </dd>
                      </>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.olderHref ? (
        <p>
          <a href={props.olderHref}>{auditMsg.older[l]}</a>
        </p>
      ) : null}
    </>
  );
}
