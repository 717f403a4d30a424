import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { seedDirectory, xssName } from '../../../test/support/directory-fixtures.js';
import { listingIdByName } from '../../../test/support/factories.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { countySchema, municipalitySchema } from '../places/places.schemas.js';
import { apiErrorSchema, sectorSchema } from './directory.api-schemas.js';
import { firmDetailSchema, searchResultSchema } from './directory.schemas.js';

type App = ReturnType<typeof createTestApp>;

/** The text of the first <script type="application/ld+json"> element. */
function jsonLdOf(html: string): string {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'page has a JSON-LD script');
  return m[1];
}

for (const backend of await backendsUnderTest()) {
  describe(`directory routes on ${backend}`, () => {
    let database: TestDatabase;
    let app: App;
    let bakeryId: number;
    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
    const getJson = async (path: string, headers: Record<string, string> = {}) => {
      const res = await get(path, headers);
      return { res, body: (await res.json()) as unknown };
    };

    before(async () => {
      database = await createTestDatabase(backend);
      await seedDirectory(database.db);
      app = createTestApp(database);
      bakeryId = await listingIdByName(database.db, 'Rørosbakeriet', { municipality: '5025' });
    });
    after(async () => database?.destroy());

    describe('JSON API', () => {
      it('lists every place (establishments, or the firm without any) with facets', async () => {
        const { res, body } = await getJson('/api/v1/firms?per_page=100');
        assert.equal(res.status, 200);
        const result = searchResultSchema.parse(body);
        assert.equal(result.total, 9);
        const names = result.items.map((i) => i.name);
        assert.ok(names.includes('Fjellkraft Tynset') && names.includes('Fjellkraft Os'));
        assert.ok(!names.includes('Fjellkraft AS'), 'a firm with establishments is listed through them');
        const roros = result.facets.municipality.find((f) => f.code === '5025');
        assert.equal(roros?.count, 3);
        assert.equal(result.facets.county.find((f) => f.code === '19')?.count, 2);
        assert.ok(
          result.facets.sector.find((f) => f.code === 'C' && f.count === 3),
          'three bakeries in section C',
        );
      });

      it('filters by municipality, county and sector', async () => {
        const byMunicipality = searchResultSchema.parse((await getJson('/api/v1/firms?municipality=5025')).body);
        assert.equal(byMunicipality.total, 3);
        assert.ok(byMunicipality.items.every((i) => i.municipality?.code === '5025'));
        const byCounty = searchResultSchema.parse((await getJson('/api/v1/firms?county=19&country=FI')).body);
        assert.deepEqual(byCounty.items.map((i) => i.name).sort(), ['Kemijärven Leipomo', 'Savukosken Sauna']);
        const bySector = searchResultSchema.parse((await getJson('/api/v1/firms?sector=C')).body);
        assert.deepEqual(bySector.items.map((i) => i.name).sort(), ['Kemijärven Leipomo', 'Lycksele Bageri', 'Rørosbakeriet']);
        const byDivision = searchResultSchema.parse((await getJson('/api/v1/firms?sector=35')).body);
        assert.equal(byDivision.total, 2);
      });

      it('finds by words', async () => {
        const result = searchResultSchema.parse((await getJson('/api/v1/firms?q=leipomo')).body);
        assert.equal(result.items[0]?.name, 'Kemijärven Leipomo');
      });

      it('sorts by distance from near and limits by radius_km', async () => {
        const result = searchResultSchema.parse((await getJson('/api/v1/firms?near=62.5747,11.3842&radius_km=10')).body);
        assert.equal(result.items[0].name, 'Rørosbakeriet');
        assert.equal(result.items[0].distance_km, 0);
        const distances = result.items.map((i) => i.distance_km!);
        assert.deepEqual(
          distances,
          [...distances].sort((a, b) => a - b),
        );
        assert.ok(distances.every((d) => d <= 10));
        assert.equal(result.total, 3);
      });

      it('keeps only places open now with open_now', async () => {
        const result = searchResultSchema.parse((await getJson('/api/v1/firms?open_now=true&per_page=100')).body);
        const names = result.items.map((i) => i.name).sort();
        assert.deepEqual(names, ['Kemijärven Leipomo', 'Rørosbakeriet']);
        assert.ok(result.items.every((i) => i.is_open_now === true));
      });

      it('pages through results', async () => {
        const first = searchResultSchema.parse((await getJson('/api/v1/firms?per_page=4')).body);
        const third = searchResultSchema.parse((await getJson('/api/v1/firms?per_page=4&page=3')).body);
        assert.equal(first.items.length, 4);
        assert.equal(third.items.length, 1);
        assert.equal(third.page, 3);
      });

      for (const [query, field] of [
        ['per_page=0', 'per_page'],
        ['per_page=1000', 'per_page'],
        ['near=abc', 'near'],
        ['near=91,10', 'near'],
        ['near=59.9,-180.5', 'near'],
        ['municipality=x', 'municipality'],
        ['county=Trøndelag', 'county'],
        ['sector=ZZ', 'sector'],
        ['page=two', 'page'],
        ['open_now=maybe', 'open_now'],
        ['radius_km=-5', 'radius_km'],
      ]) {
        it(`answers 400 naming the parameter for ${query}`, async () => {
          const { res, body } = await getJson(`/api/v1/firms?${query}`);
          assert.equal(res.status, 400);
          const error = apiErrorSchema.parse(body).error;
          assert.equal(error.code, 'validation');
          assert.deepEqual(
            error.issues?.map((i) => i.field),
            [field],
          );
          assert.match(error.message, new RegExp(field));
        });
      }

      it('returns one place with all its public facts', async () => {
        const { res, body } = await getJson(`/api/v1/firms/${bakeryId}`);
        assert.equal(res.status, 200);
        const firm = firmDetailSchema.parse(body);
        assert.equal(firm.name, 'Rørosbakeriet');
        assert.equal(firm.nace_code, '10.710');
        assert.equal(firm.municipality?.name, 'Røros');
        assert.equal(firm.employees, 7);
        assert.equal(firm.registered_on, '2011-03-15');
        assert.equal(firm.description.nb, 'Bakeri i Bergstaden med surdeigsbrød og kanelboller.');
        assert.equal(firm.products.length, 2);
        assert.equal(firm.opening_hours?.weekly.length, 7);
      });

      it('answers 404 JSON for an unknown id and 400 for a non-numeric one', async () => {
        const missing = await getJson('/api/v1/firms/987654321');
        assert.equal(missing.res.status, 404);
        assert.equal(apiErrorSchema.parse(missing.body).error.code, 'not_found');
        const bad = await getJson('/api/v1/firms/abc');
        assert.equal(bad.res.status, 400);
        assert.deepEqual(
          apiErrorSchema.parse(bad.body).error.issues?.map((i) => i.field),
          ['id'],
        );
      });

      it('lists municipalities, counties and sectors', async () => {
        const municipalities = z.array(municipalitySchema).parse((await getJson('/api/v1/places/municipalities?country=FI&county=19')).body);
        assert.ok(municipalities.some((m) => m.code === '320' && m.name === 'Kemijärvi'));
        assert.ok(municipalities.every((m) => m.country === 'FI' && m.county.code === '19'));
        const counties = z.array(countySchema).parse((await getJson('/api/v1/places/counties?country=SE')).body);
        assert.equal(counties.length, 21);
        const sectors = z.array(sectorSchema).parse((await getJson('/api/v1/sectors?lang=fi')).body);
        assert.equal(sectors.length, 21);
        assert.equal(sectors.find((s) => s.code === 'C')?.name, 'Teollisuus');
        const bad = await getJson('/api/v1/places/municipalities?country=DK');
        assert.equal(bad.res.status, 400);
        assert.deepEqual(
          apiErrorSchema.parse(bad.body).error.issues?.map((i) => i.field),
          ['country'],
        );
      });

      it('is open to other origins and cacheable', async () => {
        const res = await get('/api/v1/firms', { Origin: 'https://example.org' });
        assert.equal(res.headers.get('access-control-allow-origin'), '*');
        assert.match(res.headers.get('cache-control') ?? '', /public, max-age=\d+/);
        const preflight = await app.request('/api/v1/firms', {
          method: 'OPTIONS',
          headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
        });
        assert.equal(preflight.status, 204);
        assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
      });

      it('names things in the language asked for', async () => {
        const sv = searchResultSchema.parse((await getJson('/api/v1/firms?sector=C&lang=sv')).body);
        assert.equal(sv.facets.sector[0].name, 'Tillverkning');
        const en = searchResultSchema.parse((await getJson('/api/v1/firms?sector=C', { 'Accept-Language': 'en-GB,en;q=0.9' })).body);
        assert.equal(en.facets.sector[0].name, 'Manufacturing');
      });
    });

    describe('OpenAPI', () => {
      it('describes the API as OpenAPI 3.1, generated from the zod schemas', async () => {
        const { res, body } = await getJson('/api/openapi.json');
        assert.equal(res.status, 200);
        const doc = body as {
          openapi: string;
          paths: Record<
            string,
            { get: { parameters: { name?: string; $ref?: string; in?: string; schema?: { type?: string } }[]; responses: Record<string, unknown> } }
          >;
          components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
        };
        assert.equal(doc.openapi, '3.1.0');
        const search = doc.paths['/api/v1/firms'].get;
        const names = search.parameters.filter((p) => p.name).map((p) => p.name);
        for (const p of ['q', 'municipality', 'county', 'sector', 'category', 'near', 'radius_km', 'open_now', 'exact', 'page', 'per_page'])
          assert.ok(names.includes(p), `parameter ${p}`);
        assert.ok(search.parameters.every((p) => p.$ref || p.in === 'query'));
        assert.equal(search.parameters.find((p) => p.name === 'per_page')?.schema?.type, 'integer');
        assert.ok(search.responses['200'] && search.responses['400']);
        assert.ok(
          doc.paths['/api/v1/firms/{id}'] && doc.paths['/api/v1/places/municipalities'] && doc.paths['/api/v1/sectors'] && doc.paths['/api/v1/categories'],
        );
        const properties = Object.keys(doc.components.schemas.ListingItem.properties ?? {});
        assert.ok(['id', 'orgnr', 'name', 'municipality', 'sector', 'category', 'position', 'distance_km'].every((k) => properties.includes(k)));
        // every $ref points at a schema or parameter that exists
        const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
        for (const r of refs) {
          const [, , kind, id] = r.slice(8, -1).split('/');
          assert.ok((doc.components as Record<string, Record<string, unknown>>)[kind]?.[id], `${r} resolves`);
        }
      });

      it('has a human-readable, localised API page', async () => {
        const res = await get('/api/docs?lang=fi');
        assert.equal(res.status, 200);
        const html = await res.text();
        assert.match(html, /<html lang="fi">/);
        assert.ok(html.includes('Yrityshakemiston avoin rajapinta'));
        assert.ok(html.includes('/api/v1/firms?q=bakeri&amp;municipality=5025'));
        assert.ok(html.includes('href="/api/openapi.json"'));
      });
    });

    describe('pages', () => {
      it('shows the front page with a search box and the demo municipalities', async () => {
        const res = await get('/?lang=en');
        assert.equal(res.status, 200);
        const html = await res.text();
        assert.ok(html.includes('<form role="search" method="get" action="/firms"'));
        assert.ok(html.includes('Demo data: the firms in the demo region are fictional.'));
        assert.match(html, /href="\/firms\?municipality=5025&amp;country=NO">Røros \(3\)<\/a>/);
        assert.match(html, /href="\/firms\?municipality=320&amp;country=FI">Kemijärvi \(1\)<\/a>/);
      });

      it('shows results, facets with counts and a result count for screen readers', async () => {
        const res = await get('/firms?municipality=5025&lang=en');
        assert.equal(res.status, 200);
        const html = await res.text();
        assert.match(html, /<p role="status" class="result-count">3 places found<\/p>/);
        assert.ok(html.includes('>Rørosbakeriet</a>'));
        assert.match(html, /aria-current="true" class="facet-active">Røros \(3\)/, 'the active filter is marked and removable');
        assert.match(html, /<a href="\/firms\?municipality=5025&amp;sector=C">Manufacturing \(1\)<\/a>/, 'a facet link adds its filter to the others');
        assert.ok(html.includes('<option value="5025" selected="">Røros</option>'));
        assert.ok(html.includes('data-markers='), 'the map gets the positions of the results');
      });

      it('pages with a labelled navigation marking the current page', async () => {
        const html = await (await get('/firms?per_page=2&page=2&lang=en')).text();
        assert.match(html, /<nav class="pagination" aria-label="Result pages">/);
        assert.match(html, /href="\/firms\?per_page=2&amp;page=2" aria-current="page" aria-label="Page 2">2</);
        assert.match(html, /href="\/firms\?per_page=2" rel="prev"/);
        assert.match(html, /Showing 3–4/);
      });

      it('shows distance when near a place, and says so when nothing matches', async () => {
        const near = await (await get('/firms?near=62.575,11.384&lang=en')).text();
        assert.match(near, /km away/);
        assert.ok(near.includes('<option value="62.575,11.384" selected="">Røros</option>'), 'near a place: the municipality centre is selected');
        const none = await (await get('/firms?q=zzzzqqq&lang=en')).text();
        assert.match(none, /<p role="status" class="result-count">No places match your search.<\/p>/);
      });

      it('answers a bad parameter with the form and a message naming it', async () => {
        const res = await get('/firms?per_page=0&lang=en');
        assert.equal(res.status, 400);
        const html = await res.text();
        assert.ok(html.includes('role="alert"'));
        assert.match(html, /<li>Results per page: must be at least 1/, 'the parameter by its label, the problem in English (no link: the field is hidden)');
        const radius = await (await get('/firms?radius_km=abc&lang=en')).text();
        assert.match(radius, /<a href="#radius_km">[^<]+<\/a>: /, 'a visible field is linked to its control');
        assert.match(radius, /id="radius_km"/);
        assert.ok(html.includes('<form role="search"'));
        const nb = await (await get('/firms?per_page=0&lang=nb')).text();
        assert.match(nb, /<li>Treff per side: må være minst 1/, 'the same in Norwegian');
        assert.doesNotMatch(nb, /Too small|expected/, 'no English text from the validator');
      });

      it('shows a firm page with its facts, hours, products and JSON-LD', async () => {
        const res = await get(`/firms/${bakeryId}?lang=nb`);
        assert.equal(res.status, 200);
        const html = await res.text();
        assert.match(html, /<h1>Rørosbakeriet<\/h1>/);
        assert.match(html, /9\d\d \d\d\d \d\d\d/, 'orgnr is shown grouped');
        assert.ok(html.includes('15. mars 2011'), 'date in Norwegian');
        assert.ok(html.includes('<p lang="nb" class="description">Bakeri i Bergstaden'));
        assert.ok(html.includes('Mandag') && html.includes('Søndag'), 'day names in Norwegian');
        assert.match(html, /class="today" aria-current="date"/);
        assert.ok(html.includes('Surdeigsbrød'));
        assert.match(html, /69,00/);
        const ld = JSON.parse(jsonLdOf(html)) as Record<string, unknown>;
        assert.equal(ld['@type'], 'LocalBusiness');
        assert.equal(ld.name, 'Rørosbakeriet');
        assert.equal((ld.address as Record<string, string>).addressLocality, 'Røros');
        assert.equal((ld.openingHoursSpecification as unknown[]).length, 7);
        assert.equal((ld.geo as Record<string, number>).latitude, 62.5747);
      });

      it("shows the description in the firm's language when the reader's is missing, marked with lang", async () => {
        const id = await listingIdByName(database.db, 'Kemijärven Leipomo', { municipality: '320' });
        const html = await (await get(`/firms/${id}?lang=sv`)).text();
        assert.ok(html.includes('<p lang="fi" class="description">Leipomo Kemijärven keskustassa.'));
        assert.ok(html.includes('Texten är på finska.'));
      });

      it('links an establishment to its firm', async () => {
        const id = await listingIdByName(database.db, 'Fjellkraft Os', { municipality: '3430' });
        const res = await get(`/api/v1/firms/${id}`);
        const detail = firmDetailSchema.parse(await res.json());
        assert.equal(detail.kind, 'establishment');
        assert.equal(detail.parent?.name, 'Fjellkraft AS');
        const html = await (await get(`/firms/${id}?lang=en`)).text();
        assert.ok(html.includes('Part of') && html.includes('Fjellkraft AS'));
        if (detail.parent?.id) {
          const parent = firmDetailSchema.parse(await (await get(`/api/v1/firms/${detail.parent.id}`)).json());
          assert.deepEqual(parent.establishments.map((e) => e.name).sort(), ['Fjellkraft Os', 'Fjellkraft Tynset']);
        }
      });

      it("answers 404 for an unknown firm and 400 for a non-numeric id, in the reader's language", async () => {
        const missing = await get('/firms/987654321?lang=nb');
        assert.equal(missing.status, 404);
        assert.ok((await missing.text()).includes('Fant ingen bedrift med nummer 987654321.'));
        const bad = await get('/firms/abc?lang=en');
        assert.equal(bad.status, 400);
        assert.ok((await bad.text()).includes('The firm id must be a number.'));
      });
    });

    describe('language', () => {
      it('takes ?lang, remembers it in a cookie, and falls back to Accept-Language', async () => {
        const sv = await get('/firms?lang=sv');
        assert.match(await sv.text(), /<html lang="sv">[\s\S]*Sök i företagskatalogen/);
        assert.match(sv.headers.get('set-cookie') ?? '', /lk_lang=sv/);
        const fromCookie = await (await get('/firms', { Cookie: 'lk_lang=fi' })).text();
        assert.match(fromCookie, /<html lang="fi">[\s\S]*Hae yrityshakemistosta/);
        const fromHeader = await (await get('/firms', { 'Accept-Language': 'nb-NO,nb;q=0.9,en;q=0.5' })).text();
        assert.match(fromHeader, /<html lang="nb">[\s\S]*Søk i bedriftskatalogen/);
        const cookieWins = await (await get('/firms', { Cookie: 'lk_lang=en', 'Accept-Language': 'sv' })).text();
        assert.match(cookieWins, /<html lang="en">[\s\S]*Search the directory/);
      });
    });

    describe('stored XSS', () => {
      it('shows a firm named like a script as text in search, firm page and JSON-LD', async () => {
        const search = await (await get('/firms?municipality=5025&lang=en')).text();
        assert.ok(search.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
        assert.ok(!search.includes('<script>alert('));
        const id = await listingIdByName(database.db, xssName, { municipality: '5025', sector: 'G' });
        const page = await (await get(`/firms/${id}?lang=nb`)).text();
        assert.ok(!page.includes('<script>alert('), 'no script element from firm data');
        assert.ok(!page.includes('<img src=x'), 'no element from the description');
        assert.ok(!page.includes('<b>bold</b>'));
        assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
        const ldText = jsonLdOf(page);
        assert.ok(!/<\/script/i.test(ldText) && !ldText.includes('<'), 'nothing in JSON-LD can close the element');
        const ld = JSON.parse(ldText) as Record<string, string>;
        assert.equal(ld.name, xssName);
        assert.equal(ld.description, '</script><script>alert(2)</script> <img src=x onerror=alert(3)>');
        const api = firmDetailSchema.parse(await (await get(`/api/v1/firms/${id}`)).json());
        assert.equal(api.name, xssName);
      });
    });
  });
}
