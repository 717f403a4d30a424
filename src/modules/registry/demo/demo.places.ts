/**
 * The demo network's municipalities and the local words the generator needs for them.
 * Demo DATA, not UI text: these strings end up in firm rows, never in a view as labels.
 *
 * Codes are checked against the places reference data at seed time (an unknown code stops
 * the seeding with a clear error). Region 10 is the ten municipalities the NiMR project
 * text names ("Dorotea, Åsele, Vilhelmina, Lycksele, Storuman, Sorsele, Malå, Norsjö,
 * Arvidsjaur och Arjeplog"): eight in Västerbotten, two in Norrbotten.
 */
import type { Country } from '../national-id.js';

export type LocalLanguage = 'nb' | 'sv' | 'fi';
export type DemoRegion = 'fjellregionen' | 'region10' | 'east-lapland';

export interface DemoMunicipality {
  country: Country;
  code: string;
  region: DemoRegion;
  /** Firms of this municipality in the standard demo set (roughly by population). */
  standardFirms: number;
  /** Local preposition phrase: "på Røros", "i Dorotea", "Kemijärvellä". */
  inLocal: string;
  /** Finnish genitive (Kemijärven) for names; the plain name elsewhere. */
  genitive?: string;
  /** Postcode and post town of the municipal centre. */
  postcode: string;
  postTown: string;
  /**
   * How far from the municipal centre (km) rural firms may be placed; town firms stay within
   * a third of it. Kept well inside the distance from the centre to the nearest border.
   */
  radiusKm: number;
  /** Sami duodji and reindeer-meat firms are generated only where reindeer herding is local. */
  isReindeerArea: boolean;
  isSamiArea: boolean;
}

/** A demo municipality with its name and centre from the places reference data. */
export interface DemoPlace extends DemoMunicipality {
  name: string;
  lat: number;
  lon: number;
}

export const languageOf: Record<Country, LocalLanguage> = { NO: 'nb', SE: 'sv', FI: 'fi' };
export const currencyOf: Record<Country, 'NOK' | 'SEK' | 'EUR'> = { NO: 'NOK', SE: 'SEK', FI: 'EUR' };
export const timeZoneOf: Record<Country, string> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', FI: 'Europe/Helsinki' };

const no = (
  code: string,
  standardFirms: number,
  inLocal: string,
  postcode: string,
  postTown: string,
  radiusKm: number,
  isReindeerArea: boolean,
  isSamiArea: boolean,
): DemoMunicipality => ({
  country: 'NO',
  code,
  region: 'fjellregionen',
  standardFirms,
  inLocal,
  postcode,
  postTown,
  radiusKm,
  isReindeerArea,
  isSamiArea,
});
const se = (code: string, standardFirms: number, name: string, postcode: string, radiusKm: number): DemoMunicipality => ({
  country: 'SE',
  code,
  region: 'region10',
  standardFirms,
  inLocal: `i ${name}`,
  postcode,
  postTown: name,
  radiusKm,
  isReindeerArea: true,
  isSamiArea: true,
});
const fi = (
  code: string,
  standardFirms: number,
  inLocal: string,
  genitive: string,
  postcode: string,
  postTown: string,
  radiusKm: number,
): DemoMunicipality => ({
  country: 'FI',
  code,
  region: 'east-lapland',
  standardFirms,
  inLocal,
  genitive,
  postcode,
  postTown,
  radiusKm,
  isReindeerArea: true,
  isSamiArea: false,
});

export const demoMunicipalities: DemoMunicipality[] = [
  // Fjellregionen (Innlandet and Trøndelag)
  no('5025', 34, 'på Røros', '7374', 'Røros', 4, true, true),
  no('5026', 16, 'i Holtålen', '7380', 'Ålen', 3, true, true),
  no('3430', 14, 'på Os', '2550', 'Os i Østerdalen', 2.5, true, true),
  no('3426', 13, 'i Tolga', '2540', 'Tolga', 2.5, true, true),
  no('3427', 32, 'på Tynset', '2500', 'Tynset', 4, false, false),
  no('3429', 12, 'i Folldal', '2580', 'Folldal', 3, false, false),
  no('3428', 17, 'i Alvdal', '2560', 'Alvdal', 3, false, false),
  no('3424', 14, 'i Rendalen', '2485', 'Rendalen', 4, true, true),
  // Region 10 (Västerbottens and Norrbottens inland)
  se('2425', 16, 'Dorotea', '917 31', 5),
  se('2463', 17, 'Åsele', '919 32', 5),
  se('2462', 30, 'Vilhelmina', '912 31', 6),
  se('2481', 44, 'Lycksele', '921 31', 5),
  se('2421', 28, 'Storuman', '923 31', 6),
  se('2422', 15, 'Sorsele', '924 31', 6),
  se('2418', 16, 'Malå', '930 70', 4),
  se('2417', 20, 'Norsjö', '935 31', 4),
  se('2505', 28, 'Arvidsjaur', '933 31', 6),
  se('2506', 17, 'Arjeplog', '938 31', 6),
  // East Lapland
  fi('320', 38, 'Kemijärvellä', 'Kemijärven', '98100', 'Kemijärvi', 5),
  fi('732', 22, 'Sallassa', 'Sallan', '98900', 'Salla', 5),
  fi('742', 10, 'Savukoskella', 'Savukosken', '98800', 'Savukoski', 5),
  fi('583', 11, 'Pelkosenniemellä', 'Pelkosenniemen', '98500', 'Pelkosenniemi', 4),
  fi('614', 20, 'Posiolla', 'Posion', '97900', 'Posio', 4),
];

