import { formatNumber } from '../i18n/format.js';
import type { Child } from 'hono/jsx';
import type { Locale } from '../i18n/i18n.js';
import { viewMessages as vm } from './views.messages.js';

/**
 * A table with a header row; a `null` header (e.g. the actions column for readers) is left out.
 * On a narrow screen it scrolls sideways inside its own container, which keyboard users can
 * focus and scroll and screen readers announce by `label` (or by the caption when one is given).
 */
export function DataTable(props: {
  label: string;
  headers: (string | null | { text: string; class?: string })[];
  caption?: string;
  captionId?: string;
  class?: string;
  wrapperClass?: string;
  /** With no rows, this sentence stands instead of an empty table. */
  empty?: { isEmpty: boolean; text: string };
  children?: Child;
}) {
  if (props.empty?.isEmpty) return <p>{props.empty.text}</p>;
  const captionId = props.caption ? (props.captionId ?? `caption-${props.label.replace(/\W+/g, '-').toLowerCase()}`) : undefined;
  return (
    <div
      class={props.wrapperClass ? `table-scroll ${props.wrapperClass}` : 'table-scroll'}
      role="region"
      aria-label={captionId ? undefined : props.label}
      aria-labelledby={captionId}
      tabindex={0}
    >
      <table class={props.class ? `data-table ${props.class}` : 'data-table'}>
        {props.caption ? <caption id={captionId}>{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.headers.map((h) =>
              h === null ? null : typeof h === 'string' ? (
                <th scope="col">{h}</th>
              ) : (
                <th scope="col" class={h.class}>
                  {h.text}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** Counts in table cells, right-aligned and grouped by the reader's locale (`1 234` / `1,234`). */
export function CountCells(props: { locale: Locale; counts: number[] }) {
  return (
    <>
      {props.counts.map((n) => (
        <td class="num">{formatNumber(n, props.locale)}</td>
      ))}
    </>
  );
}

/** Keyset pagination: a link to the older rows when there are more. */
export function Pagination(props: { locale: Locale; olderHref?: string; text?: string }) {
  return props.olderHref ? (
    <nav class="pagination" aria-label={vm.pagination[props.locale]}>
      <a href={props.olderHref}>{props.text ?? vm.older[props.locale]}</a>
    </nav>
  ) : null;
}
