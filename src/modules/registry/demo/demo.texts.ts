/**
 * The words of a demo firm: its name, its description in the local language (and sometimes
 * English) and its products/services with prices. Pure functions of the PRNG.
 */
import type { Country } from '../national-id.js';
import type { NewProduct } from '../registry.repository.js';
import type { SectorTemplate } from './demo.content.js';
import {
  currencyOf,
  demoNotice,
  firstNames,
  inRegion,
  namePrefixes,
  nameWords,
  offerSentence,
  productNotes,
  surnames,
  type DemoPlace,
  type LocalLanguage,
} from './demo.places.js';
import { chance, intBetween, pick, sample, type Rng } from './demo.random.js';

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));

export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[æä]/g, 'a')
    .replace(/[øö]/g, 'o')
    .replace(/å/g, 'a')
    .replace(/&/g, 'og')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A product name as it reads inside a sentence: no "(500 g)", no ", halv dag", lower-case start. */
function inSentence(name: string): string {
  const bare = name
    .replace(/\s*\(.*?\)/g, '')
    .replace(/,.*$/, '')
    .trim();
  return /^\p{Lu}\p{Lu}/u.test(bare) ? bare : bare.charAt(0).toLowerCase() + bare.slice(1);
}
const isPriceLine = (name: string) => /timepris|timpris|tuntiveloitus|fastpris|fast pris|kiinteä hinta/i.test(name);

function joinList(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** Integer minor units: NOK/SEK in whole kroner rounded to 5, EUR to 50 cents (5 € above 100 €). */
function priceMinor(country: Country, nok: number, rng: Rng): number {
  const varied = nok * (0.9 + rng() * 0.25);
  if (country === 'FI') {
    const eur = varied / 11.5;
    const step = eur >= 100 ? 5 : 0.5;
    return Math.round(Math.max(step, Math.round(eur / step) * step) * 100);
  }
  const step = varied >= 50 ? 5 : 1;
  return Math.round(varied / step) * step * 100;
}

export function drawName(sector: SectorTemplate, place: DemoPlace, language: LocalLanguage, rng: Rng, used?: Set<string>): string {
  let name = '';
  for (let attempt = 0; attempt < 8; attempt++) {
    // "{prefix}bakeriet" glues a compound part on; "Vertshuset {prefix}" takes a word that stands alone.
    const pattern = pick(rng, sector.names[language]).replace(/\{prefix\}(?=\p{L})/u, pick(rng, namePrefixes[language]));
    name = fill(pattern, {
      prefix: pick(rng, nameWords[language]),
      place: place.name,
      gen: place.genitive ?? place.name,
      owner: pick(rng, surnames[language]),
      first: pick(rng, firstNames[language]),
    });
    if (!used?.has(name)) break;
  }
  used?.add(name);
  return name;
}

export function describe(
  sector: SectorTemplate,
  place: DemoPlace,
  language: LocalLanguage,
  products: NewProduct[],
  year: number,
  rng: Rng,
  withEnglish: boolean,
) {
  const values = { in: place.inLocal, inRegion: inRegion(place, language), rooms: intBetween(rng, 8, 40) };
  const mentioned = products
    .filter((p) => !isPriceLine(p.name))
    .slice(0, 3)
    .map((p) => inSentence(p.name));
  const offer = offerSentence[language];
  const since: Record<LocalLanguage | 'en', string> = {
    nb: `Etablert ${year}.`,
    sv: `Grundat ${year}.`,
    fi: `Perustettu vuonna ${year}.`,
    en: `Established ${year}.`,
  };
  const withSince = chance(rng, 0.5);
  const leadIndex = Math.floor(rng() * sector.leads[language].length);
  const local = [
    fill(sector.leads[language][leadIndex], values),
    mentioned.length >= 2 ? fill(offer.text, { items: joinList(mentioned, offer.and) }) : '',
    withSince ? since[language] : '',
    demoNotice[language],
  ]
    .filter(Boolean)
    .join(' ');
  const description: Record<string, string> = { [language]: local };
  if (withEnglish) {
    const en = sector.leads.en[leadIndex % sector.leads.en.length];
    description.en = [fill(en, { ...values, in: `in ${place.name}`, inRegion: inRegion(place, 'en') }), withSince ? since.en : '', demoNotice.en]
      .filter(Boolean)
      .join(' ');
  }
  return description;
}

// Only makers say "made in …"; services booked ahead say so; trades quote for large jobs.
const makesItsGoods = new Set(['bakery', 'reindeer', 'local-food', 'dairy', 'duodji', 'brewery', 'sawmill']);
function notesFor(sector: SectorTemplate, kind: 'product' | 'service', language: LocalLanguage): string[] {
  const notes = productNotes[language];
  if (kind === 'product') return makesItsGoods.has(sector.key) ? notes.made : [];
  if (sector.hours === 'appointment' || sector.hours === 'salon') return notes.book;
  return sector.hours === 'workshop' || sector.hours === 'office' ? [...notes.book, ...notes.quote] : [];
}

export function generateProducts(sector: SectorTemplate, place: DemoPlace, language: LocalLanguage, rng: Rng): NewProduct[] {
  const count = intBetween(rng, 2, Math.min(6, sector.products.length));
  const column = { nb: 1, sv: 2, fi: 3 }[language] as 1 | 2 | 3;
  return sample(rng, sector.products, count).map((t) => {
    const kind = t[0] === 's' ? 'service' : 'product';
    const nok = t[4];
    const priced = nok !== null && chance(rng, sector.pricedShare);
    const notes = notesFor(sector, kind, language);
    return {
      kind,
      name: t[column],
      description: notes.length && chance(rng, 0.5) ? fill(pick(rng, notes), { in: place.inLocal }) : null,
      language,
      price_minor: priced ? priceMinor(place.country, nok, rng) : null,
      currency: priced ? currencyOf[place.country] : null,
    };
  });
}
