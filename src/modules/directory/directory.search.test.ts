import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { completeNationalId, type Country } from '../registry/national-id.js';
import type { OpeningHours } from '../registry/registry.tables.js';
import { getListing, listFilterOptions, listingsForMap, searchListings, searchTuning } from './directory.service.js';
import { searchQuerySchema, type SearchResult } from './directory.schemas.js';
import { syncListings } from './directory.sync.js';
import { setSearchCacheEnabled } from './directory.cache.js';
import {
  createSyntheticSource,
  insertFirms,
  loadSyntheticPlaces,
  makeSyntheticFirms,
  type SyntheticEstablishment,
  type SyntheticFirm,
} from '../../../bench/synthetic.js';

const places = new Map(loadSyntheticPlaces().map((p) => [`${p.country}:${p.code}`, p]));
let body = 0;
const nextId = (country: Country) => {
  for (;;) {
    const id = completeNationalId(country, country === 'SE' ? 559_000_000 + body++ : country === 'NO' ? 91_000_000 + body++ : 3_000_000 + body++);
    if (id) return id;
  }
};

type FirmInput = Partial<SyntheticFirm> & { name: string; country: Country; municipality_code: string };
function firm(input: FirmInput): SyntheticFirm {
  const place = places.get(`${input.country}:${input.municipality_code}`)!;
  const language = input.language ?? (input.country === 'NO' ? 'nb' : input.country === 'SE' ? 'sv' : 'fi');
  return {
    national_id: nextId(input.country),
    legal_form: 'AS',
    nace_code: '47.111',
    nace_division: '47',
    employees: 3,
    street: 'Storgata 1',
    postcode: '7374',
    city: place.name,
    lat: place.lat,
    lon: place.lon,
    website: null,
    email: null,
    phone: null,
    status: 'active',
    closed_on: null,
    registered_on: '2010-01-01',
    description: {},
    opening_hours: null,
    products: [],
    establishments: [],
    ...input,
    language,
  };
}
const establishment = (input: Partial<SyntheticEstablishment> & { name: string; municipality_code: string; country: Country }): SyntheticEstablishment => {
  const place = places.get(`${input.country}:${input.municipality_code}`)!;
  return {
    national_id: nextId(input.country),
    nace_code: '47.111',
    nace_division: '47',
    employees: 2,
    street: 'Torget 2',
    postcode: '0001',
    city: place.name,
    lat: place.lat,
    lon: place.lon,
    status: 'active',
    opening_hours: null,
    ...input,
  };
};
const haversineKm = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
};
const weekdays = (opens: string, closes: string): OpeningHours => ({ weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes })) });

// Røros 5025 (Trøndelag 50), Holtålen 5026, Oslo 0301 (03), Kemijärvi 320 (Lappi 19), Salla 732, Stockholm 0180 (01), Umeå 2480 (24)
const fixtures: Record<string, FirmInput> = {
  rorosBakery: {
    name: 'Fjellbakst AS',
    country: 'NO',
    municipality_code: '5025',
    nace_code: '10.710',
    nace_division: '10',
    description: { nb: 'Vi er et tradisjonsrikt bakeri med surdeigsbrød og kanelboller.' },
    opening_hours: weekdays('09:00', '17:00'),
    products: [{ kind: 'product', name: 'Kanelboller', language: 'nb', price_minor: 3500, currency: 'NOK' }],
  },
  rorosPlumber: { name: 'Røros Rørlegger AS', country: 'NO', municipality_code: '5025', nace_code: '43.220', nace_division: '43' },
  rorosCafe: {
    name: 'Kaffestuggu',
    country: 'NO',
    municipality_code: '5025',
    nace_code: '56.301',
    nace_division: '56',
    opening_hours: {
      weekly: [
        { day: 5, opens: '18:00', closes: '02:00' },
        { day: 3, opens: '10:00', closes: '16:00' },
      ],
      exceptions: [{ date: '2025-12-24', closed: true }],
    },
  },
  holtalenBakery: { name: 'Holtålen Bakeri', country: 'NO', municipality_code: '5026', nace_code: '10.710', nace_division: '10' },
  osloBakery: {
    name: 'Grünerløkka Bakeri AS',
    country: 'NO',
    municipality_code: '0301',
    nace_code: '10.710',
    nace_division: '10',
    opening_hours: weekdays('07:00', '19:00'),
  },
  osloClosed: {
    name: 'Nedlagt Bakeri AS',
    country: 'NO',
    municipality_code: '0301',
    nace_code: '10.710',
    nace_division: '10',
    status: 'closed',
    closed_on: '2020-01-01',
  },
  swedishBakery: {
    name: 'Umeå Hembageri AB',
    country: 'SE',
    municipality_code: '2480',
    nace_code: '10710',
    nace_division: '10',
    description: { sv: 'Ett litet bageri i centrum.' },
  },
  stockholmShop: {
    name: 'Söders Blommor AB',
    country: 'SE',
    municipality_code: '0180',
    nace_code: '47761',
    nace_division: '47',
    opening_hours: weekdays('10:00', '18:00'),
  },
  kemijarviBakery: {
    name: 'Pohjolan Leipomot Oy',
    country: 'FI',
    municipality_code: '320',
    nace_code: '10710',
    nace_division: '10',
    description: { fi: 'Leipomo Kemijärven keskustassa.' },
    opening_hours: weekdays('09:00', '17:00'),
  },
  sallaShop: { name: 'Sallan Kyläkauppa', country: 'FI', municipality_code: '732', nace_code: '47111', nace_division: '47' },
  chain: {
    name: 'Fjellkjeden AS',
    country: 'NO',
    municipality_code: '5025',
    nace_code: '47.111',
    nace_division: '47',
    establishments: [], // filled below: two active shops and a closed one
  },
};

