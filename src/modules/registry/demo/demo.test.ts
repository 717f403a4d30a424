import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import type { CliContext } from '../../../shared/cli/contract.js';
import { normalizeNationalId, type Country } from '../national-id.js';
import type { OpeningHours } from '../registry.tables.js';
import { demoCommands } from '../../demo/demo.cli.js';
import { generateStandardSet } from './demo.generator.js';
import { demoMunicipalities } from './demo.places.js';
import { loadDemoPlaces, seedDemo, seedDemoIfEmpty } from './demo.service.js';

const language: Record<Country, string> = { NO: 'nb', SE: 'sv', FI: 'fi' };
const currency: Record<Country, string> = { NO: 'NOK', SE: 'SEK', FI: 'EUR' };
const now = new Date('2026-11-22T12:00:00Z');

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

interface FirmRow {
  id: number;
  country: Country;
  national_id: string;
  name: string;
  municipality_code: string;
  lat: number;
  lon: number;
  language: string;
  description: Record<string, string>;
  opening_hours: OpeningHours | null;
  nace_code: string;
  nace_division: string;
  is_demo: boolean;
}

const firmRows = async (db: TestDatabase['db']) =>
  (
    await sql<FirmRow>`select id, country, national_id, name, municipality_code, lat, lon, language, description, opening_hours, nace_code, nace_division, is_demo from firms order by id`.execute(
      db,
    )
  ).rows;
const countFirms = async (db: TestDatabase['db']) => (await sql<{ n: number }>`select count(*)::int as n from firms`.execute(db)).rows[0].n;

