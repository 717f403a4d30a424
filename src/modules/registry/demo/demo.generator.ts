/**
 * Builds demo firms from the templates: pure functions of a seed, no database. Each firm's
 * content is a function of its own national number (and, for the standard set, of its place
 * in the set), so the same command gives the same firms on every machine.
 */
import { completeNationalId, type Country } from '../national-id.js';
import type { FirmBundle, NewEstablishment } from '../registry.repository.js';
import { multiShopSectors, sectors, type SectorTemplate } from './demo.content.js';
import { generateOpeningHours } from './demo.hours.js';
import { demoIdRanges, demoNameSuffix, languageOf, legalForms, standardSetReserve, streets, type DemoPlace, type LocalLanguage } from './demo.places.js';
import { chance, createRng, intBetween, pick, pickWeighted, seedFrom, type Rng } from './demo.random.js';
import { describe, drawName, generateProducts, slug } from './demo.texts.js';

export type { DemoPlace };

/** A generated firm, with the sector template it came from. */
export interface DemoFirm extends FirmBundle {
  sectorKey: string;
}

const sectorByKey = new Map(sectors.map((s) => [s.key, s]));

/** Hands out valid national numbers upwards from a body, skipping bodies that cannot have a check digit. */
export class NationalIdCursor {
  private next: Record<Country, number>;
  constructor(
    start: Record<Country, number>,
    private readonly last: Record<Country, number>,
  ) {
    this.next = { ...start };
  }
  take(country: Country): string {
    while (this.next[country] <= this.last[country]) {
      const id = completeNationalId(country, this.next[country]++);
      if (id) return id;
    }
    throw new Error(`the demo number range for ${country} is used up`);
  }
}

const bodies = (which: 'firms' | 'establishments', end: 'first' | 'last') =>
  ({ NO: demoIdRanges.NO[which][end], SE: demoIdRanges.SE[which][end], FI: demoIdRanges.FI[which][end] }) as Record<Country, number>;

export const standardFirmIds = () => new NationalIdCursor(bodies('firms', 'first'), bodies('firms', 'last'));
export const standardEstablishmentIds = () => new NationalIdCursor(bodies('establishments', 'first'), bodies('establishments', 'last'));

/** Cursors for `seed demo --firms N`: above the standard set's reserve and above every demo number already used. */
export function extraIdCursors(usedFirmBodies: Partial<Record<Country, number>>, usedEstablishmentBodies: Partial<Record<Country, number>>) {
  const after = (which: 'firms' | 'establishments', used: Partial<Record<Country, number>>, reserve: number) => {
    const first = bodies(which, 'first');
    const start = {} as Record<Country, number>;
    for (const c of ['NO', 'SE', 'FI'] as const) start[c] = Math.max(first[c] + reserve, (used[c] ?? -1) + 1);
    return new NationalIdCursor(start, bodies(which, 'last'));
  };
  return { firms: after('firms', usedFirmBodies, standardSetReserve), establishments: after('establishments', usedEstablishmentBodies, 100) };
}

/** The body (number before the check digit) of a demo national id, for finding where a range continues. */
export function bodyOf(country: Country, nationalId: string): number {
  const digits = nationalId.replace(/\D/g, '');
  return Number(digits.slice(0, digits.length - 1));
}