for (const backend of await backendsUnderTest()) {
  describe(`directory search on ${backend}`, () => {
    let database: TestDatabase;
    const ids: Record<string, number> = {};
    const search = (raw: Record<string, string>, now = new Date('2025-03-12T10:30:00Z'), locale: 'nb' | 'sv' | 'fi' | 'en' = 'en') =>
      searchListings(database.db, searchQuerySchema.parse(raw), locale, now);
    const names = (r: SearchResult) => r.items.map((i) => i.name);

    before(async () => {
      database = await createTestDatabase(backend);
      const firms = Object.entries(fixtures).map(([key, input]) => {
        const f = firm(input);
        if (key === 'chain') {
          f.establishments = [
            establishment({ name: 'Fjellkjeden Røros', country: 'NO', municipality_code: '5025' }),
            establishment({ name: 'Fjellkjeden Holtålen', country: 'NO', municipality_code: '5026' }),
            establishment({ name: 'Fjellkjeden Tydal', country: 'NO', municipality_code: '5025', status: 'closed' }),
          ];
        }
        return [key, f] as const;
      });
      const inserted = await insertFirms(
        database.db,
        firms.map(([, f]) => f),
        { source: 'test', isDemo: true },
      );
      firms.forEach(([key], i) => (ids[key] = inserted[i]));
      await syncListings(database.db, { firmIds: inserted });
    });
    after(async () => database?.destroy());

    it("stems words in the firm's language (nb, sv, fi)", async () => {
      assert.ok(names(await search({ q: 'bakeriet' })).includes('Fjellbakst AS'), 'nb "bakeriet" finds a firm described as a bakeri');
      assert.ok(names(await search({ q: 'bagerier' })).includes('Umeå Hembageri AB'), 'sv "bagerier" finds a bageri');
      assert.ok(names(await search({ q: 'leipomo' })).includes('Pohjolan Leipomot Oy'), 'fi "leipomo" finds "Leipomot"');
      assert.ok(names(await search({ q: 'leipomot' })).includes('Pohjolan Leipomot Oy'));
      assert.ok(names(await search({ q: 'kanelbolle' })).includes('Fjellbakst AS'), 'products are searched');
    });

    it('ignores diacritics and matches place names', async () => {
      assert.ok(names(await search({ q: 'roros rorlegger' })).includes('Røros Rørlegger AS'));
      const roros = await search({ q: 'roros' });
      assert.ok(names(roros).includes('Kaffestuggu'), 'a firm in Røros is found by the place name');
      assert.ok(roros.items.every((i) => i.municipality?.code === '5025'));
      assert.deepEqual(names(await search({ q: 'kemijarvi' })), ['Pohjolan Leipomot Oy']);
      assert.deepEqual(names(await search({ q: 'Kemijärvi' })), ['Pohjolan Leipomot Oy']);
    });

    it('tolerates typos and says what it searched instead', async () => {
      const bakri = await search({ q: 'bakri' });
      assert.ok(names(bakri).includes('Holtålen Bakeri') && names(bakri).includes('Grünerløkka Bakeri AS'));
      assert.deepEqual(bakri.corrections?.[0]?.from, 'bakri');
      assert.ok(bakri.corrections?.[0]?.to.includes('bakeri'));
      assert.ok(names(await search({ q: 'rørleger' })).includes('Røros Rørlegger AS'));
      assert.equal((await search({ q: 'xqzvy' })).total, 0, 'a word far from every word finds nothing');
    });

    it('ANDs words and ignores legal-form words and stop words', async () => {
      assert.deepEqual(names(await search({ q: 'bakeri holtålen' })), ['Holtålen Bakeri']);
      assert.deepEqual(names(await search({ q: 'Røros Rørlegger AS' })), ['Røros Rørlegger AS']);
      assert.ok(names(await search({ q: 'bakeri i oslo' })).includes('Grünerløkka Bakeri AS'));
    });

    it('filters by municipality, county, country and sector (section or division)', async () => {
      assert.deepEqual(new Set(names(await search({ q: 'bakeri', municipality: '5026' }))), new Set(['Holtålen Bakeri']));
      const trondelag = await search({ county: '50', country: 'NO' });
      assert.ok(trondelag.items.every((i) => i.county?.code === '50') && trondelag.total === 6);
      assert.ok((await search({ country: 'FI' })).items.every((i) => i.country === 'FI'));
      const food = await search({ sector: 'C' });
      assert.deepEqual(
        new Set(names(food)),
        new Set(['Fjellbakst AS', 'Holtålen Bakeri', 'Grünerløkka Bakeri AS', 'Umeå Hembageri AB', 'Pohjolan Leipomot Oy']),
      );
      assert.equal((await search({ sector: '10' })).total, 5);
      assert.equal((await search({ sector: '56' })).total, 1);
      assert.equal((await search({ q: 'bakeri', sector: '56' })).total, 0);
    });

    it('counts facets as the listings each value would give (own filter excluded)', async () => {
      const queries: Record<string, string>[] = [
        { q: 'bakeri' },
        { q: 'bakeri', sector: 'C' },
        { sector: 'C' },
        { municipality: '5025' },
        { q: 'roros', sector: '47' },
        {},
      ];
      for (const raw of queries) {
        const r = await search(raw);
        assert.equal(r.total, (await search({ ...raw, per_page: '100' })).items.length, `total of ${JSON.stringify(raw)}`);
        for (const f of r.facets.municipality) {
          const only = await search({ ...raw, municipality: f.code, country: f.country! });
          assert.equal(f.count, only.total, `municipality ${f.code} for ${JSON.stringify(raw)}`);
        }
        for (const f of r.facets.sector) assert.equal(f.count, (await search({ ...raw, sector: f.code })).total, `sector ${f.code} for ${JSON.stringify(raw)}`);
        for (const f of r.facets.county)
          assert.equal(f.count, (await search({ ...raw, county: f.code, country: f.country! })).total, `county ${f.code} for ${JSON.stringify(raw)}`);
        assert.ok(
          r.facets.municipality.every((f) => f.name && f.name !== f.code),
          'municipalities are named',
        );
      }
      const nb = await search({ q: 'bakeri' }, undefined, 'nb');
      assert.ok(
        nb.facets.sector.some((s) => s.code === 'C' && /industri/i.test(s.name)),
        "sector names in the reader's language",
      );
    });

    it('sorts by distance from "near" and applies the radius', async () => {
      const roros = places.get('NO:5025')!;
      const r = await search({ near: `${roros.lat},${roros.lon}`, per_page: '100' });
      const distances = r.items.map((i) => i.distance_km!);
      assert.equal(r.total, 11);
      assert.deepEqual(
        [...distances].sort((a, b) => a - b),
        distances,
        'nearest first',
      );
      assert.equal(distances[0], 0);
      const osloPlace = places.get('NO:0301')!;
      const oslo = r.items.find((i) => i.name === 'Grünerløkka Bakeri AS')!;
      assert.ok(Math.abs(oslo.distance_km! - haversineKm(roros, osloPlace)) < 0.01, `Røros–Oslo ${oslo.distance_km}`);
      const near = await search({ near: `${roros.lat},${roros.lon}`, radius_km: '50', q: 'bakeri' });
      assert.deepEqual(new Set(names(near)), new Set(['Fjellbakst AS', 'Holtålen Bakeri']));
      assert.ok(near.items.every((i) => i.distance_km! <= 50));
      const paged = await search({ near: `${roros.lat},${roros.lon}`, per_page: '3', page: '2' });
      assert.deepEqual(
        paged.items.map((i) => i.id),
        r.items.slice(3, 6).map((i) => i.id),
      );
    });

    it('evaluates "open now" in each place\'s own time zone', async () => {
      // Wed 12 March 2025 15:30 UTC = 16:30 in Oslo and Stockholm, 17:30 in Helsinki
      const wednesday = new Date('2025-03-12T15:30:00Z');
      const open = names(await search({ open_now: 'true' }, wednesday));
      assert.ok(open.includes('Fjellbakst AS') && open.includes('Söders Blommor AB') && open.includes('Grünerløkka Bakeri AS'));
      assert.ok(!open.includes('Pohjolan Leipomot Oy'), 'Kemijärvi closed at 17:00 its time');
      assert.ok(!open.includes('Holtålen Bakeri'), 'no opening hours → not open');
      // Sat 15 March 2025 00:30 UTC = 01:30 in Oslo: Friday evening hours run past midnight
      assert.deepEqual(names(await search({ open_now: 'true', municipality: '5025' }, new Date('2025-03-15T00:30:00Z'))), ['Kaffestuggu']);
      // summer time: Wed 11 June 2025 06:30 UTC = 08:30 in Oslo (CEST), 09:30 in Kemijärvi (EEST)
      const june = names(await search({ open_now: 'true' }, new Date('2025-06-11T06:30:00Z')));
      assert.ok(june.includes('Pohjolan Leipomot Oy') && !june.includes('Fjellbakst AS'));
      // an exception date (Christmas Eve, a Wednesday) closes a place that is normally open
      assert.ok(!names(await search({ open_now: 'true', municipality: '5025' }, new Date('2025-12-24T11:00:00Z'))).includes('Kaffestuggu'));
      const item = (await search({ q: 'kaffestuggu' }, new Date('2025-03-12T10:30:00Z'))).items[0];
      assert.equal(item.is_open_now, true);
      assert.equal((await search({ q: 'holtålen bakeri' })).items[0].is_open_now, null, 'unknown hours');
    });

    it('pages through results without gaps or repeats', async () => {
      const all = await search({ country: 'NO', per_page: '100' });
      const seen: number[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = await search({ country: 'NO', per_page: '3', page: String(page) });
        assert.equal(r.total, all.total);
        seen.push(...r.items.map((i) => i.id));
      }
      assert.deepEqual(
        seen,
        all.items.map((i) => i.id),
      );
      const ranked = await search({ q: 'bakeri', per_page: '2', page: '2' });
      assert.deepEqual(
        ranked.items.map((i) => i.id),
        (await search({ q: 'bakeri', per_page: '100' })).items.slice(2, 4).map((i) => i.id),
      );
    });

    it('does not list closed firms, and lists a firm with establishments through them', async () => {
      assert.ok(!names(await search({ q: 'nedlagt' })).length, 'closed firm');
      const chain = await search({ q: 'fjellkjeden' });
      assert.deepEqual(new Set(names(chain)), new Set(['Fjellkjeden Røros', 'Fjellkjeden Holtålen']));
      assert.ok(chain.items.every((i) => i.kind === 'establishment'));
      const detail = await getListing(database.db, chain.items.find((i) => i.name === 'Fjellkjeden Røros')!.id, 'nb');
      assert.equal(detail?.parent?.name, 'Fjellkjeden AS');
      assert.deepEqual(
        detail?.establishments.map((e) => e.name),
        ['Fjellkjeden Holtålen'],
      );
      assert.notEqual(detail?.orgnr, detail?.parent?.orgnr, 'each unit has its own number');
    });

    it('returns the firm page facts', async () => {
      const id = (await search({ q: 'fjellbakst' })).items[0].id;
      const detail = await getListing(database.db, id, 'nb', new Date('2025-03-12T10:30:00Z'));
      assert.equal(detail?.name, 'Fjellbakst AS');
      assert.equal(detail?.municipality?.name, 'Røros');
      assert.equal(detail?.sector?.code, '10');
      assert.equal(detail?.products[0]?.name, 'Kanelboller');
      assert.equal(detail?.opening_hours?.timeZone, 'Europe/Oslo');
      assert.equal(detail?.is_open_now, true);
      assert.match(detail?.description.nb ?? '', /bakeri/);
      assert.equal(await getListing(database.db, 999_999_998, 'nb'), null);
    });

    it('follows registry changes after a sync: renames, words, facets, closures', async () => {
      const before = await search({ q: 'bakeri', municipality: '5026' });
      await sql`update firms set name = 'Holtålen Konditori', updated_at = now() where id = ${ids.holtalenBakery}`.execute(database.db);
      assert.equal((await search({ q: 'konditori' })).total, 0, 'not visible before the sync');
      await syncListings(database.db, { firmIds: [ids.holtalenBakery] });
      assert.deepEqual(names(await search({ q: 'konditori' })), ['Holtålen Konditori']);
      assert.deepEqual(names(await search({ q: 'konditry' })), ['Holtålen Konditori'], 'the word table knows the new word (typo)');
      assert.equal((await search({ q: 'bakeri', municipality: '5026' })).total, before.total - 1);
      await sql`update firms set status = 'closed' where id = ${ids.rorosPlumber}`.execute(database.db);
      await syncListings(database.db, { firmIds: [ids.rorosPlumber] });
      assert.equal((await search({ q: 'rørlegger' })).total, 0);
      assert.equal((await search({ q: 'rørleger' })).total, 0, "the closed firm's words left the word table");
      const noWords = await search({ municipality: '5025' });
      assert.equal(noWords.total, (await search({ municipality: '5025', per_page: '100' })).items.length);
      assert.equal(noWords.facets.municipality.find((f) => f.code === '5025')?.count, noWords.total);
    });

    it('a full rebuild gives the same directory as incremental syncs', async () => {
      const snapshot = async () =>
        (await sql<{ id: number; tsv: string }>`select id, tsv::text as tsv from directory_listings order by id`.execute(database.db)).rows;
      const counts = async () => (await sql`select * from directory_facet_totals order by 1, 2, 3`.execute(database.db)).rows;
      const words = async () => (await sql`select * from directory_words order by word`.execute(database.db)).rows;
      const [l, c, w] = [await snapshot(), await counts(), await words()];
      await syncListings(database.db);
      assert.deepEqual(await snapshot(), l);
      assert.deepEqual(await counts(), c);
      assert.deepEqual(await words(), w);
    });

    it('offers filter values and map points', async () => {
      const options = await listFilterOptions(database.db, 'sv');
      assert.ok(options.municipalities.some((m) => m.code === '320' && m.name === 'Kemijärvi'));
      assert.ok(options.sectors.some((s) => s.code === 'C'));
      const points = await listingsForMap(database.db, searchQuerySchema.parse({ q: 'bakeri' }), 'nb');
      assert.equal(points.length, (await search({ q: 'bakeri' })).total);
      assert.ok(points.every((p) => typeof p.lat === 'number' && typeof p.lon === 'number'));
    });

    it('estimates counts on the 1-in-8 sample when a result is very large, and says so', async () => {
      const source = createSyntheticSource({ places: ['NO:5025', 'NO:5026'].map((k) => places.get(k)!), seed: 7 });
      const counters = { firm: { NO: 5000, SE: 5000, FI: 5000 }, establishment: { NO: 5000, SE: 5000, FI: 5000 } };
      const added = await insertFirms(database.db, makeSyntheticFirms(source, 0, 600, counters), { source: 'test-sample', isDemo: true });
      await syncListings(database.db, { firmIds: added });
      const roros = places.get('NO:5025')!;
      const raw = { near: `${roros.lat},${roros.lon}`, radius_km: '60' };
      const exact = await search(raw);
      assert.ok(!exact.estimated && exact.total > 500);
      searchTuning.exactCountLimit = 100;
      try {
        const estimated = await search({ ...raw, page: '2' });
        assert.equal(estimated.estimated, true);
        assert.equal(estimated.total % 8, 0);
        assert.ok(Math.abs(estimated.total - exact.total) < exact.total * 0.4, `${estimated.total} ≈ ${exact.total}`);
        assert.deepEqual(
          estimated.items.map((i) => i.id),
          (await search({ ...raw, per_page: '40' })).items.slice(20).map((i) => i.id),
          'the page itself is exact',
        );
      } finally {
        searchTuning.exactCountLimit = 8_000;
      }
      // A word in very many listings: the 1-in-64 sample of the word index (migration 0102).
      const exactWord = await search({ q: 'roros' });
      assert.ok(!exactWord.estimated && exactWord.total > 300, `roros: ${exactWord.total}`);
      Object.assign(searchTuning, { exactCountLimit: 10, sparseCountLimit: 50 });
      try {
        const sparse = await search({ q: 'roros', page: '2' });
        assert.equal(sparse.estimated, true);
        assert.ok(sparse.total > 0 && sparse.total % 64 === 0, `${sparse.total} is a multiple of 64`);
        assert.deepEqual(
          sparse.items.map((i) => i.id),
          (await search({ q: 'roros', per_page: '40' })).items.slice(20).map((i) => i.id),
          'the page itself is exact',
        );
        const inHoltalen = await search({ q: 'roros', municipality: '5026' });
        Object.assign(searchTuning, { exactCountLimit: 8_000, sparseCountLimit: 64_000 });
        assert.equal(inHoltalen.total, (await search({ q: 'roros', municipality: '5026' })).total, 'small within the filters: the total is exact');
      } finally {
        Object.assign(searchTuning, { exactCountLimit: 8_000, sparseCountLimit: 64_000 });
      }
    });

    it('answers a common word within a small filter or radius in one statement after the sample, with the same results whichever way the words are read', async () => {
      // Runs after the test above, on its 600 extra firms in Røros and Holtålen.
      const roros = places.get('NO:5025')!;
      const holtalen = places.get('NO:5026')!;
      const queries: Record<string, string>[] = [
        { q: 'roros', municipality: '5026' },
        { q: 'roros', municipality: '5026', page: '2', per_page: '5' },
        { q: 'roros', county: '50', sector: 'G' },
        { q: 'roros', near: `${roros.lat},${roros.lon}`, radius_km: '3' },
        { q: 'roros', near: `${holtalen.lat},${holtalen.lon}`, radius_km: '30' },
        { q: 'roros', near: `${holtalen.lat},${holtalen.lon}` },
        { q: 'roros', near: `${holtalen.lat},${holtalen.lon}`, municipality: '5026' },
      ];
      const defaults = { ...searchTuning };
      const statements: string[] = [];
      const counting = database.db.withPlugin({
        transformQuery: (args) => {
          statements.push(args.queryId.queryId);
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const run = (raw: Record<string, string>) => searchListings(counting, searchQuerySchema.parse(raw), 'en', new Date('2025-03-12T10:30:00Z'));
      setSearchCacheEnabled(false);
      try {
        for (const raw of queries) {
          Object.assign(searchTuning, defaults);
          const exact = await run(raw);
          // The large path (limits lowered), with the words read from the word index, then checked on the rows.
          Object.assign(searchTuning, { exactCountLimit: 150, sparseCountLimit: 50, filterRowCost: 1e9 });
          const fromIndex = await run(raw);
          Object.assign(searchTuning, { filterRowCost: 1e-9 });
          const onRows = await run(raw);
          const label = JSON.stringify(raw);
          assert.deepEqual(onRows, fromIndex, `${label}: the same result whichever way the words are read`);
          assert.ok(!exact.estimated && exact.total > 0, `${label}: ${exact.total}`);
          // Small overall after all (the radius), or small within the filters: exact totals; a page
          // by distance is the exact path's.
          if (!fromIndex.estimated || raw.municipality || raw.county) assert.equal(fromIndex.total, exact.total, `${label}: an exact total`);
          if (!fromIndex.estimated) assert.deepEqual(fromIndex.facets, exact.facets, `${label}: exact facets`);
          if (raw.near) assert.deepEqual(fromIndex.items, exact.items, `${label}: the exact path's page`);
          assert.equal(new Set(fromIndex.items.map((i) => i.id)).size, fromIndex.items.length, `${label}: no repeats on the page`);
        }
        assert.ok(
          (await run({ q: 'roros', municipality: '5026', per_page: '3' })).estimated,
          'large overall (the facets are estimated), small within the filter',
        );
        // Large overall, small within the municipality: words, sample, then counts and page in one statement.
        Object.assign(searchTuning, { exactCountLimit: 150, sparseCountLimit: 50 });
        await run({ q: 'roros', per_page: '3' }); // labels cached
        statements.length = 0;
        const within = await run({ q: 'roros', municipality: '5026', per_page: '3' });
        assert.ok(within.estimated && within.items.length === 3);
        assert.equal(statements.length, 3, 'word forms, the sparse sample, counts and page together');
      } finally {
        Object.assign(searchTuning, defaults);
        setSearchCacheEnabled(true);
      }
    });
  });
}
