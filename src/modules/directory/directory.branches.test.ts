import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createUser, postForm, signIn } from '../../../test/support/auth.js';
import { createFirm } from '../../../test/support/factories.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { importRegisterFiles } from '../registry/importers/import.service.js';
import { createTempFiles, enhet } from '../registry/importers/test-files.js';
import { categoryOfCode } from './data/categories.js';
import { firmDetailSchema, searchResultSchema } from './directory.schemas.js';
import { sitemapTuning } from './directory.share.js';
import { envSchema } from '../../config/env.js';

/**
 * Issue 9: establishments listed without their parent, a shop's own profile from its page to the
 * page and the API, everyday categories, search that explains corrections, the sitemap.
 * One database per backend; the cases build on each other in order.
 */
const samplePath = 'test/fixtures/registry/brreg_underenheter_sample.json';
type Record_ = { organisasjonsnummer: string; overordnetEnhet?: string; beliggenhetsadresse?: { kommunenummer?: string }; nedleggelsesdato?: string };
const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as Record_[];
const chosen = ['5025', '3427']; // Røros and Tynset

type App = ReturnType<typeof createTestApp>;

for (const backend of await backendsUnderTest()) {
  describe(`directory: branches, categories and sharing on ${backend}`, () => {
    let database: TestDatabase;
    let app: App;
    const files = createTempFiles();
    const db = () => database.db;
    let bakery: { firmId: number; establishmentIds: number[] };
    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      bakery = await createFirm(db(), {
        name: 'Fjellbakeriet AS',
        municipality_code: '5001',
        nace_code: '10.710',
        phone: '+47 72 00 00 00',
        description: { nb: 'Bakeriet i Trondheim siden 1950.' },
        opening_hours: { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '07:00', closes: '17:00' })) },
        products: [{ name: 'Skillingsbolle' }],
        establishments: [
          { name: 'Fjellbakeriet Røros', municipality_code: '5025', nace_code: '10.710', lat: 62.5747, lon: 11.3843, street: 'Kjerkgata 12' },
          { name: 'Fjellbakeriet Trondheim', municipality_code: '5001', nace_code: '10.710' },
        ],
      });
    });
    after(async () => {
      await database?.destroy();
      files.cleanup();
    });

    it('lists every establishment of the chosen municipalities from a file without their parents; the parent fills in when it arrives', async () => {
      const s = await importRegisterFiles(db(), 'brreg', [samplePath], { onlyMunicipalities: chosen });
      assert.equal(s.status, 'succeeded', s.error);
      const expected = sample
        .filter((r) => chosen.includes(r.beliggenhetsadresse?.kommunenummer ?? '') && !r.nedleggelsesdato)
        .map((r) => r.organisasjonsnummer);
      assert.ok(expected.length >= 8, 'the sample has establishments in both places');
      const listed = new Set<string>();
      for (const municipality of chosen) {
        const res = await app.request(`/api/v1/firms?municipality=${municipality}&country=NO&per_page=100`);
        for (const item of searchResultSchema.parse(await res.json()).items) listed.add(item.orgnr);
      }
      for (const orgnr of expected) assert.ok(listed.has(orgnr), `establishment ${orgnr} is listed`);

      // The parent of FÅDAL BYGG (Tynset) arrives: same listing, now with the parent's facts.
      const fadal = sample.find((r) => r.organisasjonsnummer === '811553352')!;
      const id = await listingOf(db(), '811553352');
      const before = firmDetailSchema.parse(await (await app.request(`/api/v1/firms/${id}`)).json());
      assert.equal(before.firm_id, null);
      assert.equal(before.parent?.orgnr, fadal.overordnetEnhet);
      const page = await (await app.request(`/firms/${id}?lang=en`)).text();
      assert.match(page, /not in the directory yet/);
      await importRegisterFiles(db(), 'brreg', [
        files.json('parent.json', [enhet(fadal.overordnetEnhet!, { navn: 'FÅDAL HOLDING AS', telefon: '62 48 00 00' })]),
      ]);
      const afterJson = firmDetailSchema.parse(await (await app.request(`/api/v1/firms/${id}`)).json());
      assert.equal(afterJson.id, id, 'the shop keeps its public URL');
      assert.notEqual(afterJson.firm_id, null);
      assert.equal(afterJson.parent?.name, 'FÅDAL HOLDING AS');
      assert.equal(afterJson.legal_form, 'AS');
    });

    it("edits the Røros shop from its own page: what the editor confirms is what the shop's page and the API show", async () => {
      const owner = await createUser(db(), { email: 'eier@fjellbakeriet.test', managedFirmIds: [bakery.firmId] });
      void owner;
      const [roros, trondheim] = bakery.establishmentIds;
      const shopId = roros * 2 + 1;
      const shopPage = await (await app.request(`/firms/${shopId}?lang=en`)).text();
      const editPath = `/firms/${bakery.firmId}/manage/establishments/${roros}`;
      assert.ok(shopPage.includes(`href="${editPath}?lang=en"`), "the shop's page links to the shop's own editor");
      // Defaults: the shop shows the firm's description, hours, phone and products.
      assert.match(shopPage, /Bakeriet i Trondheim siden 1950/);
      assert.match(shopPage, /Skillingsbolle/);

      const me = await signIn(app, 'eier@fjellbakeriet.test');
      const editor = await app.request(`${editPath}?lang=en`, { headers: { cookie: me.cookie } });
      assert.equal(editor.status, 200);
      assert.match(await editor.text(), /Edit Fjellbakeriet Røros/);
      const hours: Record<string, string> = {};
      for (const d of [1, 2, 3, 4, 5, 6]) Object.assign(hours, { [`opens_${d}`]: '08:00', [`closes_${d}`]: '15:30' });
      let res = await postForm(app, `${editPath}/hours`, hours, me);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${editPath}?saved=1`);
      res = await postForm(app, `${editPath}/profile`, { description_nb: 'Vår butikk i Bergmannsbyen.', phone: '+47 72 41 00 00', category: 'cafe' }, me);
      assert.equal(res.status, 303);
      res = await postForm(app, `${editPath}/products`, { kind: 'product', name: 'Rørosbolle', description: '', price: '', currency: 'NOK' }, me);
      assert.equal(res.status, 303);
      const confirmed = await (await app.request(`${editPath}?saved=1&lang=en`, { headers: { cookie: me.cookie } })).text();
      assert.match(confirmed, /Saved\. The page of Fjellbakeriet Røros shows the change/);

      const after = await (await app.request(`/firms/${shopId}?lang=nb`)).text();
      assert.match(after, /Vår butikk i Bergmannsbyen/);
      assert.match(after, /08:00–15:30/);
      assert.match(after, /Rørosbolle/);
      assert.match(after, /Skillingsbolle/, "the firm's own products still show");
      assert.match(after, /Kafé og bar/, "the shop's own category");
      assert.match(after, /href="geo:62\.5747,11\.3843/);
      const api = firmDetailSchema.parse(await (await app.request(`/api/v1/firms/${shopId}`)).json());
      assert.equal(api.description.nb, 'Vår butikk i Bergmannsbyen.');
      assert.equal(api.phone, '+47 72 41 00 00');
      assert.deepEqual(
        api.opening_hours?.weekly.map((w) => `${w.day} ${w.opens}-${w.closes}`),
        [1, 2, 3, 4, 5, 6].map((d) => `${d} 08:00-15:30`),
      );
      assert.equal(api.category?.key, 'cafe');
      assert.equal(api.manage_path, editPath);
      assert.ok(api.opening_state, 'open now / opens at is computed');

      // The other shop and the firm keep their own values.
      const other = firmDetailSchema.parse(await (await app.request(`/api/v1/firms/${trondheim * 2 + 1}`)).json());
      assert.equal(other.opening_hours?.exceptions?.length ?? 0, 0);
      assert.equal(other.description.nb, 'Bakeriet i Trondheim siden 1950.');
      assert.equal(other.opening_hours?.weekly[0].opens, '07:00');
      assert.equal(other.category?.key, 'bakery');
      assert.ok(!other.products.some((p) => p.name === 'Rørosbolle'));

      // Someone else cannot edit the shop.
      const stranger = await createUser(db(), { email: 'someone@else.test' });
      void stranger;
      const them = await signIn(app, 'someone@else.test');
      res = await postForm(app, `${editPath}/profile`, { description_nb: 'hacked' }, them);
      assert.equal(res.status, 403);
      // A shop of another firm is not this firm's: 404, nothing changed.
      const otherFirm = await createFirm(db(), { name: 'Annen AS', establishments: [{ name: 'Annen butikk', municipality_code: '5025' }] });
      res = await postForm(app, `/firms/${bakery.firmId}/manage/establishments/${otherFirm.establishmentIds[0]}/profile`, { description_nb: 'x' }, me);
      assert.equal(res.status, 404);
    });

    it("keeps every one of 12 holiday exceptions sent at once to one shop (the firm's row lock queues them)", async () => {
      const [, trondheim] = bakery.establishmentIds;
      const me = await signIn(app, 'eier@fjellbakeriet.test');
      const path = `/firms/${bakery.firmId}/manage/establishments/${trondheim}/hours/exceptions`;
      const dates = Array.from({ length: 12 }, (_, i) => `2031-12-${String(10 + i).padStart(2, '0')}`);
      const answers = await Promise.all(dates.map((date) => postForm(app, path, { date, closed: 'on', note: 'Inventory' }, me)));
      assert.deepEqual(
        answers.map((r) => r.status),
        dates.map(() => 303),
      );
      const api = firmDetailSchema.parse(await (await app.request(`/api/v1/firms/${trondheim * 2 + 1}`)).json());
      assert.deepEqual(api.opening_hours?.exceptions?.map((e) => e.date).sort(), dates);
      assert.equal(api.opening_hours?.weekly[0].opens, '07:00', "the firm's weekly hours, now the shop's own, are kept");
    });

    it('maps NACE classes and national 5-digit codes to everyday categories, filters and counts them', async () => {
      assert.equal(categoryOfCode('10.710'), 'bakery');
      assert.equal(categoryOfCode('47241'), 'bakery');
      assert.equal(categoryOfCode('96.021'), 'hairdresser');
      assert.equal(categoryOfCode('96.022'), 'beauty');
      assert.equal(categoryOfCode('43.220'), 'plumber');
      assert.equal(categoryOfCode('46.390'), null, 'wholesale has no everyday category');
      const res = await app.request('/api/v1/firms?category=bakery&per_page=100');
      const result = searchResultSchema.parse(await res.json());
      assert.deepEqual(
        result.items.map((i) => i.name),
        ['Fjellbakeriet Trondheim'],
      );
      const all = searchResultSchema.parse(await (await app.request('/api/v1/firms?per_page=1')).json());
      assert.ok(all.facets.category.some((f) => f.code === 'cafe' && f.count === 1));
      const words = searchResultSchema.parse(await (await app.request('/api/v1/firms?q=fjellbakeriet&category=cafe')).json());
      assert.deepEqual(
        words.items.map((i) => i.name),
        ['Fjellbakeriet Røros'],
      );
      const bad = await app.request('/api/v1/firms?category=nope', { headers: { 'accept-language': 'nb' } });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /kjent kategori/);
    });

    it('says which words it searched when it corrected a typo, with a link to the words as typed; bad near/radius answer 400', async () => {
      const page = await (await app.request('/firms?q=fjellbakriet&lang=en')).text();
      assert.match(page, /Showing results for <strong>fjellbakeriet<\/strong>/);
      assert.match(page, /href="\/firms\?q=fjellbakriet&amp;exact=1"/);
      const exact = searchResultSchema.parse(await (await app.request('/api/v1/firms?q=fjellbakriet&exact=1')).json());
      assert.equal(exact.total, 0);
      const noNear = await app.request('/firms?radius_km=10&lang=en');
      assert.equal(noNear.status, 400);
      assert.match(await noNear.text(), /works only together with/);
      assert.equal((await app.request('/api/v1/firms?near=north')).status, 400);
      assert.equal((await app.request('/api/v1/firms?near=62.5,11.3&radius_km=-3')).status, 400);
    });

    it('has a sitemap index whose pages cover every listing, robots.txt, share tags and hreflang', async () => {
      const pageSize = sitemapTuning.pageSize;
      sitemapTuning.pageSize = 4;
      try {
        const index = await (await app.request('/sitemap.xml')).text();
        const pages = [...index.matchAll(/<loc>[^<]*(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]);
        assert.ok(pages.length >= 4);
        const ids = new Set<number>();
        for (const p of pages) {
          const res = await app.request(p);
          assert.equal(res.status, 200);
          for (const m of (await res.text()).matchAll(/\/firms\/(\d+)<\/loc>/g)) ids.add(Number(m[1]));
        }
        const listed = await sql<{ id: string }>`select id from directory_listings`.execute(db());
        assert.deepEqual(
          [...ids].sort((a, b) => a - b),
          listed.rows.map((r) => Number(r.id)).sort((a, b) => a - b),
        );
        assert.equal((await app.request('/sitemaps/firms-999.xml')).status, 404);
      } finally {
        sitemapTuning.pageSize = pageSize;
      }
      assert.match(await (await app.request('/robots.txt')).text(), /^Sitemap: http.*\/sitemap\.xml$/m);
      const shop = await (await app.request(`/firms/${bakery.establishmentIds[0] * 2 + 1}?lang=sv`)).text();
      assert.match(shop, /<meta property="og:title" content="Fjellbakeriet Røros"/);
      assert.match(shop, /<meta name="twitter:card"/);
      assert.match(shop, /<link rel="canonical" href="http[^"]*\/firms\/\d+\?lang=sv"/);
      assert.match(shop, /<link rel="alternate" hreflang="fi" href="http[^"]*lang=fi"/);
      const manifest = (await (await app.request('/manifest.webmanifest')).json()) as { icons: unknown[] };
      assert.ok(manifest.icons.length);
    });

    it("shows the operator's name, colour and area; search still covers everything (runs last: branding is per process)", async () => {
      assert.throws(() => envSchema.parse({ SITE_BRAND_COLOUR: '#ffdd00' }), /4\.5:1/);
      const branded = createTestApp(database, { SITE_NAME: 'Handle i Fjellregionen', SITE_BRAND_COLOUR: '#1d4e89', SITE_DEFAULT_AREA: '5025,3427,5026' });
      const front = await (await branded.request('/?lang=nb')).text();
      assert.match(front, /<title>Handle lokalt – Handle i Fjellregionen<\/title>/);
      assert.match(front, /<link rel="stylesheet" href="\/brand.css"/);
      assert.match(front, /href="\/firms\?municipality=5025&amp;country=NO">Røros \(\d+\)/);
      assert.match(front, /href="\/firms\?municipality=3427&amp;country=NO">Tynset \(\d+\)/);
      assert.match(front, /Holtålen – ingen oppføringer/, 'a place without listings is not a link to empty results');
      assert.ok(!front.includes('municipality=5026'));
      assert.match(front, /href="\/firms\?category=bakery"/, 'categories with listings are offered');
      assert.match(await (await branded.request('/brand.css')).text(), /--brand: #1d4e89/);
      const everything = searchResultSchema.parse(await (await branded.request('/api/v1/firms?q=fjellbakeriet')).json());
      assert.ok(
        everything.items.some((i) => i.municipality?.code === '5001'),
        'search widens beyond the area',
      );
    });
  });
}

async function listingOf(db: TestDatabase['db'], orgnr: string): Promise<number> {
  const r = await sql<{ id: string }>`select id from directory_listings where orgnr = ${orgnr}`.execute(db);
  assert.equal(r.rows.length, 1, `one listing for ${orgnr}`);
  return Number(r.rows[0].id);
}