/** "in the region" in each language, by region (and for Region 10 by county: Norrbotten's two differ). */
export function inRegion(m: DemoMunicipality, language: LocalLanguage | 'en'): string {
  const norrbotten = m.country === 'SE' && m.code.startsWith('25');
  const phrases: Record<DemoRegion, Record<LocalLanguage | 'en', string>> = {
    fjellregionen: { nb: 'i Fjellregionen', sv: 'i Fjellregionen', fi: 'Fjellregionenin alueella', en: 'in the Fjellregionen mountain region' },
    region10: norrbotten
      ? { nb: 'i innlandet i Norrbotten', sv: 'i Norrbottens inland', fi: 'Norrbottenin sisämaassa', en: 'in inland Norrbotten' }
      : { nb: 'i innlandet i Västerbotten', sv: 'i Västerbottens inland', fi: 'Västerbottenin sisämaassa', en: 'in inland Västerbotten' },
    'east-lapland': { nb: 'i Øst-Lappland', sv: 'i Östra Lappland', fi: 'Itä-Lapissa', en: 'in East Lapland' },
  };
  return phrases[m.region][language];
}

/**
 * The demo number ranges (bodies before the check digit), chosen to stay clear of real firms:
 * - NO: real organisasjonsnummer are issued from 8xx xxx xxx and 9xx xxx xxx; demo firms use
 *   10x xxx xxx – 17x xxx xxx, establishments (underenheter) 18x xxx xxx – 19x xxx xxx.
 * - SE: the first digit of an organisationsnummer is its legal-entity group (2 state, 5 AB,
 *   7 economic association, 8 non-profit, 9 partnership …); group 4 is not in use. Demo firms
 *   use 402 000 000x – 409 999 999x, establishments 492 000 000x – 499 999 999x; the third digit ≥ 2 keeps
 *   them distinct from personnummer.
 * - FI: Y-tunnus are issued upwards and have reached the 3 million range; demo firms use
 *   9 000 000 – 9 799 999, establishments 9 800 000 – 9 999 999.
 * Bodies whose check digit cannot exist (mod 11 remainder 1) are skipped.
 */
export const demoIdRanges: Record<Country, { firms: { first: number; last: number }; establishments: { first: number; last: number } }> = {
  NO: { firms: { first: 10_000_000, last: 17_999_999 }, establishments: { first: 18_000_000, last: 19_999_999 } },
  SE: { firms: { first: 402_000_000, last: 409_999_999 }, establishments: { first: 492_000_000, last: 499_999_999 } },
  FI: { firms: { first: 9_000_000, last: 9_799_999 }, establishments: { first: 9_800_000, last: 9_999_999 } },
};

/** The standard set uses bodies first … first + this; `seed demo --firms N` continues above it. */
export const standardSetReserve = 10_000;

export const streets: Record<LocalLanguage, string[]> = {
  nb: [
    'Storgata',
    'Sentrumsvegen',
    'Stasjonsvegen',
    'Kirkevegen',
    'Industrivegen',
    'Fjellvegen',
    'Skolevegen',
    'Elvevegen',
    'Sagvegen',
    'Torget',
    'Meierivegen',
    'Gamle Kongeveg',
    'Hagevegen',
    'Bjørkevegen',
  ],
  sv: [
    'Storgatan',
    'Järnvägsgatan',
    'Skolgatan',
    'Kyrkogatan',
    'Industrivägen',
    'Sjögatan',
    'Fjällvägen',
    'Torget',
    'Nygatan',
    'Postgatan',
    'Sågverksvägen',
    'Älvvägen',
    'Björkvägen',
    'Granvägen',
  ],
  fi: [
    'Kauppatie',
    'Keskuskatu',
    'Asematie',
    'Koulutie',
    'Kirkkotie',
    'Teollisuustie',
    'Rantatie',
    'Tunturitie',
    'Sahantie',
    'Torikatu',
    'Koivukuja',
    'Pappilantie',
    'Myllytie',
    'Vaarantie',
  ],
};

