import type { Child } from 'hono/jsx';
import { formatMoney } from '../../shared/i18n/format.js';
import { format, pickName, type Locale } from '../../shared/i18n/i18n.js';
import { ModulePage, type PageBase, type PageError } from '../../shared/views/module-page.js';
import { msg } from './storefront.messages.js';
import type { ProductDto, ShopDto } from './storefront.schemas.js';

export type { PageBase, PageError } from '../../shared/views/module-page.js';

/** The module's page shell with its stylesheet (strict CSP: no inline style). */
export function StorefrontLayout(props: PageBase & { title: string; children?: Child; notice?: string; error?: PageError; head?: Child }) {
  return <ModulePage {...props} stylesheet="storefront.css" />;
}

export const money = (minor: number, currency: string, l: Locale) => formatMoney(minor, currency, l);
export const shopTitle = (s: Pick<ShopDto, 'name' | 'isDemo'>, l: Locale) => `${s.name}${s.isDemo && !s.name.includes('(demo)') ? ` ${msg.demo[l]}` : ''}`;
/** The product's name in the reader's language where the shop gave one. */
export const productName = (p: Pick<ProductDto, 'name' | 'translations' | 'language'>, l: Locale) =>
  l === p.language ? p.name : (p.translations[l]?.name ?? p.name);
/** The name with the demo mark, unless the name carries it already. */
export const demoTitle = (name: string, isDemo: boolean, l: Locale) => (isDemo && !name.includes('(demo)') ? `${name} ${msg.demo[l]}` : name);
export const productDescription = (p: Pick<ProductDto, 'description' | 'translations' | 'language'>, l: Locale) =>
  l === p.language ? p.description : (p.translations[l]?.description ?? p.description);
export const vatText = (bp: number, l: Locale) =>
  format(msg.vat[l], { rate: `${Math.trunc(bp / 100)}${bp % 100 ? `,${String(bp % 100).padStart(2, '0')}` : ''}` });

export function stockText(p: Pick<ProductDto, 'stockMode' | 'stock'>, l: Locale): string {
  if (p.stockMode === 'ask') return msg.askUs[l];
  return (p.stock ?? 0) > 0 ? format(msg.inStock[l], { n: p.stock ?? 0 }) : msg.soldOut[l];
}

export function leadText(minutes: number, l: Locale): string {
  return minutes % 60 === 0 ? format(msg.hours[l], { n: minutes / 60 }) : format(msg.minutes[l], { n: minutes });
}

export { pickName };
