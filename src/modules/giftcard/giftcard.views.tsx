import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { formatMoney } from '../../shared/i18n/format.js';
import { format, type Locale } from '../../shared/i18n/i18n.js';
import { ModulePage, type PageBase, type PageError } from '../../shared/views/module-page.js';
import { printCode } from './giftcard.code.js';
import { msg } from './giftcard.messages.js';
import type { ProgrammeDto } from './giftcard.schemas.js';

export type { PageBase, PageError } from '../../shared/views/module-page.js';

/** The module's page shell: its own stylesheet and script (strict CSP: no inline script or style). */
export function GiftcardLayout(props: PageBase & { title: string; children?: Child; notice?: string; error?: PageError }) {
  return <ModulePage {...props} stylesheet="giftcard.css" head={<script src="/static/giftcard.js" defer></script>} />;
}

export const money = (minor: number, currency: string, l: Locale) => formatMoney(minor, currency, l);
export const demoMark = (isDemo: boolean, l: Locale) => (isDemo ? ` ${msg.demo[l]}` : '');
export const programmeTitle = (p: ProgrammeDto, l: Locale) => `${p.name}${demoMark(p.isDemo, l)}`;

/** The card's code as a QR image (SVG from the qrcode library), labelled for screen readers. */
export async function qrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

export function CardQr(props: { code: string; svg: string; locale: Locale }) {
  return (
    <div class="giftcard-qr" role="img" aria-label={format(msg.qrOf[props.locale], { code: printCode(props.code) })}>
      {raw(props.svg)}
    </div>
  );
}

/** A printed card: programme, code in groups, value, validity, QR. */
export function PrintedCard(props: { programme: ProgrammeDto; code: string; valueMinor: number; expiresOn: string; svg: string; locale: Locale }) {
  const l = props.locale;
  return (
    <article class="giftcard-printed">
      <h2>{programmeTitle(props.programme, l)}</h2>
      <p class="giftcard-code">{printCode(props.code)}</p>
      <p>
        {money(props.valueMinor, props.programme.currency, l)} · {msg.validUntil[l]} {props.expiresOn}
      </p>
      <CardQr code={props.code} svg={props.svg} locale={l} />
      <p class="hint">{msg.vatStatement[l]}</p>
    </article>
  );
}

/** Facts of a programme in one sentence (fee, period, validity). */
export function programmeFacts(p: ProgrammeDto, months: number, l: Locale): string {
  const pct = `${Math.trunc(p.feeBasisPoints / 100)}${p.feeBasisPoints % 100 ? `,${String(p.feeBasisPoints % 100).padStart(2, '0')}` : ''} %`;
  const fee = p.feeFixedMinor ? `${pct} + ${money(p.feeFixedMinor, p.currency, l)}` : pct;
  return format(msg.programmeFacts[l], { fee, period: (p.settlementPeriod === 'week' ? msg.week : msg.month)[l].toLowerCase(), months });
}