/** First parts of compound names: Fjellbakeriet, Tallbageriet, Tunturileipomo. */
export const namePrefixes: Record<LocalLanguage, string[]> = {
  nb: [
    'Fjell',
    'Furu',
    'Bjørke',
    'Lyng',
    'Vidde',
    'Elve',
    'Stein',
    'Tiur',
    'Rype',
    'Nord',
    'Sol',
    'Snø',
    'Skog',
    'Myr',
    'Gran',
    'Fonn',
    'Stjerne',
    'Tind',
    'Mose',
    'Hei',
  ],
  sv: [
    'Fjäll',
    'Tall',
    'Björk',
    'Ljung',
    'Myr',
    'Älv',
    'Sten',
    'Tjäder',
    'Norr',
    'Sol',
    'Snö',
    'Skogs',
    'Sjö',
    'Gran',
    'Fors',
    'Stjärn',
    'Lav',
    'Hed',
    'Mo',
    'Berg',
  ],
  fi: [
    'Tunturi',
    'Mänty',
    'Koivu',
    'Kanerva',
    'Suo',
    'Joki',
    'Kivi',
    'Metso',
    'Riekko',
    'Pohjois',
    'Aurinko',
    'Lumi',
    'Metsä',
    'Järvi',
    'Revontuli',
    'Kelo',
    'Kuusi',
    'Jäkälä',
    'Koski',
    'Vaara',
  ],
};

/** The same kind of words standing alone: "Vertshuset Rypa", "Restaurang Forsen", "Ravintola Pohjola". */
export const nameWords: Record<LocalLanguage, string[]> = {
  nb: [
    'Fjell',
    'Furu',
    'Bjørk',
    'Lyng',
    'Vidda',
    'Elva',
    'Stein',
    'Tiur',
    'Rypa',
    'Nordlys',
    'Sol',
    'Snø',
    'Skog',
    'Myra',
    'Gran',
    'Fonna',
    'Stjerne',
    'Tind',
    'Mose',
    'Heia',
  ],
  sv: [
    'Fjäll',
    'Tall',
    'Björk',
    'Ljung',
    'Myren',
    'Älven',
    'Sten',
    'Tjäder',
    'Norrsken',
    'Sol',
    'Snö',
    'Skog',
    'Sjön',
    'Gran',
    'Forsen',
    'Stjärna',
    'Lav',
    'Heden',
    'Mon',
    'Berg',
  ],
  fi: [
    'Tunturi',
    'Mänty',
    'Koivu',
    'Kanerva',
    'Suo',
    'Joki',
    'Kivi',
    'Metso',
    'Riekko',
    'Pohjola',
    'Aurinko',
    'Lumi',
    'Metsä',
    'Järvi',
    'Revontuli',
    'Kelo',
    'Kuusi',
    'Jäkälä',
    'Koski',
    'Vaara',
  ],
};

export const surnames: Record<LocalLanguage, string[]> = {
  nb: [
    'Hansen',
    'Johansen',
    'Olsen',
    'Larsen',
    'Nilsen',
    'Berg',
    'Haugen',
    'Bakken',
    'Moen',
    'Lien',
    'Dahl',
    'Brekke',
    'Aune',
    'Holm',
    'Strand',
    'Sætre',
    'Hagen',
    'Nygård',
    'Solberg',
    'Eide',
  ],
  sv: [
    'Andersson',
    'Johansson',
    'Karlsson',
    'Nilsson',
    'Eriksson',
    'Larsson',
    'Olsson',
    'Persson',
    'Lindgren',
    'Berglund',
    'Lundberg',
    'Holmberg',
    'Forsberg',
    'Öberg',
    'Sjöberg',
    'Nordin',
    'Öhman',
    'Marklund',
    'Granberg',
    'Holmgren',
  ],
  fi: [
    'Korhonen',
    'Virtanen',
    'Mäkinen',
    'Nieminen',
    'Heikkinen',
    'Koskinen',
    'Järvinen',
    'Lehtonen',
    'Kemppainen',
    'Salmela',
    'Niskanen',
    'Hirvonen',
    'Kallio',
    'Ollila',
    'Sirviö',
    'Hietala',
    'Lampela',
    'Karjalainen',
    'Pesonen',
    'Mustonen',
  ],
};

