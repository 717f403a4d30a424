import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { anonymous, createUser, postForm, signIn, testOrigin, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertMembership, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { insertGiftcardWorld } from '../../../test/support/giftcard-fixtures.js';
import { registerFirmRecord } from '../firm-record.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { envSchema } from '../../config/env.js';
import { enqueue, JobRunner } from '../../shared/jobs/jobs.js';
import { allJobs } from '../jobs/jobs.registry.js';
import { storefrontExpiryQueue } from './storefront.jobs.js';
import * as repo from './storefront.repository.js';
import * as service from './storefront.service.js';

const env = envSchema.parse({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: 'true' });

const upload = (app: ReturnType<typeof createTestApp>, path: string, as: SignedIn, name: string, content: string) => {
  const body = new FormData();
  body.set('_csrf', as.csrfToken);
  body.set('file', new File([content], name, { type: 'text/csv' }));
  return app.request(path, { method: 'POST', headers: { cookie: as.cookie, origin: testOrigin }, body });
};

for (const backend of await backendsUnderTest()) {
  describe(`storefront on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let runner: JobRunner;
    let orgId: number;
    let woolFirm: number;
    let bookFirm: number;
    let wool: SignedIn;
    let books: SignedIn;
    let coach: SignedIn;
    let visitor: SignedIn;
    let woolShop: number;
    let bookShop: number;
    const outbox = (to: string) => database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();
    const location = (res: Response) => res.headers.get('location') ?? '';

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      runner = new JobRunner(database.db, pino({ level: 'silent' }), allJobs(env, database.db));
      await runner.prepare();
      orgId = await insertOrganisation(database.db, {
        name: 'Røros Handel og Næring',
        type: 'retail_association',
        coverage: [{ code: '5025', from: '2020-01-01' }],
      });
      woolFirm = await insertFirm(database.db, { name: 'Røros Ullvare AS' });
      bookFirm = await insertFirm(database.db, { name: 'Røros Bokhandel AS' });
      await insertMembership(database.db, orgId, woolFirm);
      await insertMembership(database.db, orgId, bookFirm);
      registerFirmRecord();
      await insertGiftcardWorld(database.db, { orgId, firmIds: [woolFirm] }); // the wool shop takes the city gift card
      await createUser(database.db, { email: 'ull@roros.no', managedFirmIds: [woolFirm] });
      await createUser(database.db, { email: 'bok@roros.no', managedFirmIds: [bookFirm] });
      await createUser(database.db, { email: 'coach@roros-handel.no', roles: [{ organisationId: orgId, role: 'coach' }] });
      wool = await signIn(app, 'ull@roros.no');
      books = await signIn(app, 'bok@roros.no');
      coach = await signIn(app, 'coach@roros-handel.no');
      visitor = await anonymous(app);
    });
    after(async () => database?.destroy());

    it('member shops open in the storefront; a non-member and a stranger cannot', async () => {
      const outsider = await insertFirm(database.db, { name: 'Utenby AS' });
      await createUser(database.db, { email: 'ute@example.no', managedFirmIds: [outsider] });
      const ute = await signIn(app, 'ute@example.no');
      const refused = await postForm(app, '/storefront/shop/setup', { unit: String(outsider), organisation: String(orgId) }, ute);
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /not a member|ikke medlem/);
      assert.equal((await postForm(app, '/storefront/shop/setup', { unit: String(woolFirm), organisation: String(orgId) }, books)).status, 403);
      const a = await postForm(app, '/storefront/shop/setup', { unit: String(woolFirm), organisation: String(orgId) }, wool);
      assert.equal(a.status, 303, await a.clone().text());
      woolShop = Number(/shop\/(\d+)/.exec(location(a))?.[1]);
      const b = await postForm(app, '/storefront/shop/setup', { unit: String(bookFirm), organisation: String(orgId) }, books);
      bookShop = Number(/shop\/(\d+)/.exec(location(b))?.[1]);
      assert.ok(woolShop > 0 && bookShop > 0);
      for (const [shop, as, email] of [
        [woolShop, wool, 'ull@roros.no'],
        [bookShop, books, 'bok@roros.no'],
      ] as const)
        assert.equal(
          (
            await postForm(
              app,
              `/storefront/shop/${shop}/settings`,
              { lead_minutes: '120', hold_days: '2', notify_email: email, notify_phone: '', is_active: 'on' },
              as,
            )
          ).status,
          303,
        );
    });

    it('the wool shop adds socks with variants; the page and the directory show them', async () => {
      const bad = await postForm(
        app,
        `/storefront/shop/${woolShop}/products`,
        { sku: 'S1', name: 'Ullsokker', category: 'Klær', price: 'tre hundre', vat_rate: '25' },
        wool,
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Not an amount|Ikke et beløp/);
      const res = await postForm(
        app,
        `/storefront/shop/${woolShop}/products`,
        { sku: 'S1', name: 'Ullsokker', name_en: 'Wool socks', category: 'Klær', price: '349', vat_rate: '25', variants: '36–39 grå: 1\n40–43 grå: 10' },
        wool,
      );
      assert.equal(res.status, 303, await res.clone().text());
      const page = await (await app.request('/storefront?q=ullsokker&lang=en')).text();
      assert.match(page, /Wool socks/);
      assert.match(page, /OnSitePickup/);
      assert.match(page, /"@type":"Offer"/);
      const mirrored = await database.db.selectFrom('products').select(['name', 'origin', 'price_minor']).where('firm_id', '=', woolFirm).execute();
      assert.deepEqual(
        mirrored.map((m) => [m.name, m.origin, Number(m.price_minor)]),
        [['Ullsokker', 'storefront', 34_900]],
      );
      const search = await (await app.request('/firms?q=ullsokker')).text();
      assert.match(search, /Røros Ullvare AS/, 'the directory finds the shop by its product');
      const typo = await (await app.request('/firms?q=ullsokkr')).text();
      assert.match(typo, /Røros Ullvare AS/, 'and with a typo');
      const listing = await database.db.selectFrom('directory_listings').select('id').where('firm_id', '=', woolFirm).executeTakeFirstOrThrow();
      const firmPage = await (await app.request(`/firms/${listing.id}?lang=en`)).text();
      assert.match(firmPage, /Ullsokker/, "the firm page lists the shop's product");
      assert.match(firmPage, /1 products to reserve/, 'and links to the storefront');
    });

    it('a product picture goes through the image checks and is served re-encoded', async () => {
      const [product] = await repo.listShopProducts(database.db, woolShop);
      const path = `/storefront/shop/${woolShop}/products/${product!.id}/image`;
      const send = (name: string, type: string, bytes: Uint8Array) => {
        const body = new FormData();
        body.set('_csrf', wool.csrfToken);
        body.set('image', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
        return app.request(path, { method: 'POST', headers: { cookie: wool.cookie, origin: testOrigin }, body });
      };
      assert.equal((await send('x.png', 'image/png', new TextEncoder().encode('<svg onload="x()"></svg>'))).status, 415);
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
        .png()
        .toBuffer();
      assert.equal((await send('sokk.png', 'image/png', new Uint8Array(png))).status, 303);
      const img = await app.request(`/storefront/images/${product!.id}`);
      assert.equal(img.status, 200);
      assert.equal(img.headers.get('content-type'), 'image/webp');
      assert.match(await (await app.request(`/storefront/products/${product!.id}`)).text(), new RegExp(`"image":"[^"]*/storefront/images/${product!.id}"`));
    });

    it('a product list with errors names line and column and imports nothing; a good one imports all', async () => {
      const bad = await upload(
        app,
        `/storefront/shop/${bookShop}/import`,
        books,
        'bøker.csv',
        'sku;name;category;price;vat_rate;stock\nB1;Bergstaden;Bøker;429;0;5\nB2;Turbok;Bøker;gratis;0;2\nB3;Kart;Bøker;99;150;\n',
      );
      assert.equal(bad.status, 400);
      const text = await bad.text();
      assert.match(text, /Price.*Not an amount.*line 3|Pris.*Ikke et beløp.*linje 3/s);
      assert.match(text, /VAT rate.*line 4|Mva-sats.*linje 4/s);
      assert.equal((await repo.listShopProducts(database.db, bookShop)).length, 0, 'all or nothing');
      const missing = await upload(app, `/storefront/shop/${bookShop}/import`, books, 'x.csv', 'sku,name\nB1,Bergstaden\n');
      assert.match(await missing.text(), /category/);
      const good = await upload(
        app,
        `/storefront/shop/${bookShop}/import`,
        books,
        'bøker.csv',
        'sku;name;category;price;vat_rate;stock;name_en\nB1;Bergstaden;Bøker;429;0;5;The mining town\nB2;Turbok;Bøker;349,50;0;;\n',
      );
      assert.equal(good.status, 303, await good.clone().text());
      assert.match(location(good), /imported=2/);
      const products = await repo.listShopProducts(database.db, bookShop);
      assert.deepEqual(
        products.map((p) => [p.sku, p.stock_mode, Number(p.price_minor)]),
        [
          ['B1', 'count', 42_900],
          ['B2', 'ask', 34_950],
        ],
      );
    });

    it('an XLSX list is read too; a repeated variant is named by its line', async () => {
      const xlsx = async (rows: (string | number)[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Varer');
        ws.addRow(['sku', 'name', 'category', 'price', 'vat_rate', 'stock', 'variant']);
        for (const r of rows) ws.addRow(r);
        return new Uint8Array(await wb.xlsx.writeBuffer());
      };
      const send = async (bytes: Uint8Array) => {
        const body = new FormData();
        body.set('_csrf', wool.csrfToken);
        body.set(
          'file',
          new File([bytes as Uint8Array<ArrayBuffer>], 'varer.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        );
        return app.request(`/storefront/shop/${woolShop}/import`, { method: 'POST', headers: { cookie: wool.cookie, origin: testOrigin }, body });
      };
      const bad = await send(
        await xlsx([
          ['V1', 'Votter', 'Klær', 199, 25, 3, 'S'],
          ['V1', 'Votter', 'Klær', 199, 25, 2, 'S'],
        ]),
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Variant.*same SKU and variant.*line 3|Variant.*Samme varenummer.*linje 3/s);
      const good = await send(
        await xlsx([
          ['V1', 'Votter', 'Klær', 199, 25, 3, 'S'],
          ['V1', 'Votter', 'Klær', 199, 25, 2, 'M'],
        ]),
      );
      assert.equal(good.status, 303, await good.clone().text());
      const votter = (await repo.listShopProducts(database.db, woolShop)).find((p) => p.sku === 'V1')!;
      assert.deepEqual(
        (await repo.listVariants(database.db, [Number(votter.id)])).map((v) => [v.label, v.stock]),
        [
          ['S', 3],
          ['M', 2],
        ],
      );
      await postForm(app, `/storefront/shop/${woolShop}/products/${votter.id}/unpublish`, {}, wool); // out of the way of the story below
    });

    it('filters by shop, category, price and availability', async () => {
      const names = async (q: string) =>
        [...(await (await app.request(`/storefront?lang=nb&${q}`)).text()).matchAll(/<h2><a href="\/storefront\/products\/\d+[^"]*">([^<]+)<\/a><\/h2>/g)].map(
          (m) => m[1],
        );
      assert.deepEqual(await names(`shop=${bookShop}`), ['Bergstaden', 'Turbok']);
      assert.deepEqual(await names('category=Kl%C3%A6r'), ['Ullsokker']);
      assert.deepEqual(await names('min=340&max=400'), ['Turbok', 'Ullsokker']);
      assert.equal((await app.request('/storefront?min=abc')).status, 400);
      const otherTown = await insertOrganisation(database.db, { name: 'Tynset Handel', type: 'retail_association' });
      assert.deepEqual(await names(`town=${otherTown}`), [], "another town's storefront has none of Røros' products");
      assert.deepEqual(await names(`town=${orgId}&category=Kl%C3%A6r`), ['Ullsokker']);
    });

    it('50 visitors reserve the last 10 at once: exactly 10 get one, the stock ends at 0', async () => {
      const [product] = await repo.listShopProducts(database.db, woolShop);
      const [variant] = (await repo.listVariants(database.db, [Number(product!.id)])).filter((v) => v.label === '40–43 grå');
      const tries = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          service.reserveBasket(
            database.db,
            env,
            [{ variantId: Number(variant!.id), quantity: 1 }],
            { name: `P${i}`, email: null, phone: '+47 900 00 000' },
            'nb',
          ),
        ),
      );
      assert.equal(tries.filter((t) => t.status === 'fulfilled').length, 10);
      for (const t of tries) if (t.status === 'rejected') assert.match(String(t.reason), /Not enough/);
      const [after] = (await repo.listVariants(database.db, [Number(product!.id)])).filter((v) => v.id === variant!.id);
      assert.equal(after!.stock, 0);
      // put 3 back for the story below (the shop counted its shelf again)
      await repo.setVariantStock(database.db, woolShop, Number(variant!.id), 3);
    });

    let woolReservation: { id: number; token: string };
    let bookReservation: { id: number; token: string };
    it('a resident reserves socks in one shop and a book in another: one reservation per shop, e-mails to both', async () => {
      const page = await (await app.request('/storefront?q=sokker')).text();
      const socksId = /\/storefront\/products\/(\d+)/.exec(page)?.[1];
      const productPage = await (await app.request(`/storefront/products/${socksId}?lang=en`, { headers: { cookie: visitor.cookie } })).text();
      assert.match(productPage, /Ready within 2 h of opening hours/);
      assert.match(productPage, /Accepts Rørosgavekortet/, 'the city gift card where the shop takes it');
      const socksVariant = [...productPage.matchAll(/<option value="(\d+)">36–39 grå<\/option>/g)][0]?.[1];
      assert.ok(socksVariant, 'a variant to choose');
      let basketCookie = '';
      const add = async (variant: string) => {
        const res = await postForm(
          app,
          '/storefront/basket/add',
          { variant, quantity: '1', back: '/storefront' },
          { ...visitor, cookie: `${visitor.cookie}; ${basketCookie}` },
        );
        assert.equal(res.status, 303);
        basketCookie = /lk_basket=[^;]*/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? basketCookie;
      };
      await add(socksVariant);
      const book = (await repo.listShopProducts(database.db, bookShop)).find((p) => p.sku === 'B1')!;
      const [bookVariant] = await repo.listVariants(database.db, [Number(book.id)]);
      await add(String(bookVariant!.id));
      const as = { ...visitor, cookie: `${visitor.cookie}; ${basketCookie}` };
      const basket = await (await app.request('/storefront/basket?lang=en', { headers: { cookie: as.cookie } })).text();
      assert.match(basket, /Røros Ullvare AS/);
      assert.match(basket, /Røros Bokhandel AS/);
      const noContact = await postForm(app, '/storefront/basket/reserve', { name: 'Kari', email: '', phone: '' }, as);
      assert.equal(noContact.status, 400);
      assert.match(await noContact.text(), /e-mail address or a mobile|e-post eller mobil/i);
      const res = await postForm(app, '/storefront/basket/reserve', { name: 'Kari Nordmann', email: 'kari@example.no', phone: '' }, as);
      assert.equal(res.status, 303, await res.clone().text());
      const done = await (await app.request(location(res))).text();
      const tokens = [...done.matchAll(/\/storefront\/reservations\/([\w-]+)/g)].map((m) => m[1]!);
      assert.equal(tokens.length, 2);
      const rows = await Promise.all(tokens.map((token) => repo.findReservation(database.db, { token })));
      woolReservation = { id: Number(rows.find((r) => Number(r!.shop_id) === woolShop)!.id), token: rows.find((r) => Number(r!.shop_id) === woolShop)!.token };
      bookReservation = { id: Number(rows.find((r) => Number(r!.shop_id) === bookShop)!.id), token: rows.find((r) => Number(r!.shop_id) === bookShop)!.token };
      assert.equal((await outbox('kari@example.no')).length, 2, 'one receipt per shop');
      const heard = async (to: string) => (await outbox(to)).filter((m) => m.text_body.includes('Kari Nordmann')).length;
      assert.equal(await heard('ull@roros.no'), 1, 'the wool shop hears of its reservation');
      assert.equal(await heard('bok@roros.no'), 1);
      assert.equal((await database.db.selectFrom('storefront_sms_outbox').select('id').execute()).length, 0, 'no shop phone given: no SMS');
    });

    it('only the shop moves its reservation, one allowed step at a time; "ready" tells the visitor', async () => {
      const step = (to: string, as: SignedIn, shop = woolShop, id = woolReservation.id) =>
        postForm(app, `/storefront/shop/${shop}/reservations/${id}/step`, { to }, as);
      assert.equal((await step('confirmed', books)).status, 403, 'another shop');
      assert.equal((await step('confirmed', coach)).status, 403, "the association's coach");
      assert.equal((await step('confirmed', visitor)).status, 303, 'anonymous: to sign-in');
      assert.match(location(await step('confirmed', visitor)), /sign-in/);
      assert.equal((await step('confirmed', books, bookShop)).status, 404, "the wool shop's reservation is not the bookshop's");
      assert.equal((await step('collected', wool)).status, 409, 'not from new to collected');
      assert.equal((await step('confirmed', wool)).status, 303);
      assert.equal((await step('confirmed', wool)).status, 409, 'twice');
      const day = await (await app.request(`/storefront/shop/${woolShop}?lang=en`, { headers: { cookie: wool.cookie } })).text();
      assert.match(day, /Ready – tell the customer/);
      assert.equal((await step('ready', wool)).status, 303);
      const mails = await outbox('kari@example.no');
      assert.match(mails.at(-1)!.subject, /Klar til henting|Ready to collect/);
      assert.equal((await step('collected', wool)).status, 303);
      const r = await repo.findReservation(database.db, { id: woolReservation.id });
      assert.equal(r!.status, 'collected');
      const trail = await database.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('firm_id', '=', woolFirm).execute();
      assert.equal(trail.filter((t) => t.action === 'storefront.reservation.work').length, 3, "each step is in the firm's trail");
      assert.ok(
        trail.some((t) => t.action === 'storefront.reservation.read'),
        "reading the visitors' contacts is logged",
      );
    });

    it('the shop declines an item with a reason; the stock goes back and the visitor sees why', async () => {
      const [product] = await repo.listShopProducts(database.db, woolShop);
      const variants = await repo.listVariants(database.db, [Number(product!.id)]);
      const v = variants.find((x) => x.label === '40–43 grå')!;
      const token = await service.reserveBasket(
        database.db,
        env,
        [{ variantId: Number(v.id), quantity: 2 }],
        { name: 'Ola', email: 'ola@example.no', phone: null },
        'nb',
      );
      const [row] = await repo.listBasket(database.db, token);
      const [item] = await repo.listItems(database.db, [Number(row!.id)]);
      const res = await postForm(
        app,
        `/storefront/shop/${woolShop}/reservations/${row!.id}/decline`,
        { item: String(item!.id), reason: 'Feil farge på hylla' },
        wool,
      );
      assert.equal(res.status, 303);
      assert.equal((await repo.findReservation(database.db, { id: Number(row!.id) }))!.status, 'declined');
      assert.equal((await repo.listVariants(database.db, [Number(product!.id)])).find((x) => x.id === v.id)!.stock, 3);
      assert.match(await (await app.request(`/storefront/reservations/${row!.token}`)).text(), /Feil farge på hylla/);
    });

    it('an uncollected reservation expires by the background job and the stock is back', async () => {
      const book = (await repo.listShopProducts(database.db, bookShop)).find((p) => p.sku === 'B1')!;
      const stockOf = async () => (await repo.listVariants(database.db, [Number(book.id)]))[0]!.stock;
      assert.equal(await stockOf(), 4);
      await enqueue(database.db, storefrontExpiryQueue, { now: new Date(Date.now() + 3 * 86_400_000).toISOString() });
      assert.ok((await runner.runPending(storefrontExpiryQueue)) >= 1);
      assert.equal((await repo.findReservation(database.db, { id: bookReservation.id }))!.status, 'expired');
      assert.equal((await repo.findReservation(database.db, { id: woolReservation.id }))!.status, 'collected', 'a collected one stays');
      assert.equal(await stockOf(), 5);
      assert.deepEqual(await service.expireReservations(database.db, new Date(Date.now() + 4 * 86_400_000)), [], 'a second run finds nothing');
      const cancel = await postForm(app, `/storefront/reservations/${bookReservation.token}/cancel`, {}, visitor);
      assert.equal(cancel.status, 409, 'an expired reservation cannot be cancelled');
      await enqueue(database.db, storefrontExpiryQueue, { now: new Date(Date.now() + 100 * 86_400_000).toISOString() });
      await runner.runPending(storefrontExpiryQueue);
      const forgotten = await repo.findReservation(database.db, { id: bookReservation.id });
      assert.deepEqual(
        [forgotten!.customer_name, forgotten!.customer_email, forgotten!.customer_phone],
        ['', null, null],
        'the visitor is forgotten after 90 days',
      );
    });

    it('the association sees activity per shop; storefrontActivity counts for the reports', async () => {
      const rows = await service.storefrontActivity(database.db, { orgId, from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });
      const w = rows.find((r) => r.shopId === woolShop)!;
      const b = rows.find((r) => r.shopId === bookShop)!;
      // 10 of the rush + Kari + Ola (declined); the rush's 10 expired uncollected
      assert.deepEqual([w.reservations, w.pickedUp, w.noShows, w.valuePickedUpMinor, w.currency], [12, 1, 10, 34_900, 'NOK']);
      assert.deepEqual([b.reservations, b.pickedUp, b.noShows], [1, 0, 1]);
      const page = await (await app.request('/storefront/activity?lang=en', { headers: { cookie: coach.cookie } })).text();
      assert.match(page, /Røros Ullvare AS/);
      assert.equal((await app.request('/storefront/activity', { headers: { cookie: wool.cookie } })).status, 403);
    });

    it('an offer with a period shows its price while it runs, and the directory gets that price', async () => {
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const res = await postForm(
        app,
        `/storefront/shop/${bookShop}/products`,
        {
          sku: 'P1',
          name: 'Kart over Rørosvidda',
          category: 'Kart',
          price: '299',
          vat_rate: '0',
          stock: '4',
          offer_price: '199',
          offer_from: day(-1),
          offer_to: day(10),
        },
        books,
      );
      assert.equal(res.status, 303, await res.clone().text());
      const bad = await postForm(
        app,
        `/storefront/shop/${bookShop}/products`,
        { sku: 'P2', name: 'X', category: 'Kart', price: '10', vat_rate: '0', offer_price: '5' },
        books,
      );
      assert.equal(bad.status, 400, 'an offer without its period');
      const page = await (await app.request('/storefront?lang=en&category=Kart')).text();
      assert.match(page, /NOK\s199\.00/);
      assert.match(page, /was NOK\s299\.00/);
      assert.match(page, /"priceValidUntil":"\d{4}-\d{2}-\d{2}"/);
      const mirrored = await database.db
        .selectFrom('products')
        .select('price_minor')
        .where('firm_id', '=', bookFirm)
        .where('name', '=', 'Kart over Rørosvidda')
        .executeTakeFirstOrThrow();
      assert.equal(Number(mirrored.price_minor), 19_900);
    });
  });
}
