import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createUser, postForm, signIn, type SignedIn, anonymous } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { envSchema } from '../../config/env.js';
import { enqueue, JobRunner } from '../../shared/jobs/jobs.js';
import type { SessionUser } from '../../shared/http/auth.js';
import { loadFirmRecord } from '../../shared/views/firm-record.js';
import { listAuditTrail } from '../audit/audit.service.js';
import { navigatorNotifyJob, notifyQueue } from './navigator.jobs.js';
import type { OfferRecord } from './navigator.offer-types.js';
import { deMinimisCheck, loadNavigatorData, readOfferFile } from './navigator.service.js';

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The results part of the navigator page (after the form with its provider list). */
const results = async (res: Response) => {
  const page = await text(res);
  return page.slice(page.indexOf('Find support </button>') >= 0 ? page.indexOf('Find support </button>') : page.lastIndexOf('Find support'));
};
const auditOf = (database: TestDatabase, entityId: string) =>
  database.db.selectFrom('audit_log').select(['action', 'changes']).where('entity_id', '=', entityId).orderBy('id', 'desc').execute();
const jsonLdOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
const daysAgo = (years: number) => new Date(Date.now() - years * 365.25 * 86_400_000 - 30 * 86_400_000).toISOString().slice(0, 10);

for (const backend of await backendsUnderTest()) {
  describe(`navigator on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let cafe: number;
    let sorsele: number;
    let coachId: number;
    let coach: SignedIn;
    let otherCoach: SignedIn;
    let netAdmin: SignedIn;
    let runner: JobRunner;
    const env = envSchema.parse({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: 'true' });

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      sorsele = await insertOrganisation(database.db, { name: 'Sorsele näringsliv', country: 'SE', coverage: [{ code: '2422', from: '2020-01-01' }] });
      const arjeplog = await insertOrganisation(database.db, { name: 'Arjeplog näringsliv', country: 'SE', coverage: [{ code: '2506', from: '2020-01-01' }] });
      cafe = await insertFirm(database.db, { name: 'Kafé Laisvall AB', country: 'SE', municipality: '2422', nationalId: '5590000001' });
      await database.db
        .updateTable('firms')
        .set({ nace_code: '56.100', nace_division: '56', employees: 6, registered_on: daysAgo(2) })
        .where('id', '=', cafe)
        .execute();
      coachId = (await createUser(database.db, { email: 'coach@sorsele.se', roles: [{ organisationId: sorsele, role: 'coach' }] })).id;
      await createUser(database.db, { email: 'coach@arjeplog.se', roles: [{ organisationId: arjeplog, role: 'coach' }] });
      await createUser(database.db, { email: 'net@lokalkraft.no', isNetworkAdmin: true });
      coach = await signIn(app, 'coach@sorsele.se');
      otherCoach = await signIn(app, 'coach@arjeplog.se');
      netAdmin = await signIn(app, 'net@lokalkraft.no');
      runner = new JobRunner(database.db, pino({ level: 'silent' }), [navigatorNotifyJob(env)]);
      await runner.prepare();
    });
    after(async () => {
      await runner?.stop();
      await database?.destroy();
    });

    it('the six-person café in Sorsele, two years old, sees the offers that fit with reasons; Norway’s are ruled out and say why', async () => {
      const res = await app.request('/navigator?country=SE&municipality=2422&nace=56.10&employees=6&age=2&lang=en');
      assert.equal(res.status, 200);
      const page = await text(res);
      const fits = page.slice(page.indexOf('Offers that fit'), page.indexOf('May fit'));
      assert.match(fits, /Mikrostöd Region Västerbotten .*Why it fits Applies to the county \(24\)/);
      assert.match(page, /Sorsele \(2422\)/);
      assert.match(page, /Micro Loan .*Employees: 6, within 0–9/);
      const ruledOut = page.slice(page.indexOf('Ruled out, and why'));
      assert.match(ruledOut, /Oppstartstilskudd 2 .*Only for firms in NO/);
      assert.match(ruledOut, /Startup Sweden .*No longer offered \(discontinued \(2023\)\)/);
      // Filters by kind and provider.
      const loans = await results(await app.request('/navigator?country=SE&municipality=2422&employees=6&age=2&kind=loan&lang=en'));
      assert.match(loans, /Micro Loan/);
      assert.doesNotMatch(loans, /Mikrostöd/);
      const almi = await results(
        await app.request(`/navigator?country=SE&municipality=2422&provider=${encodeURIComponent('Almi Företagspartner AB')}&lang=en`),
      );
      assert.match(almi, /Micro Loan/);
      assert.doesNotMatch(almi, /Vinnova/);
    });

    it('an old municipality code is matched under its new one; an unknown code and junk are refused naming the field', async () => {
      const page = await text(await app.request('/navigator?country=NO&municipality=0935&lang=en'));
      assert.match(page, /Municipality code 0935 is now 4218 \(Iveland\)/);
      const fits = page.slice(page.indexOf('Offers that fit'), page.indexOf('May fit'));
      assert.match(fits, /Tilskudd til næringsutvikling .*Applies to the municipality \(4218\)/);
      const unknown = await app.request('/navigator?country=NO&municipality=9999&lang=en');
      assert.equal(unknown.status, 400);
      assert.match(await text(unknown), /Municipality ?: Unknown municipality code/);
      const junk = await app.request('/navigator?country=XX&employees=-1&lang=en');
      assert.equal(junk.status, 400);
    });

    it('picks a firm from the register by its number and uses its public facts', async () => {
      const page = await text(await app.request('/navigator?country=SE&orgnr=559000-0001&lang=en'));
      assert.match(page, /Facts for Kafé Laisvall AB/);
      assert.match(page, /Mikrostöd/);
      const missing = await app.request('/navigator?country=SE&orgnr=5599999999&lang=en');
      assert.equal(missing.status, 400);
      // A link from the directory's firm page names the registry firm.
      assert.match(await text(await app.request(`/navigator?firm=${cafe}&lang=en`)), /Facts for Kafé Laisvall AB/);
      assert.equal((await app.request('/navigator?firm=99999999&lang=en')).status, 400);
    });

    it('offer pages carry schema.org JSON-LD (GovernmentService for a grant, FinancialProduct for a loan), the source link and the date checked', async () => {
      const grant = await app.request('/navigator/offers/rvb-mikrostod?lang=sv');
      const html = await grant.text();
      const ld = jsonLdOf(html);
      assert.equal(ld['@type'], 'GovernmentService');
      assert.equal(ld.provider.name, 'Region Västerbotten');
      assert.match(html, /Senast kontrollerad/);
      assert.match(html, /href="https:\/\/[^"]+"/);
      const loan = jsonLdOf(await (await app.request('/navigator/offers/almi-mikrolan')).text());
      assert.equal(loan['@type'], 'FinancialProduct');
      assert.equal((await app.request('/navigator/offers/no-such-offer')).status, 404);
      assert.equal((await app.request('/navigator/offers/..%2F..%2Fetc')).status, 404);
    });

    it('a coach covering the firm sees its matches and de minimis room; amounts convert at the grant day’s ECB rate; a missing rate is said, then entered', async () => {
      assert.equal((await app.request(`/navigator/firms/${cafe}`, { headers: otherCoach.headers() })).status, 403);
      let page = await text(await app.request(`/navigator/firms/${cafe}?lang=en`, { headers: coach.headers() }));
      assert.match(page, /Ceiling €300,000\.00/);
      assert.match(page, /Remaining room: €300,000\.00/);
      assert.match(page, /Mikrostöd/);
      // SEK 1 119 300 on 13 March 2024 at 11.1930 SEK/EUR = EUR 100 000.
      let res = await postForm(
        app,
        `/navigator/firms/${cafe}/de-minimis`,
        {
          grantor: 'Region Västerbotten',
          granted_on: '2024-03-13',
          amount: '1 119 300',
          currency: 'SEK',
          legal_basis: 'Regulation (EU) 2023/2831',
          origin: 'case',
          case_ref: 'C-12',
        },
        coach,
      );
      assert.equal(res.status, 303);
      page = await text(await app.request(`/navigator/firms/${cafe}?lang=en`, { headers: coach.headers() }));
      assert.match(page, /Remaining room: €200,000\.00/);
      // NOK on a day without a stored rate: stored, shown as missing, room unknown — not guessed.
      res = await postForm(
        app,
        `/navigator/firms/${cafe}/de-minimis`,
        { grantor: 'Innovasjon Norge', granted_on: '2025-05-06', amount: '115000', currency: 'NOK', legal_basis: 'de minimis' },
        coach,
      );
      assert.equal(res.status, 303);
      page = await text(await app.request(`/navigator/firms/${cafe}?lang=en`, { headers: coach.headers() }));
      assert.match(page, /rate missing/);
      assert.match(page, /Remaining room unknown: 1 grant\(s\) lack the exchange rate/);
      const unknown = await deMinimisCheck(database.db, cafe, 1_00, '2026-06-01');
      assert.deepEqual([unknown.room, unknown.wouldExceed], [null, null]);
      // The coach enters the day's rate (11.5 NOK per EUR): NOK 115 000 = EUR 10 000.
      res = await postForm(app, '/navigator/rates', { currency: 'NOK', rate_date: '2025-05-06', per_eur: '11,5', back: `/navigator/firms/${cafe}` }, coach);
      assert.equal(res.status, 303);
      page = await text(await app.request(`/navigator/firms/${cafe}?lang=en`, { headers: coach.headers() }));
      assert.match(page, /Remaining room: €190,000\.00/);
      const again = await postForm(
        app,
        '/navigator/rates',
        { currency: 'NOK', rate_date: '2025-05-06', per_eur: '99', back: `/navigator/firms/${cafe}` },
        coach,
      );
      assert.equal(again.status, 409, 'a stored rate is never overwritten');
      const check = await deMinimisCheck(database.db, cafe, 190_000_00, '2026-06-01');
      assert.deepEqual([check.room, check.wouldExceed], [190_000_00, false]);
      assert.equal((await deMinimisCheck(database.db, cafe, 190_000_01, '2026-06-01')).wouldExceed, true);
      // Bad input names the field, changes nothing.
      const bad = await postForm(
        app,
        `/navigator/firms/${cafe}/de-minimis`,
        { grantor: 'X', granted_on: '2024-02-30', amount: '-5', currency: 'kr', legal_basis: 'x' },
        coach,
      );
      assert.equal(bad.status, 400);
      assert.match(await text(bad), /Granted on/);
      assert.equal((await postForm(app, `/navigator/firms/${cafe}/de-minimis`, { grantor: 'X' }, otherCoach)).status, 403);
      // The staff firm record shows the room to the covering coach, and nothing to a firm outsider.
      const asUser = (roles: SessionUser['roles']): SessionUser => ({
        id: coachId,
        email: 'coach@sorsele.se',
        displayName: 'coach',
        isEmailVerified: true,
        isNetworkAdmin: false,
        roles,
        managedFirmIds: [],
        sessionId: 's',
      });
      const record = await loadFirmRecord(database.db, asUser([{ organisationId: sorsele, role: 'coach' }]), cafe, 'en', 'staff');
      assert.match(record.find((s) => s.section.key === 'navigator.de-minimis')!.entries[0]!.label, /Remaining room: €190,000\.00/);
      const outsider = await loadFirmRecord(database.db, asUser([]), cafe, 'en', 'staff');
      assert.equal(
        outsider.find((s) => s.section.key === 'navigator.de-minimis'),
        undefined,
      );
      const trail = await listAuditTrail(database.db, { firmIds: [cafe] });
      assert.equal(trail.filter((e) => e.action === 'navigator.ledger.write').length, 2);
    });

    it('notify me: double opt-in, then the nightly job mails a new offer that fits once, and the stop link ends it', async () => {
      const visitor = await anonymous(app);
      const facts = 'country=SE&municipality=2422&nace=56.10&employees=6&age=2';
      const res = await postForm(app, `/navigator/notify?${facts}&lang=en`, { email: 'owner@kafe-laisvall.se' }, visitor);
      assert.equal(res.status, 303);
      const mails = () =>
        database.db.selectFrom('mail_outbox').select(['subject', 'text_body']).where('to_address', '=', 'owner@kafe-laisvall.se').orderBy('id').execute();
      const confirmMail = (await mails())[0]!;
      const token = /\/navigator\/notify\/([A-Za-z0-9_-]+)/.exec(confirmMail.text_body)![1]!;
      const runJob = async (at: string) => {
        await enqueue(database.db, notifyQueue, { at });
        return runner.runPending(notifyQueue);
      };
      // Unconfirmed: nothing is sent.
      assert.equal(await runJob('2026-12-02T03:30:00Z'), 1);
      assert.equal((await mails()).length, 1);
      const confirm = await postForm(app, `/navigator/notify/${token}/confirm?lang=en`, {}, visitor);
      assert.match(await text(confirm), /Confirmed/);
      await runJob('2026-12-02T03:31:00Z');
      assert.equal((await mails()).length, 1, 'what fitted at confirmation is not news');
      // A new offer for Sorsele arrives (imported by the network admin).
      const record: OfferRecord = {
        ...readOfferFile().find((o) => o.id === 'rvb-mikrostod')!,
        id: 'sorsele-kafestod',
        name: 'Sorsele kafféstöd',
        provider: 'Sorsele kommun',
      };
      record.match = { ...record.match, area: { countries: [], counties: [], municipalities: ['SE:2422'] } };
      const form = new FormData();
      form.set('_csrf', netAdmin.csrfToken);
      form.set('file', new Blob([JSON.stringify({ offers: [record] })], { type: 'application/json' }), 'offers.json');
      const imported = await app.request('/navigator/admin/import', { method: 'POST', body: form, headers: netAdmin.headers() });
      assert.equal(imported.status, 303);
      await runJob('2026-12-03T03:30:00Z');
      const all = await mails();
      assert.equal(all.length, 2);
      assert.match(all[1]!.text_body, /Sorsele kafféstöd \(Sorsele kommun\)\n {2}http:\/\/localhost:\d+\/navigator\/offers\/sorsele-kafestod/);
      await runJob('2026-12-03T03:31:00Z');
      assert.equal((await mails()).length, 2, 'a second run sends nothing twice');
      const stop = /Stop the notifications: \S+\/navigator\/notify\/(\S+)/.exec(all[1]!.text_body)![1]!;
      assert.equal((await postForm(app, `/navigator/notify/${stop}/stop`, {}, visitor)).status, 200);
      const kept = await database.db.selectFrom('navigator_subscriptions').select('id').where('email', '=', 'owner@kafe-laisvall.se').execute();
      assert.equal(kept.length, 0, 'stopping forgets the address and the facts');
      assert.equal((await app.request(`/navigator/notify/${'x'.repeat(30)}`)).status, 404);
      // A stranger cannot flood an inbox: three requests a day per address, then no more mail (same answer).
      for (let i = 0; i < 4; i++) assert.equal((await postForm(app, `/navigator/notify?${facts}`, { email: 'victim@example.se' }, visitor)).status, 303);
      const toVictim = await database.db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'victim@example.se').execute();
      assert.equal(toVictim.length, 3);
    });

    it('maintainers: an edit is audited and a stale or concurrent edit gets 409; a provider contact edits only their provider’s offers', async () => {
      assert.equal((await app.request('/navigator/admin', { headers: coach.headers() })).status, 403);
      const edit = (version: string, name: string, as = netAdmin) =>
        postForm(
          app,
          '/navigator/admin/offers/rvb-tillvaxtcheck',
          { version, name, checked: '2026-12-02', area_codes: 'SE:24', nace_included: 'I', nace_excluded: '55', employees_max: '9' },
          as,
        );
      const page = await (await app.request('/navigator/admin/offers/rvb-tillvaxtcheck', { headers: netAdmin.headers() })).text();
      const version = /name="version" value="(\d+)"/.exec(page)![1]!;
      const [a, b] = await Promise.all([edit(version, 'Tillväxtcheck A'), edit(version, 'Tillväxtcheck B')]);
      assert.deepEqual([a.status, b.status].sort(), [303, 409]);
      assert.equal((await edit(version, 'Tillväxtcheck C')).status, 409);
      const trail = await auditOf(database, 'rvb-tillvaxtcheck');
      assert.deepEqual(
        trail.map((e) => e.action),
        ['navigator.offer.maintain'],
      );
      assert.ok((typeof trail[0]!.changes === 'string' ? JSON.parse(trail[0]!.changes) : trail[0]!.changes).match, 'the audit names what changed');
      // The hotel inside the included section is now ruled out, the café still fits.
      const hotel = await text(await app.request('/navigator?country=SE&municipality=2422&nace=55.10&employees=6&age=2&lang=en'));
      assert.match(hotel.slice(hotel.indexOf('Ruled out, and why')), /Tillväxtcheck [AB] .*The sector is excluded \(55\)/);
      // A contact person of Vinnova may edit Vinnova's offers, not Region Västerbotten's.
      await createUser(database.db, { email: 'contact@vinnova.se' });
      assert.equal((await postForm(app, '/navigator/admin/contacts', { provider: 'Vinnova', email: 'contact@vinnova.se' }, netAdmin)).status, 303);
      const contact = await signIn(app, 'contact@vinnova.se');
      const list = await text(await app.request('/navigator/admin?lang=en', { headers: contact.headers() }));
      assert.match(list, /Innovativa startups|Innovative Startups|Vinnova/);
      assert.doesNotMatch(list, /Tillväxtcheck/);
      assert.equal((await app.request('/navigator/admin/offers/rvb-tillvaxtcheck', { headers: contact.headers() })).status, 403);
    });

    it('JSON and CSV export import back unchanged; a bad CSV line is named and nothing changes; a changed data file entry replaces an admin edit (audited)', async () => {
      const csv = await (await app.request('/navigator/offers.csv')).text();
      const upload = (body: string, name: string) => {
        const form = new FormData();
        form.set('_csrf', netAdmin.csrfToken);
        form.set('file', new Blob([body], { type: 'text/plain' }), name);
        return app.request('/navigator/admin/import', { method: 'POST', body: form, headers: netAdmin.headers() });
      };
      const same = await upload(csv, 'offers.csv');
      assert.equal(same.status, 303);
      assert.match(same.headers.get('location')!, /created=0&updated=0&same=57/);
      const lines = csv.split('\r\n');
      const at = lines.findIndex((line, i) => i > 1 && line.includes(',grant,'));
      lines[at] = lines[at]!.replace(',grant,', ',lottery,');
      const bad = await upload(lines.join('\r\n'), 'offers.csv');
      assert.equal(bad.status, 400);
      assert.match(await text(bad), new RegExp(`kind ?: .*line ${at + 1}\\)`));
      const unchanged = await (await app.request('/navigator/offers.csv')).text();
      assert.equal(unchanged, csv, 'nothing changed');
      const json = await (await app.request('/navigator/offers.json')).json();
      assert.equal((json as { offers: unknown[] }).offers.length, 57);
      // The data file wins when its entry changes: simulate an older file version of an edited offer.
      await database.db.updateTable('navigator_offers').set({ file_hash: 'older' }).where('key', '=', 'rvb-tillvaxtcheck').execute();
      const loaded = await loadNavigatorData(database.db);
      assert.equal(loaded.reloaded, 1);
      const offer = await text(await app.request('/navigator/offers/rvb-tillvaxtcheck?lang=en'));
      assert.match(offer, /Tillväxtcheck/);
      assert.doesNotMatch(offer, /Tillväxtcheck [AB]/);
      assert.equal((await auditOf(database, 'rvb-tillvaxtcheck'))[0]!.action, 'navigator.offer.reload');
    });
  });
}