export const firstNames: Record<LocalLanguage, string[]> = {
  nb: ['Kari', 'Ola', 'Ingrid', 'Per', 'Siri', 'Anders', 'Marit', 'Jon', 'Guri', 'Eirik', 'Tone', 'Knut', 'Hilde', 'Arne', 'Randi', 'Sindre'],
  sv: ['Anna', 'Lars', 'Karin', 'Erik', 'Maria', 'Johan', 'Eva', 'Per', 'Lena', 'Nils', 'Sara', 'Magnus', 'Ingrid', 'Olof', 'Elin', 'Jonas'],
  fi: ['Aino', 'Matti', 'Liisa', 'Juha', 'Sanna', 'Pekka', 'Marja', 'Timo', 'Kaisa', 'Jari', 'Anu', 'Heikki', 'Riikka', 'Ville', 'Tuula', 'Eero'],
};

/** The marker every demo firm and establishment name carries, so no one takes it for a real business. */
export const demoNameSuffix = ' (demo)';

/** The last sentence of every demo description. */
export const demoNotice: Record<LocalLanguage | 'en', string> = {
  nb: 'Fiktiv bedrift i Lokalkrafts demodata.',
  sv: 'Fiktivt företag i Lokalkrafts demodata.',
  fi: 'Kuvitteellinen yritys Lokalkraftin esittelyaineistossa.',
  en: 'A fictional business in the Lokalkraft demo data.',
};

/** "We offer, among other things, …" — in Finnish with "kuuluvat", which takes the names in their plain form. */
export const offerSentence: Record<LocalLanguage, { text: string; and: string }> = {
  nb: { text: 'Vi tilbyr blant annet {items}.', and: 'og' },
  sv: { text: 'Vi erbjuder bland annat {items}.', and: 'och' },
  fi: { text: 'Tarjontaamme kuuluvat muun muassa {items}.', and: 'ja' },
};

/** Notes on a product or service: made here (makers only), book a time, ask for a quote (trades). */
export const productNotes: Record<LocalLanguage, { made: string[]; book: string[]; quote: string[] }> = {
  nb: {
    made: ['Laget {in}.', 'Lokalt produsert.', 'Så lenge lageret rekker.'],
    book: ['Bestill på telefon eller e-post.'],
    quote: ['Pris etter avtale for større oppdrag.'],
  },
  sv: {
    made: ['Tillverkad {in}.', 'Lokalt producerad.', 'Så länge lagret räcker.'],
    book: ['Boka via telefon eller e-post.'],
    quote: ['Pris enligt offert för större uppdrag.'],
  },
  fi: {
    made: ['Valmistettu {in}.', 'Paikallinen tuote.', 'Niin kauan kuin tavaraa riittää.'],
    book: ['Varaa puhelimitse tai sähköpostilla.'],
    quote: ['Isommista töistä tarjous erikseen.'],
  },
};

/** Local legal forms as the registers abbreviate them, with the name suffix they give. */
export const legalForms: Record<Country, { code: string; suffix: string; weight: number; isCompany: boolean }[]> = {
  NO: [
    { code: 'AS', suffix: ' AS', weight: 55, isCompany: true },
    { code: 'ENK', suffix: '', weight: 40, isCompany: false },
    { code: 'DA', suffix: ' DA', weight: 5, isCompany: false },
  ],
  SE: [
    { code: 'AB', suffix: ' AB', weight: 55, isCompany: true },
    { code: 'EF', suffix: '', weight: 37, isCompany: false },
    { code: 'HB', suffix: ' HB', weight: 8, isCompany: false },
  ],
  FI: [
    { code: 'OY', suffix: ' Oy', weight: 55, isCompany: true },
    { code: 'TMI', suffix: '', weight: 37, isCompany: false },
    { code: 'KY', suffix: ' Ky', weight: 8, isCompany: false },
  ],
};

/** Public holidays used for opening-hour exceptions (fixed dates, plus Midsummer Eve: the Friday 19–25 June). */
export const holidays: Record<Country, { month: number; day: number | 'midsummer-eve'; note: string; shortDay?: boolean }[]> = {
  NO: [
    { month: 5, day: 17, note: 'Grunnlovsdag' },
    { month: 12, day: 24, note: 'Julaften', shortDay: true },
    { month: 12, day: 26, note: '2. juledag' },
  ],
  SE: [
    { month: 6, day: 6, note: 'Sveriges nationaldag' },
    { month: 6, day: 'midsummer-eve', note: 'Midsommarafton' },
    { month: 12, day: 24, note: 'Julafton', shortDay: true },
  ],
  FI: [
    { month: 6, day: 'midsummer-eve', note: 'Juhannusaatto' },
    { month: 12, day: 6, note: 'Itsenäisyyspäivä' },
    { month: 12, day: 24, note: 'Jouluaatto', shortDay: true },
  ],
};
