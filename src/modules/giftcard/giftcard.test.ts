import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { validateXML } from 'xmllint-wasm';
import { anonymous, createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertGiftcardWorld, sessionUser, testIbans } from '../../../test/support/giftcard-fixtures.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { hasValidCheck, printCode } from './giftcard.code.js';
import { checkLedger } from './giftcard.ledger.js';
import * as repo from './giftcard.repository.js';
import { runSettlement } from './giftcard.settlement.js';

const xsd = readFileSync('test/fixtures/pain.001.001.09.xsd', 'utf8');
const keyOf = (html: string, n = 0) => [...html.matchAll(/name="key" value="([^"]+)"/g)][n]?.[1] ?? '';

for (const backend of await backendsUnderTest()) {
  describe(`city gift card on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let orgId: number;
    let cafeFirm: number;
    let bookFirm: number;
    let programmeId: number;
    let admin: SignedIn;
    let adminId: number;
    let cafe: SignedIn;
    let books: SignedIn;
    let visitor: SignedIn;
    let cafeShop: number;
    let bookShop: number;
    const codes: string[] = [];

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      orgId = await insertOrganisation(database.db, {
        name: 'Røros Handel og Næring',
        type: 'retail_association',
        coverage: [{ code: '5025', from: '2020-01-01' }],
      });
      cafeFirm = await insertFirm(database.db, { name: 'Kafé Kaffestuggu' });
      bookFirm = await insertFirm(database.db, { name: 'Røros Bokhandel' });
      await insertGiftcardWorld(database.db, { orgId, firmIds: [cafeFirm, bookFirm] }); // memberships (and a programme the test does not use)
      adminId = (await createUser(database.db, { email: 'admin@roros-handel.no', roles: [{ organisationId: orgId, role: 'org_admin' }] })).id;
      await createUser(database.db, { email: 'kafe@roros.no', managedFirmIds: [cafeFirm] });
      await createUser(database.db, { email: 'bok@roros.no', managedFirmIds: [bookFirm] });
      admin = await signIn(app, 'admin@roros-handel.no');
      cafe = await signIn(app, 'kafe@roros.no');
      books = await signIn(app, 'bok@roros.no');
      visitor = await anonymous(app);
    });
    after(async () => database?.destroy());

    it('the issuer sets up the Røros programme, its shops, and sells 50 cards of 500 NOK at the desk', async () => {
      const bad = await postForm(
        app,
        `/giftcard/organisations/${orgId}/programmes`,
        { name: 'X', town: 'Røros', country: 'NO', currency: 'NOK', values: 'abc', settlement_period: 'month', issuer_iban: 'NO00' },
        admin,
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Not a valid IBAN|Ikke et gyldig IBAN/);
      const res = await postForm(
        app,
        `/giftcard/organisations/${orgId}/programmes`,
        {
          name: 'Rørosgavekortet',
          town: 'Røros',
          country: 'NO',
          currency: 'NOK',
          values: '250 500 1000',
          validity_months: '',
          fee_percent: '2',
          fee_fixed: '',
          settlement_period: 'month',
          issuer_iban: testIbans[0]!,
          issuer_bic: 'DNBANOKK',
        },
        admin,
      );
      assert.equal(res.status, 303);
      programmeId = Number(/programmes\/(\d+)/.exec(res.headers.get('location')!)![1]);
      const outsider = await insertFirm(database.db, { name: 'Ikke medlem AS' });
      const refused = await postForm(
        app,
        `/giftcard/programmes/${programmeId}/shops`,
        { firm_id: String(outsider), iban: testIbans[1]!, joined_on: '2026-01-01' },
        admin,
      );
      assert.equal(refused.status, 400, 'only member firms of the issuer become shops');
      for (const [firm, iban] of [
        [cafeFirm, testIbans[1]!],
        [bookFirm, testIbans[2]!],
      ] as const) {
        const r = await postForm(app, `/giftcard/programmes/${programmeId}/shops`, { firm_id: String(firm), iban, joined_on: '2026-01-01' }, admin);
        assert.equal(r.status, 303);
      }
      const shops = await repo.listShops(database.db, programmeId);
      cafeShop = Number(shops.find((s) => Number(s.firm_id) === cafeFirm)!.id);
      bookShop = Number(shops.find((s) => Number(s.firm_id) === bookFirm)!.id);

      const sale = await postForm(
        app,
        `/giftcard/programmes/${programmeId}/batches`,
        { count: '50', value: '500.00', buyer: 'Røros Sykehus (julegave)', payment_reference: 'FAKTURA-2026-117' },
        admin,
      );
      assert.equal(sale.status, 303);
      const batchUrl = sale.headers.get('location')!;
      const page = await (await app.request(batchUrl, { headers: admin.headers() })).text();
      assert.equal((page.match(/<svg/g) ?? []).length, 50, 'every card is printed with its QR code');
      const csv = await app.request(`${batchUrl}/codes.csv`, { headers: admin.headers() });
      const rows = parse(await csv.text(), { columns: true }) as { code: string; value: string; valid_until: string }[];
      assert.equal(rows.length, 50);
      for (const r of rows) {
        assert.ok(hasValidCheck(r.code));
        assert.equal(r.value, '500.00');
        codes.push(r.code);
      }
      const check = await checkLedger(database.db, programmeId);
      assert.equal(check.outstandingMinor, 50 * 50_000);
      assert.equal(check.cashMinor, 50 * 50_000);
    });

    it('the café redeems 180 NOK of a card at the counter (a retry books once), the bookshop the rest', async () => {
      const code = codes[0]!;
      const counter = await app.request(`/giftcard/counter/${cafeShop}`, { headers: cafe.headers() });
      assert.equal(counter.status, 200);
      const denied = await app.request(`/giftcard/counter/${cafeShop}`, { headers: books.headers() });
      assert.equal(denied.status, 403, 'a shop’s counter is its own staff’s');
      const wrong = await postForm(app, `/giftcard/counter/${cafeShop}/lookup`, { code: `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}` }, cafe);
      assert.equal(wrong.status, 400);
      assert.match(await wrong.text(), /mistyped|feil skrevet/);
      const look = await postForm(app, `/giftcard/counter/${cafeShop}/lookup`, { code: printCode(code).toLowerCase() }, cafe);
      const html = await look.text();
      assert.match(html, /500,00|500\.00/);
      const key = keyOf(html);
      const first = await postForm(app, `/giftcard/counter/${cafeShop}/redeem`, { code, amount: '180', key }, cafe);
      const retry = await postForm(app, `/giftcard/counter/${cafeShop}/redeem`, { code, amount: '180', key }, cafe);
      assert.equal(first.status, 303, first.status === 303 ? '' : await first.clone().text());
      assert.equal(retry.headers.get('location'), first.headers.get('location'), 'the retry shows the same receipt');
      const receipt = await (await app.request(first.headers.get('location')!, { headers: cafe.headers() })).text();
      assert.match(receipt, /320/);
      assert.match(receipt, /VAT|merverdiavgift/);
      const mail = await postForm(app, `${new URL(first.headers.get('location')!, 'http://x').pathname}/mail`, { email: 'kunde@example.no' }, cafe);
      assert.equal(mail.status, 200);
      const sent = await database.db
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body'])
        .where('to_address', '=', 'kunde@example.no')
        .executeTakeFirstOrThrow();
      assert.match(sent.text_body, /320/);

      const look2 = await (await postForm(app, `/giftcard/counter/${bookShop}/lookup`, { code }, books)).text();
      const all = await postForm(app, `/giftcard/counter/${bookShop}/redeem`, { code, amount: '320.00', key: keyOf(look2, 1) }, books);
      assert.equal(all.status, 303);
      const more = await postForm(app, `/giftcard/counter/${bookShop}/redeem`, { code, amount: '1', key: 'another-key-123' }, books);
      assert.equal(more.status, 409);
      assert.equal(Number((await repo.findCardByCode(database.db, code))!.balance_minor), 0);
    });

    it('a reversal is a new entry; an expired card and a shop that has left are refused', async () => {
      const code = codes[1]!;
      const look = await (await postForm(app, `/giftcard/counter/${cafeShop}/lookup`, { code }, cafe)).text();
      const r = await postForm(app, `/giftcard/counter/${cafeShop}/redeem`, { code, amount: '100', key: keyOf(look) }, cafe);
      const entryId = /receipts\/(\d+)/.exec(r.headers.get('location')!)![1]!;
      const page = await (await app.request(`/giftcard/counter/${cafeShop}`, { headers: cafe.headers() })).text();
      const reverseKey = /name="entry_id" value="\d+"\/?><input type="hidden" name="key" value="([^"]+)"/.exec(page)?.[1] ?? 'reverse-key-1';
      const back = await postForm(app, `/giftcard/counter/${cafeShop}/reverse`, { entry_id: entryId, key: reverseKey }, cafe);
      assert.equal(back.status, 303);
      assert.notEqual(back.headers.get('location'), r.headers.get('location'), 'the reversal has its own entry');
      assert.equal(Number((await repo.findCardByCode(database.db, code))!.balance_minor), 50_000);
      const twice = await postForm(app, `/giftcard/counter/${cafeShop}/reverse`, { entry_id: entryId, key: 'reverse-key-2' }, cafe);
      assert.equal(twice.status, 409);

      const old = await database.db.transaction().execute(async (trx) => {
        const id = await repo.insertCard(trx, {
          programmeId,
          code: `ABCDEFGHJKMNPQR${(await import('./giftcard.code.js')).checkSymbol('ABCDEFGHJKMNPQR')}`,
          batchId: null,
          orderId: null,
          valueMinor: 25_000,
          expiresOn: '2025-01-01',
          holderUserId: null,
        });
        await (await import('./giftcard.ledger.js')).bookSale(trx, { programmeId, key: 'old-card', cardId: id, amountMinor: 25_000 });
        return id;
      });
      const expired = await postForm(
        app,
        `/giftcard/counter/${cafeShop}/lookup`,
        { code: `ABCD-EFGH-JKMN-PQR${(await import('./giftcard.code.js')).checkSymbol('ABCDEFGHJKMNPQR')}` },
        cafe,
      );
      assert.equal(expired.status, 400, expired.status === 400 ? '' : (await expired.clone().text()).replace(/^.*<main/s, '').slice(0, 500));
      assert.match(await expired.text(), /expired on 2025-01-01|gikk ut 2025-01-01/);
      void old;

      const leave = await postForm(app, `/giftcard/programmes/${programmeId}/shops/${bookShop}/leave`, { left_on: '2026-01-02' }, admin);
      assert.equal(leave.status, 303);
      const look3 = await (await postForm(app, `/giftcard/counter/${bookShop}/lookup`, { code: codes[2]! }, books)).text();
      const refused = await postForm(
        app,
        `/giftcard/counter/${bookShop}/redeem`,
        { code: codes[2]!, amount: '10', key: keyOf(look3) || 'left-shop-key-1' },
        books,
      );
      assert.equal(refused.status, 403);
    });

    it('the settlement pays each shop its share minus the fee, freezes, and exports a valid pain.001', async () => {
      const user = sessionUser(adminId, { roles: [{ organisationId: orgId, role: 'org_admin' }] });
      const today = new Date().toISOString().slice(0, 10);
      const early = await postForm(app, `/giftcard/programmes/${programmeId}/settlements`, { period: today }, admin);
      assert.equal(early.status, 400, 'a period that is not over is not settled by default');
      const res = await postForm(app, `/giftcard/programmes/${programmeId}/settlements`, { period: today, now: '1' }, admin);
      assert.equal(res.status, 303);
      const run = { settlementId: Number(/settlements\/(\d+)/.exec(res.headers.get('location')!)![1]) };
      // The rest of the month, later: it starts where the early run ended and pays nothing twice; running it again returns it.
      const later = new Date(Date.now() + 40 * 86_400_000);
      const rest = await runSettlement(database.db, user, programmeId, today, later);
      assert.deepEqual(await runSettlement(database.db, user, programmeId, today, later), { settlementId: rest.settlementId, created: false });
      const restPage = await (
        await app.request(`/giftcard/programmes/${programmeId}/settlements/${rest.settlementId}?lang=en`, { headers: admin.headers() })
      ).text();
      assert.match(restPage, /Total: <strong>NOK.0\.00<\/strong>/);
      const page = await (
        await app.request(`/giftcard/programmes/${programmeId}/settlements/${run.settlementId}?lang=en`, { headers: admin.headers() })
      ).text();
      assert.match(page, /176\.40/, 'the café: 180 − 2 %');
      assert.match(page, /313\.60/, 'the bookshop: 320 − 2 %');
      const xmlRes = await app.request(`/giftcard/programmes/${programmeId}/settlements/${run.settlementId}/pain001.xml`, { headers: admin.headers() });
      assert.equal(xmlRes.status, 200);
      const xml = await xmlRes.text();
      const result = await validateXML({ xml: [{ fileName: 'pain.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.09.xsd', contents: xsd }] });
      assert.deepEqual(
        result.errors.map((e) => e.message),
        [],
      );
      assert.ok(result.valid);
      assert.match(xml, /<CtrlSum>490\.00<\/CtrlSum>/);
      assert.match(xml, /<InstdAmt Ccy="NOK">176\.40<\/InstdAmt>/);
      const broken = await validateXML({
        xml: [{ fileName: 'pain.xml', contents: xml.replace('<PmtMtd>TRF</PmtMtd>', '') }],
        schema: [{ fileName: 'pain.001.001.09.xsd', contents: xsd }],
      });
      assert.equal(broken.valid, false, 'the schema does check');
      const csv = parse(
        await (await app.request(`/giftcard/programmes/${programmeId}/settlements/${run.settlementId}/report.csv`, { headers: admin.headers() })).text(),
        { columns: true },
      ) as { payable: string }[];
      assert.deepEqual(csv.map((r) => r.payable).sort(), ['176.40', '313.60']);
      const cafeCsv = parse(
        await (
          await app.request(`/giftcard/programmes/${programmeId}/settlements/${run.settlementId}/report.csv?shop=${cafeShop}`, { headers: admin.headers() })
        ).text(),
        { columns: true },
      ) as { payable: string; fees: string }[];
      assert.deepEqual(cafeCsv, [cafeCsv[0]]);
      assert.equal(cafeCsv[0]!.payable, '176.40');
      assert.equal(cafeCsv[0]!.fees, '3.60');
      const check = await checkLedger(database.db, programmeId);
      assert.equal(check.total, 0);
      assert.equal(
        [...check.shopClaims.values()].reduce((a, b) => a + b, 0),
        0,
        'everything owed was paid',
      );
      const report = await (await app.request(`/giftcard/programmes/${programmeId}/reports?lang=en`, { headers: admin.headers() })).text();
      assert.match(report, /Multi-purpose voucher/);
    });

    it('holders check their balance by code; guessing is rate-limited', async () => {
      const ok = await postForm(app, '/giftcard/balance', { code: codes[3]! }, visitor, { 'x-forwarded-for': '10.0.0.1' });
      assert.equal(ok.status, 200);
      assert.match(await ok.text(), /500/);
      let last = 0;
      for (let i = 0; i < 11; i++) last = (await postForm(app, '/giftcard/balance', { code: `WRONG-CODE-${i}` }, visitor)).status;
      assert.equal(last, 429);
    });

    it('an online sale issues a card only when the provider says it is paid', async () => {
      const start = await postForm(app, `/giftcard/programmes/${programmeId}/buy`, { value: '50000', email: 'kjoper@example.no' }, cafe);
      assert.equal(start.status, 303);
      const payUrl = start.headers.get('location')!;
      const ret = decodeURIComponent(/return=([^&]+)/.exec(payUrl)![1]!);
      const before = await (await app.request(ret, { headers: cafe.headers() })).text();
      assert.match(before, /not confirmed|ikke bekreftet/);
      assert.doesNotMatch(before, /<svg/);
      const paid = await postForm(app, new URL(payUrl, 'http://x').pathname + new URL(payUrl, 'http://x').search, { outcome: 'paid' }, cafe);
      assert.equal(paid.status, 303);
      const after = await (await app.request(ret, { headers: cafe.headers() })).text();
      assert.match(after, /<svg/);
      await app.request(ret, { headers: cafe.headers() }); // a reload issues nothing new
      const mine = await (await app.request('/giftcard/my', { headers: cafe.headers() })).text();
      assert.equal((mine.match(/<li>/g) ?? []).length >= 1, true);
      const orders = await database.db.selectFrom('giftcard_cards').select('id').where('order_id', 'is not', null).execute();
      assert.equal(orders.length, 1);
    });
  });
}
