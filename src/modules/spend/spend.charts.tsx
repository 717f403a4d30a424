import { formatNumber } from '../../shared/i18n/format.js';
import type { Locale } from '../../shared/i18n/i18n.js';
import type { Band } from './spend.engine.js';

/**
 * Server-rendered SVG charts (no script): a 100 % bar of the bands, and one column per period with
 * the bands stacked. Colours come from classes in /static/spend.css (band-municipality …), which
 * also give the print colours. The figures are always repeated in a table beside the chart.
 */
export const bandOrder: Band[] = ['municipality', 'region', 'country', 'abroad', 'unknown'];

const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

export function ShareBar(props: { locale: Locale; label: string; byBand: Record<Band, number>; bandLabel: (b: Band) => string }) {
  const total = bandOrder.reduce((a, b) => a + Math.max(0, props.byBand[b]), 0);
  let x = 0;
  return (
    <figure class="spend-chart">
      <svg viewBox="0 0 400 70" role="img" aria-label={props.label} preserveAspectRatio="none" width="100%" height="70">
        <title>{props.label}</title>
        {bandOrder.map((b) => {
          const w = total > 0 ? (Math.max(0, props.byBand[b]) / total) * 400 : 0;
          const rect = <rect class={`band-${b}`} x={x.toFixed(2)} y="0" width={w.toFixed(2)} height="40" />;
          x += w;
          return rect;
        })}
      </svg>
      <figcaption>
        <ul class="spend-legend">
          {bandOrder.map((b) => (
            <li>
              <span class={`swatch band-${b}`} aria-hidden="true"></span>
              {props.bandLabel(b)} {formatNumber(Math.round(pct(Math.max(0, props.byBand[b]), total) * 10) / 10, props.locale)} %
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

export function PeriodColumns(props: { locale: Locale; label: string; rows: { key: string; byBand: Record<Band, number> }[] }) {
  const n = props.rows.length;
  if (!n) return null;
  const width = Math.max(300, n * 40);
  const colW = width / n;
  return (
    <figure class="spend-chart">
      <svg viewBox={`0 0 ${width} 230`} role="img" aria-label={props.label} width="100%" height="230">
        <title>{props.label}</title>
        {props.rows.map((r, i) => {
          const total = bandOrder.reduce((a, b) => a + Math.max(0, r.byBand[b]), 0);
          let y = 200;
          return (
            <g>
              {bandOrder.map((b) => {
                const h = total > 0 ? (Math.max(0, r.byBand[b]) / total) * 190 : 0;
                y -= h;
                return (
                  <rect class={`band-${b}`} x={(i * colW + colW * 0.15).toFixed(1)} y={y.toFixed(1)} width={(colW * 0.7).toFixed(1)} height={h.toFixed(1)} />
                );
              })}
              <text x={(i * colW + colW / 2).toFixed(1)} y="218" text-anchor="middle" class="spend-axis">
                {r.key}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
