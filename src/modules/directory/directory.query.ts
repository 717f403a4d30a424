/**
 * Pure helpers of the search: query words, tsquery text, local clocks for "open now",
 * geometry for "near", and the roll-up of facet counts. No database here (unit-testable).
 */

export const MAX_QUERY_WORDS = 8;

/** Legal-form words carry no meaning in a query ("bakeri as" = "bakeri"); the index drops them too. */
const legalFormWords = new Set(['as', 'asa', 'ab', 'abp', 'oy', 'oyj', 'ky', 'ay', 'osk', 'ans', 'da', 'hb', 'kb', 'nuf', 'sa', 'ltd', 'tmi', 'enk']);

/** Lowercased words of a query, split on anything that is not a letter or digit, without duplicates. */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  const words = q
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 60);
  const meaningful = words.filter((w) => !legalFormWords.has(w));
  return [...new Set(meaningful.length ? meaningful : words)].slice(0, MAX_QUERY_WORDS);
}

/** A lexeme quoted for tsquery input: no normalisation happens on `'…'::tsquery`. */
export const quoteLexeme = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Words AND-ed, each word's alternatives (stems, unaccented form, typo corrections) OR-ed. */
export function tsqueryText(groups: string[][]): string {
  return groups.map((alternatives) => `(${alternatives.map(quoteLexeme).join(' | ')})`).join(' & ');
}

export type TimeZone = 'Europe/Oslo' | 'Europe/Stockholm' | 'Europe/Helsinki';
export const timeZones: TimeZone[] = ['Europe/Oslo', 'Europe/Stockholm', 'Europe/Helsinki'];

export interface LocalClock {
  /** Minutes since Monday 00:00 local time (0 … 10079) */
  minuteOfWeek: number;
  /** Local date, YYYY-MM-DD (for holiday exceptions) */
  date: string;
}

const weekdayIndex: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const clockFormats = new Map<string, Intl.DateTimeFormat>();

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

/** The wall-clock date, weekday and time of `now` in a time zone (DST handled by Intl). */
export function localParts(now: Date, timeZone: string): LocalParts {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: weekdayIndex[parts.weekday], hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The local minute of the week and date of `now` in a time zone. */
export function localClock(now: Date, timeZone: string): LocalClock {
  const p = localParts(now, timeZone);
  return { minuteOfWeek: p.weekday * 1440 + p.hour * 60 + p.minute, date: p.date };
}

export interface Point {
  lat: number;
  lon: number;
}

export function parseNear(near: string | undefined): Point | undefined {
  if (!near) return undefined;
  const [lat, lon] = near.split(',').map(Number);
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
}

const KM_PER_DEGREE = 111.195;

/** The lat/lon box around a circle (for the btree on lat, lon); distances are then exact (haversine). */
export function boundingBox(center: Point, radiusKm: number) {
  const dLat = radiusKm / KM_PER_DEGREE;
  const cos = Math.max(Math.cos((center.lat * Math.PI) / 180), 0.01);
  const dLon = Math.min(radiusKm / (KM_PER_DEGREE * cos), 180);
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLon: center.lon - dLon, maxLon: center.lon + dLon };
}

/** A sector filter is a NACE section letter or a 2-digit division. */
export const isSection = (sector: string) => /^[A-U]$/.test(sector);

export interface FacetFilters {
  municipality?: string;
  county?: string;
  sector?: string;
  category?: string;
}

/** Listings counted per (country, county, municipality, section); `sectorOk`: also matches the sector filter (a division may be finer than the section). */
export interface FacetCell {
  country: string;
  county: string;
  municipality: string;
  section: string;
  sectorOk: boolean;
  /** Everyday category key ('' when none). */
  category: string;
  n: number;
}

export interface RolledFacets {
  total: number;
  municipality: Map<string, number>;
  county: Map<string, number>;
  section: Map<string, number>;
  category: Map<string, number>;
}

export const placeKey = (country: string, code: string) => `${country}:${code}`;

/**
 * Standard faceting: each facet counts the listings that match the query and every filter
 * except its own (so one can switch municipality and see how many each would give); the
 * total applies all filters.
 */
export function rollUpFacets(cells: FacetCell[], filters: FacetFilters): RolledFacets {
  const out: RolledFacets = { total: 0, municipality: new Map(), county: new Map(), section: new Map(), category: new Map() };
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const c of cells) {
    const mOk = !filters.municipality || c.municipality === filters.municipality;
    const kOk = !filters.county || c.county === filters.county;
    const sOk = !filters.sector || c.sectorOk;
    const cOk = !filters.category || c.category === filters.category;
    if (kOk && sOk && cOk && c.municipality) add(out.municipality, placeKey(c.country, c.municipality), c.n);
    if (mOk && sOk && cOk && c.county) add(out.county, placeKey(c.country, c.county), c.n);
    if (mOk && kOk && cOk && c.section) add(out.section, c.section, c.n);
    if (mOk && kOk && sOk && c.category) add(out.category, c.category, c.n);
    if (mOk && kOk && sOk && cOk) out.total += c.n;
  }
  return out;
}

/** Lowercase without diacritics, like lk_unaccent + simple on the database side (ø → o, æ → ae, ß → ss). */
export function unaccentWord(word: string): string {
  return word.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/ß/g, 'ss').replace(/đ/g, 'd').normalize('NFD').replace(/\p{M}/gu, '');
}

/** Edit distance with transpositions (optimal string alignment): "bakri" → "bakeri" is 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** How many edits a word of this length may be away from a correction. */
export const allowedEdits = (length: number) => (length <= 5 ? 1 : length <= 9 ? 2 : 3);

export interface TypoCandidate {
  lexeme: string;
  similarity: number;
  docCount: number;
}

/**
 * The corrections of an unknown word among its trigram neighbours: those within the allowed edit
 * distance, the closest first (then the most similar, then the most frequent), at most three.
 */
export function chooseCorrections(word: string, candidates: TypoCandidate[]): string[] {
  const target = unaccentWord(word);
  const limit = allowedEdits(target.length);
  const scored = candidates
    .map((c) => ({ ...c, distance: editDistance(target, unaccentWord(c.lexeme)) }))
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance || b.similarity - a.similarity || b.docCount - a.docCount);
  const best = scored[0]?.distance;
  return [...new Set(scored.filter((c) => c.distance === best).map((c) => c.lexeme))].slice(0, 3);
}
