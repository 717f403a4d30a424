import { DataTable, Pagination } from '../../shared/views/data-table.js';
import { formatDateTime, type TimeZone } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import { auditMsg } from './audit.messages.js';
import type { AuditEntryDto } from './audit.service.js';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The audit trail as a table. Every value is shown as text (JSX escapes it), so a
 * stored script in a changed field stays harmless here too.
 */
export function AuditTable(props: { locale: Locale; entries: AuditEntryDto[]; actorNames: Map<number, string>; olderHref?: string; timeZone?: TimeZone }) {
  const l = props.locale;
  if (props.entries.length === 0) return <p>{auditMsg.empty[l]}</p>;
  return (
    <>
      <DataTable
        captionId="audit-caption"
        label={auditMsg.caption[l]}
        caption={auditMsg.caption[l]}
        class="audit-table"
        headers={[auditMsg.when[l], auditMsg.who[l], auditMsg.what[l], auditMsg.changes[l]]}
      >
        {props.entries.map((e) => (
          <tr>
            <td>
              <time datetime={e.at}>{formatDateTime(e.at, l, props.timeZone)}</time>
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
      </DataTable>
      <Pagination locale={l} olderHref={props.olderHref} text={auditMsg.older[l]} />
    </>
  );
}