function jitter(place: DemoPlace, rng: Rng, isRural: boolean): { lat: number; lon: number } {
  // Uniform in a disc: rural firms anywhere within the radius, town firms within a third of it.
  const radius = isRural ? place.radiusKm : place.radiusKm / 3;
  const r = radius * Math.sqrt(rng());
  const angle = rng() * 2 * Math.PI;
  const lat = place.lat + (r * Math.cos(angle)) / 111.32;
  const lon = place.lon + (r * Math.sin(angle)) / (111.32 * Math.cos((place.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

const allowedByPlace = new Map<string, SectorTemplate[]>();
function allowedSectors(place: DemoPlace): SectorTemplate[] {
  const key = `${place.country}:${place.code}`;
  let allowed = allowedByPlace.get(key);
  if (!allowed)
    allowedByPlace.set(
      key,
      (allowed = sectors.filter((s) => (s.onlyIn === 'sami' ? place.isSamiArea : s.onlyIn === 'reindeer' ? place.isReindeerArea : true))),
    );
  return allowed;
}

interface FirmContext {
  place: DemoPlace;
  nationalId: string;
  rng: Rng;
  now: Date;
  /** Forces the sector (the standard set gives each municipality a café, a shop …). */
  sectorKey?: string;
  /** Names already used in this run; a new firm redraws its name to avoid them. */
  usedNames?: Set<string>;
}

function address(place: DemoPlace, language: LocalLanguage, rng: Rng) {
  return { street: `${pick(rng, streets[language])} ${intBetween(rng, 1, 40)}`, postcode: place.postcode, city: place.postTown, municipality_code: place.code };
}

/** One demo firm: row, products, no establishments (see addEstablishments). */
export function generateFirm(ctx: FirmContext): DemoFirm {
  const { place, rng } = ctx;
  const country = place.country;
  const language = languageOf[country];
  const sector = (ctx.sectorKey && sectorByKey.get(ctx.sectorKey)) || pickWeighted(rng, allowedSectors(place), (s) => s.weight);
  const baseName = drawName(sector, place, language, rng, ctx.usedNames);
  const employees = Math.round(sector.employees[0] + (sector.employees[1] - sector.employees[0]) * rng() ** 2);
  const forms = legalForms[country];
  const form = employees >= 10 ? forms.find((f) => f.isCompany)! : pickWeighted(rng, forms, (f) => f.weight);
  const year = intBetween(rng, 1978, 2024);
  const registeredOn = `${year}-${String(intBetween(rng, 1, 12)).padStart(2, '0')}-${String(intBetween(rng, 1, 28)).padStart(2, '0')}`;
  const products = generateProducts(sector, place, language, rng);
  const description = describe(sector, place, language, products, year, rng, chance(rng, sector.englishShare));
  const hasWeb = chance(rng, 0.4);
  const web = `${slug(baseName)}.example`;
  const nace = sector.nace[country];
  return {
    firm: {
      country,
      national_id: ctx.nationalId,
      name: `${baseName}${form.suffix}${demoNameSuffix}`,
      legal_form: form.code,
      nace_code: nace,
      nace_division: nace.slice(0, 2),
      employees,
      ...address(place, language, rng),
      ...jitter(place, rng, sector.isRural),
      website: hasWeb ? `https://${web}` : null,
      email: hasWeb ? `${language === 'fi' ? 'info' : 'post'}@${web}` : null,
      phone: null,
      status: 'active',
      registered_on: registeredOn,
      language,
      description,
      opening_hours: generateOpeningHours(sector.hours, country, rng, ctx.now),
      is_demo: true,
      source: 'demo',
    },
    establishments: [],
    products,
    sectorKey: sector.key,
  };
}

/** Gives a firm two shops: one at its own address, one in another municipality of the same country. */
export function addEstablishments(bundle: DemoFirm, home: DemoPlace, other: DemoPlace, ids: NationalIdCursor, now: Date): void {
  const sector = sectorByKey.get(bundle.sectorKey)!;
  const country = home.country;
  const language = languageOf[country];
  const firm = bundle.firm;
  const baseName = firm.name.replace(demoNameSuffix, '').replace(/ (AS|DA|AB|HB|Oy|Ky)$/, '');
  const shop = (place: DemoPlace, rng: Rng, isHome: boolean): NewEstablishment => ({
    country,
    national_id: ids.take(country),
    parent_national_id: firm.national_id,
    // The home shop keeps the firm's name when that already says where it is.
    name:
      isHome && baseName.includes(place.genitive ?? place.name)
        ? `${baseName}${demoNameSuffix}`
        : `${baseName}${country === 'NO' ? ' avd.' : ''} ${place.name}${demoNameSuffix}`,
    nace_code: firm.nace_code,
    nace_division: firm.nace_division,
    employees: Math.max(1, Math.round((firm.employees ?? 2) / 2)),
    ...(isHome
      ? { street: firm.street, postcode: firm.postcode, city: firm.city, municipality_code: firm.municipality_code, lat: firm.lat, lon: firm.lon }
      : { ...address(place, language, rng), ...jitter(place, rng, false) }),
    website: firm.website,
    status: 'active',
    registered_on: firm.registered_on,
    description: describe(sector, place, language, bundle.products, Number(String(firm.registered_on).slice(0, 4)), rng, true),
    opening_hours: generateOpeningHours(sector.hours, country, rng, now),
    is_demo: true,
    source: 'demo',
  });
  bundle.establishments.push(
    shop(home, createRng(seedFrom('shop', firm.national_id, home.code)), true),
    shop(other, createRng(seedFrom('shop', firm.national_id, other.code)), false),
  );
}

const distanceKm = (a: DemoPlace, b: DemoPlace) => Math.hypot((a.lat - b.lat) * 111.32, (a.lon - b.lon) * 111.32 * Math.cos((a.lat * Math.PI) / 180));

export function nearestOtherPlace(place: DemoPlace, places: DemoPlace[]): DemoPlace {
  return places.filter((p) => p.country === place.country && p.code !== place.code).sort((a, b) => distanceKm(place, a) - distanceKm(place, b))[0];
}

/**
 * The standard demo set: each municipality's share of firms, the first few of them a café,
 * a shop, a guide, a builder and a bakery (plus reindeer meat and duodji where those are local),
 * the rest drawn by sector weight; two firms per country run two shops.
 */
export function generateStandardSet(places: DemoPlace[], now: Date): DemoFirm[] {
  const firmIds = standardFirmIds();
  const establishmentIds = standardEstablishmentIds();
  const usedNames = new Set<string>();
  const bundles: { bundle: DemoFirm; place: DemoPlace }[] = [];
  for (const place of places) {
    const core = ['cafe', 'grocery', 'guide', 'builder', 'bakery', ...(place.isReindeerArea ? ['reindeer'] : []), ...(place.isSamiArea ? ['duodji'] : [])];
    for (let i = 0; i < place.standardFirms; i++) {
      const rng = createRng(seedFrom('standard', place.country, place.code, i));
      const bundle = generateFirm({ place, nationalId: firmIds.take(place.country), rng, now, sectorKey: core[i], usedNames });
      bundles.push({ bundle, place });
    }
  }
  for (const country of ['NO', 'SE', 'FI'] as const) {
    // Shops beyond the first five of a municipality (its core café, grocer …), in the larger places.
    const chosen = bundles
      .filter(
        (b, i) =>
          b.place.country === country &&
          b.place.standardFirms >= 20 &&
          multiShopSectors.has(b.bundle.sectorKey) &&
          i - bundles.findIndex((x) => x.place === b.place) >= 5,
      )
      .slice(0, 2);
    for (const { bundle, place } of chosen) addEstablishments(bundle, place, nearestOtherPlace(place, places), establishmentIds, now);
  }
  return bundles.map((b) => b.bundle);
}

/**
 * More demo firms, spread over the municipalities by their weight. `sequence` numbers the
 * firms across runs, so that each run continues where the previous one stopped.
 */
export function generateExtraFirms(
  places: DemoPlace[],
  count: number,
  sequence: number,
  ids: { firms: NationalIdCursor; establishments: NationalIdCursor },
  now: Date,
): DemoFirm[] {
  const out: DemoFirm[] = [];
  for (let i = 0; i < count; i++) {
    const placeRng = createRng(seedFrom('extra-place', sequence + i));
    const place = pickWeighted(placeRng, places, (p) => p.standardFirms);
    const nationalId = ids.firms.take(place.country);
    const bundle = generateFirm({ place, nationalId, rng: createRng(seedFrom('extra', place.country, nationalId)), now });
    // About one shop-keeping firm in fifty has a second shop, as in the standard set.
    if (multiShopSectors.has(bundle.sectorKey) && chance(placeRng, 0.02))
      addEstablishments(bundle, place, nearestOtherPlace(place, places), ids.establishments, now);
    out.push(bundle);
  }
  return out;
}