for (const backend of await backendsUnderTest()) {
  describe(`demo region on ${backend}`, () => {
    let database: TestDatabase;
    let firms: FirmRow[];
    let standardCount: number;

    before(async () => {
      database = await createTestDatabase(backend);
    });
    after(async () => database?.destroy());

    it('seeds several hundred demo firms into an empty registry, once, even when two starts race', async (t) => {
      const started = performance.now();
      const [first, second] = await Promise.all([seedDemoIfEmpty(database.db, { now }), seedDemoIfEmpty(database.db, { now })]);
      t.diagnostic(`standard set seeded in ${Math.round(performance.now() - started)} ms`);
      const seeded = first ?? second;
      assert.ok(seeded, 'one of the two calls seeds');
      assert.equal(first && second, undefined, 'only one of them seeds');
      firms = await firmRows(database.db);
      standardCount = firms.length;
      assert.equal(seeded.firms, firms.length);
      assert.ok(firms.length >= 300 && firms.length <= 900, `several hundred firms, got ${firms.length}`);
      assert.ok(
        firms.every((f) => f.is_demo && f.name.endsWith('(demo)')),
        'every firm is marked as demo, in the data and in its name',
      );
    });

    it('places firms in exactly the demo municipalities, within reach of their centre', async () => {
      const expected = new Set(demoMunicipalities.map((m) => `${m.country}:${m.code}`));
      assert.equal(expected.size, 23);
      assert.deepEqual(new Set(firms.map((f) => `${f.country}:${f.municipality_code}`)), expected);
      const centres = new Map((await loadDemoPlaces(database.db)).map((p) => [`${p.country}:${p.code}`, p]));
      const establishments = (
        await sql<{
          country: string;
          municipality_code: string;
          lat: number;
          lon: number;
        }>`select country, municipality_code, lat, lon from establishments`.execute(database.db)
      ).rows;
      for (const unit of [...firms, ...establishments]) {
        const centre = centres.get(`${unit.country}:${unit.municipality_code}`)!;
        assert.ok(
          distanceKm(centre, unit) <= 25,
          `${unit.country} ${unit.municipality_code} at ${unit.lat},${unit.lon} is ${distanceKm(centre, unit).toFixed(1)} km from the centre`,
        );
      }
    });

    it('gives every firm and establishment a valid national number from the demo range', async () => {
      const establishments = (
        await sql<{
          country: Country;
          national_id: string;
          parent_national_id: string;
        }>`select country, national_id, parent_national_id from establishments`.execute(database.db)
      ).rows;
      for (const unit of [...firms, ...establishments]) {
        assert.deepEqual(normalizeNationalId(unit.country, unit.national_id), { ok: true, value: unit.national_id });
        const demoRange = { NO: /^1\d{8}$/, SE: /^4[0-9][2-9]\d{7}$/, FI: /^9\d{6}-\d$/ }[unit.country];
        assert.match(unit.national_id, demoRange);
      }
      assert.equal(new Set(firms.map((f) => `${f.country}:${f.national_id}`)).size, firms.length);
    });

    it('describes every firm in its own language, with a sector, hours and products', async () => {
      const products = (
        await sql<{
          firm_id: number;
          name: string;
          language: string;
          price_minor: number | null;
          currency: string | null;
        }>`select firm_id, name, language, price_minor, currency from products`.execute(database.db)
      ).rows;
      const byFirm = new Map<number, typeof products>();
      for (const p of products) byFirm.set(Number(p.firm_id), [...(byFirm.get(Number(p.firm_id)) ?? []), p]);
      const sectors = new Set<string>();
      for (const f of firms) {
        const lang = language[f.country];
        assert.equal(f.language, lang);
        assert.ok((f.description[lang] ?? '').length > 40, `${f.name} has a ${lang} description`);
        assert.match(f.nace_code, f.country === 'NO' ? /^\d{2}\.\d{3}$/ : /^\d{5}$/);
        assert.equal(f.nace_division, f.nace_code.slice(0, 2));
        sectors.add(`${f.country}:${f.nace_code}`);
        assert.ok(f.opening_hours && f.opening_hours.weekly.length > 0, `${f.name} has opening hours`);
        for (const h of f.opening_hours.weekly) {
          assert.ok(h.day >= 1 && h.day <= 7);
          assert.match(h.opens, /^\d{2}:\d{2}$/);
          assert.ok(h.opens < h.closes, `${f.name}: ${h.opens}–${h.closes}`);
        }
        const own = byFirm.get(Number(f.id)) ?? [];
        assert.ok(own.length >= 2 && own.length <= 6, `${f.name} has ${own.length} products`);
        for (const p of own) {
          assert.equal(p.language, lang);
          if (p.price_minor !== null) {
            assert.ok(Number.isInteger(p.price_minor) && p.price_minor > 0);
            assert.equal(p.currency, currency[f.country]);
          }
        }
      }
      assert.ok(sectors.size >= 60, `varied sectors in all three countries, got ${sectors.size}`);
      assert.ok(
        firms.some((f) => f.description.en),
        'some firms also describe themselves in English',
      );
      assert.ok(
        firms.some((f) => f.opening_hours?.exceptions?.some((e) => e.closed)),
        'some firms close on a public holiday',
      );
      assert.ok(products.some((p) => p.price_minor !== null) && products.some((p) => p.price_minor === null));
    });

    it('has firms with shops in two municipalities', async () => {
      const rows = (
        await sql<{ firm_id: number; places: number; parent_ok: boolean }>`
        select e.firm_id, count(distinct e.municipality_code)::int as places, bool_and(e.parent_national_id = f.national_id) as parent_ok
        from establishments e join firms f on f.id = e.firm_id group by e.firm_id`.execute(database.db)
      ).rows;
      assert.ok(rows.length >= 3, `a few multi-shop firms, got ${rows.length}`);
      assert.ok(rows.every((r) => r.places === 2 && r.parent_ok));
    });

    it('does nothing the second time, or when the registry is not empty', async () => {
      assert.equal(await seedDemoIfEmpty(database.db, { now }), undefined);
      const again = await seedDemo(database.db, { now });
      assert.equal(again.firms, 0, 'the standard set is not duplicated');
      assert.equal(await countFirms(database.db), standardCount);
    });

    it('makes the same firms every time', async () => {
      const other = await createTestDatabase(backend);
      try {
        await seedDemoIfEmpty(other.db, { now: new Date('2027-03-01T00:00:00Z') });
        const names = (await firmRows(other.db)).map((f) => `${f.national_id} ${f.name}`);
        assert.deepEqual(
          names,
          firms.map((f) => `${f.national_id} ${f.name}`),
        );
      } finally {
        await other.destroy();
      }
      const places = await loadDemoPlaces(database.db);
      assert.deepEqual(
        generateStandardSet(places, now).map((b) => b.firm.name),
        firms.map((f) => f.name),
      );
    });

    it('adds N more demo firms with fresh numbers through `seed demo --firms N`', async () => {
      const lines: string[] = [];
      const ctx: CliContext = { args: [], out: (l) => lines.push(l), openDb: async () => ({ ...database, close: async () => undefined }) };
      const command = demoCommands.find((c) => c.name === 'seed demo')!;
      assert.equal(await command.run(ctx, { values: { firms: '500' }, positionals: [] }), undefined);
      assert.equal(await countFirms(database.db), standardCount + 500);
      assert.match(lines.join('\n'), /added 500 demo firms/);
      const more = await seedDemo(database.db, { firms: 500, now });
      assert.equal(more.firms, 500);
      const all = await firmRows(database.db);
      assert.equal(all.length, standardCount + 1000);
      assert.equal(new Set(all.map((f) => `${f.country}:${f.national_id}`)).size, all.length);
      const expected = new Set(demoMunicipalities.map((m) => `${m.country}:${m.code}`));
      assert.ok(all.every((f) => expected.has(`${f.country}:${f.municipality_code}`) && f.is_demo));
      assert.ok(all.every((f) => normalizeNationalId(f.country, f.national_id).ok));
    });

    it('refuses a bad --firms value, naming it', async () => {
      const command = demoCommands.find((c) => c.name === 'seed demo')!;
      const ctx: CliContext = { args: [], out: () => undefined, openDb: () => assert.fail('must not open the database') };
      const stderr = process.stderr.write;
      let written = '';
      process.stderr.write = ((chunk: string) => ((written += chunk), true)) as typeof process.stderr.write;
      try {
        assert.equal(await command.run(ctx, { values: { firms: 'lots' }, positionals: [] }), 2);
      } finally {
        process.stderr.write = stderr;
      }
      assert.match(written, /--firms/);
    });
  });
}
