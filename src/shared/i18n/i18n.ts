export const locales = ['nb', 'sv', 'fi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

/** A message in all four languages; the type makes a missing language a compile error. */
export type Message = Record<Locale, string>;

/**
 * Declares a module's messages side by side in all languages:
 *   const msg = defineMessages({ search: { nb: 'Søk', sv: 'Sök', fi: 'Haku', en: 'Search' } })
 *   msg.search[locale]
 */
export function defineMessages<K extends string>(messages: Record<K, Message>): Record<K, Message> {
  return messages;
}

/** Replaces `{name}` placeholders. Values are plain text; escaping happens in the view. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));
}

/** Picks the best supported locale from an Accept-Language header (q-values honoured; nn/no → nb). */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'no' || primary === 'nn' || primary === 'nb') return 'nb';
    if (isLocale(primary)) return primary;
  }
  return undefined;
}

/** Picks a localized name from a names object, falling back sensibly (local language, then any). */
export function pickName(names: Partial<Record<string, string>> | null | undefined, locale: Locale, fallback = ''): string {
  if (!names) return fallback;
  return names[locale] ?? names.en ?? names.nb ?? names.sv ?? names.fi ?? Object.values(names).find(Boolean) ?? fallback;
}

export const localeNames: Record<Locale, string> = { nb: 'Norsk (bokmål)', sv: 'Svenska', fi: 'Suomi', en: 'English' };
export const htmlLang: Record<Locale, string> = { nb: 'nb', sv: 'sv', fi: 'fi', en: 'en' };
