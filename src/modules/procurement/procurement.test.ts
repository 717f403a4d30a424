import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { anonymous, createUser, postForm, signIn, type SignedIn } from '../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../test/support/test-db.js';
import { envSchema } from '../../config/env.js';
import { listOutboxMessages } from '../../shared/mail/outbox.repository.js';
import { groupOutcomes } from './procurement.groups.service.js';
import { importNoticeFile } from './procurement.import.js';
import { fetchAllFeeds, sendDigests } from './procurement.jobs.js';
import * as repo from './procurement.repository.js';
import { placeIndex } from './procurement.service.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'procurement');

/**
 * The story the issue is judged by: a construction firm in Kemijärvi follows CPV 45, sees East
 * Lapland's open notices with reasons, forms a group with two other local firms for a lot, and
 * the coach it invites sees the group; nobody else sees the thread.
 */
for (const backend of await backendsUnderTest()) {
  describe(`procurement on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let noticeId: number;
    let builder: number;
    let electrician: number;
    let plumber: number;
    let bakery: number;
    let coachId: number;
    const as: Record<'builder' | 'electrician' | 'plumber' | 'baker' | 'coach' | 'otherCoach' | 'admin' | 'anon', SignedIn> = {} as never;
    let groupId: number;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      const db = database.db;
      await importNoticeFile(db, join(fixtures, 'synthetic', 'lapland-school-renovation.xml'), { places: await placeIndex(db) });
      await importNoticeFile(db, join(fixtures, 'ContractNotice_cn-social_2022-902600.xml'), { places: await placeIndex(db) });
      noticeId = Number((await repo.findNoticeByKey(db, 'eforms', 'test-fi-2026-0001'))!.id);
      const firm = async (name: string, municipality: string, nace: string, nationalId: string) => {
        const id = await insertFirm(db, { name, municipality, country: 'FI', nationalId });
        await db
          .updateTable('firms')
          .set({ nace_code: nace, nace_division: nace.slice(0, 2) })
          .where('id', '=', id)
          .execute();
        return id;
      };
      builder = await firm('Kemijärven Rakennus Oy', '320', '41.200', '1234567-1');
      electrician = await firm('Sallan Sähkö Oy', '732', '43.210', '2345678-2');
      plumber = await firm('Pelkosen Putki Oy', '583', '43.220', '3456789-3');
      bakery = await firm('Kemijärven Leipomo Oy', '320', '10.710', '4567890-4');
      const org = await insertOrganisation(db, {
        name: 'Osta paikallista – Itä-Lappi',
        country: 'FI',
        coverage: ['320', '583', '614', '732', '742'].map((code) => ({ code, from: '2020-01-01' })),
      });
      const other = await insertOrganisation(db, { name: 'Region 10', country: 'SE', coverage: [{ code: '2422', from: '2020-01-01' }] });
      await createUser(db, { email: 'rakennus@test.fi', displayName: 'Rakentaja', managedFirmIds: [builder] });
      await createUser(db, { email: 'sahko@test.fi', managedFirmIds: [electrician] });
      await createUser(db, { email: 'putki@test.fi', managedFirmIds: [plumber] });
      await createUser(db, { email: 'leipomo@test.fi', managedFirmIds: [bakery] });
      coachId = (await createUser(db, { email: 'coach@italappi.test', displayName: 'Coach Kaisa', roles: [{ organisationId: org, role: 'coach' }] })).id;
      await createUser(db, { email: 'coach@region10.test', roles: [{ organisationId: other, role: 'coach' }] });
      await createUser(db, { email: 'net@lokalkraft.test', isNetworkAdmin: true });
      as.builder = await signIn(app, 'rakennus@test.fi');
      as.electrician = await signIn(app, 'sahko@test.fi');
      as.plumber = await signIn(app, 'putki@test.fi');
      as.baker = await signIn(app, 'leipomo@test.fi');
      as.coach = await signIn(app, 'coach@italappi.test');
      as.otherCoach = await signIn(app, 'coach@region10.test');
      as.admin = await signIn(app, 'net@lokalkraft.test');
      as.anon = await anonymous(app);
    });
    after(async () => database?.destroy());

    const get = (path: string, who: SignedIn) => app.request(path, { headers: { cookie: who.cookie } });

    it('the public list filters by CPV division, county and deadline, in the visitor’s language; a notice links to the official one', async () => {
      const hit = await (await get('/tenders?division=45&county=FI:19&lang=fi', as.anon)).text();
      assert.match(hit, /Koulun peruskorjaus, Kemijärvi/);
      assert.match(hit, /Hankinnat/);
      const miss = await (await get('/tenders?division=85&county=FI:19', as.anon)).text();
      assert.doesNotMatch(miss, /Koulun peruskorjaus/);
      const late = await (await get('/tenders?from=2032-01-01', as.anon)).text();
      assert.doesNotMatch(late, /Koulun peruskorjaus/);
      const bad = await get('/tenders?from=2032-13-01&division=x', as.anon);
      assert.equal(bad.status, 400);
      const page = await (await get(`/tenders/${noticeId}?lang=en`, as.anon)).text();
      assert.match(page, /href="https:\/\/www\.hankintailmoitukset\.fi\/fi\/search\?q=test-fi-2026-0001"/);
      assert.match(page, /LOT-0002/);
      assert.match(page, /Sähkötyöt/);
      assert.match(page, /18\/12\/2031, 12:00/);
      assert.equal((await get('/tenders/999999', as.anon)).status, 404);
    });

    it('the Kemijärvi builder follows CPV 45 and sees the East Lapland notice with its reasons', async () => {
      const saved = await postForm(app, `/tenders/firms/${builder}/interests`, { cpv: '45', keywords: 'koulu', digest: 'daily' }, as.builder);
      assert.equal(saved.status, 303);
      const bad = await postForm(app, `/tenders/firms/${builder}/interests`, { cpv: '4X', keywords: '', digest: 'daily' }, as.builder);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /CPV codes/);
      const other = await postForm(app, `/tenders/firms/${builder}/interests`, { cpv: '45', keywords: '', digest: 'daily' }, as.electrician);
      assert.equal(other.status, 403);
      const page = await (await get(`/tenders/firms/${builder}?lang=en`, as.builder)).text();
      assert.match(page, /Koulun peruskorjaus, Kemijärvi/);
      assert.match(page, /Your activity \(NACE 41\) delivers 45214200/);
      assert.match(page, /You follow CPV 45/);
      assert.match(page, /Your keyword “koulu” is in the notice/);
      assert.match(page, /Done in your municipality, Kemijärvi/);
      assert.doesNotMatch(page, /tannhelse/);
      // The bakery next door matches nothing (no activity, no interest).
      const bakeryPage = await (await get(`/tenders/firms/${bakery}?lang=en`, as.baker)).text();
      assert.doesNotMatch(bakeryPage, /Koulun peruskorjaus/);
      // The covering organisation's coach sees it too; a coach elsewhere may not.
      assert.equal((await get(`/tenders/firms/${builder}`, as.coach)).status, 200);
      assert.equal((await get(`/tenders/firms/${builder}`, as.otherCoach)).status, 403);
    });

    it('forms a group for a lot with two local firms; each firm accepts; the invited coach sees it; nobody else sees the thread', async () => {
      const created = await postForm(app, `/tenders/${noticeId}/groups`, { firm: String(builder), lot: 'LOT-0001', name: 'Koulu-konsortio' }, as.builder);
      assert.equal(created.status, 303);
      groupId = Number(/groups\/(\d+)/.exec(created.headers.get('location')!)![1]);
      // Someone else's firm cannot be made lead.
      assert.equal((await postForm(app, `/tenders/${noticeId}/groups`, { firm: String(builder), name: 'Oma ryhmä' }, as.electrician)).status, 403);
      const badLot = await postForm(app, `/tenders/${noticeId}/groups`, { firm: String(builder), lot: 'LOT-9', name: 'Väärä osa' }, as.builder);
      assert.equal(badLot.status, 400);

      assert.equal(
        (await postForm(app, `/tenders/groups/${groupId}/members`, { national_id: '2345678-2', role: 'Sähkö', share: '30' }, as.builder)).status,
        303,
      );
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/members`, { national_id: '3456789-3', role: 'LVI', share: '20' }, as.builder)).status, 303);
      const over = await postForm(app, `/tenders/groups/${groupId}/members`, { national_id: '4567890-4', share: '60' }, as.builder);
      assert.equal(over.status, 400);
      assert.match(await over.text(), /more than 100/);
      // Invited, not yet in: the electrician sees the invitation only, not the thread.
      await postForm(app, `/tenders/groups/${groupId}/messages`, { body: 'Tarjouksen hinta-arvio: 590 000 €' }, as.builder);
      const invited = (await listOutboxMessages(database.db)).find((m) => m.to_address === 'sahko@test.fi');
      assert.match(invited!.text_body, /Kemijärven Rakennus Oy kutsui yrityksen Sallan Sähkö Oy tarjousryhmään ”Koulu-konsortio”/);
      assert.match(invited!.text_body, new RegExp(`/tenders/groups/${groupId}`));
      const invitation = await (await get(`/tenders/groups/${groupId}?lang=en`, as.electrician)).text();
      assert.match(invitation, /is invited to the bidding group/);
      assert.doesNotMatch(invitation, /590 000/);
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/members/${electrician}/answer`, { answer: 'accept' }, as.electrician)).status, 303);
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/members/${plumber}/answer`, { answer: 'accept' }, as.plumber)).status, 303);
      // A firm cannot answer for another.
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/members/${plumber}/answer`, { answer: 'decline' }, as.electrician)).status, 409);

      const full = await (await get(`/tenders/groups/${groupId}?lang=en`, as.electrician)).text();
      assert.match(full, /590 000/);
      assert.match(full, /Pelkosen Putki Oy/);

      // Outsiders: the baker, the coach before being invited, a coach elsewhere, the network admin → 404; anonymous → sign in.
      for (const who of [as.baker, as.coach, as.otherCoach, as.admin]) {
        const res = await get(`/tenders/groups/${groupId}`, who);
        assert.equal(res.status, 404);
        assert.doesNotMatch(await res.text(), /590 000/);
        assert.equal((await postForm(app, `/tenders/groups/${groupId}/messages`, { body: 'hei' }, who)).status, 404);
      }
      assert.equal((await get(`/tenders/groups/${groupId}`, as.anon)).status, 302);

      assert.equal((await postForm(app, `/tenders/groups/${groupId}/coach`, { coach: String(coachId) }, as.builder)).status, 303);
      const coachView = await (await get(`/tenders/groups/${groupId}?lang=en`, as.coach)).text();
      assert.match(coachView, /590 000/);
      assert.match(coachView, /Coach Kaisa/);
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/messages`, { body: 'Muistakaa ESPD.' }, as.coach)).status, 303);
      // Only the lead manages: a member cannot change the status.
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/status`, { status: 'won' }, as.electrician)).status, 403);
    });

    it('the checklist says what each member provides; the member ticks its own; the outcome is recorded for reports', async () => {
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/checklist`, { firm: String(electrician), item: 'ESPD' }, as.builder)).status, 303);
      const item = (await repo.listChecklist(database.db, groupId))[0]!;
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/checklist/${item.id}`, { done: 'yes' }, as.plumber)).status, 403);
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/checklist/${item.id}`, { done: 'yes' }, as.electrician)).status, 303);
      assert.equal((await repo.listChecklist(database.db, groupId))[0]!.done, true);
      assert.equal((await postForm(app, `/tenders/groups/${groupId}/status`, { status: 'won', value: '580000' }, as.builder)).status, 303);
      const admin = { id: 1, email: 'a', displayName: 'a', isEmailVerified: true, isNetworkAdmin: true, roles: [], managedFirmIds: [], sessionId: 's' };
      const outcomes = await groupOutcomes(database.db, admin, new Date('2020-01-01'));
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0]!.valueMinor, 58_000_000);
      assert.equal(outcomes[0]!.currency, 'EUR');
      assert.deepEqual(outcomes[0]!.firms.map((f) => f.shareMinor).sort(), [11_600_000, 17_400_000, 29_000_000].sort());
    });

    it('invitations sent at once never promise more than 100 %: the group row is locked while shares are counted', async () => {
      const created = await postForm(app, `/tenders/${noticeId}/groups`, { firm: String(builder), lot: 'LOT-0002', name: 'Sähkö-konsortio' }, as.builder);
      const id = Number(/groups\/(\d+)/.exec(created.headers.get('location')!)![1]);
      await insertFirm(database.db, { name: 'Posion Sähkö Oy', municipality: '614', country: 'FI', nationalId: '5678901-5' });
      const ids = ['2345678-2', '3456789-3', '4567890-4', '5678901-5'];
      const answers = await Promise.all(ids.map((nid) => postForm(app, `/tenders/groups/${id}/members`, { national_id: nid, share: '40' }, as.builder)));
      assert.deepEqual(answers.map((r) => r.status).sort(), [303, 303, 400, 400]);
      const members = await repo.listMembers(database.db, id);
      assert.equal(
        members.reduce((sum, m) => sum + (m.share_percent ?? 0), 0),
        80,
      );
    });

    it('the coach’s area lists the notice with the local firms that match it', async () => {
      const page = await (await get('/tenders/area?lang=en', as.coach)).text();
      assert.match(page, /Koulun peruskorjaus, Kemijärvi/);
      assert.match(page, /3 firms/);
      assert.match(page, /Sallan Sähkö Oy/);
      assert.doesNotMatch(page, /Leipomo/);
      assert.match(page, /Koulu-konsortio/);
      assert.equal((await get('/tenders/area', as.baker)).status, 403);
    });

    it('the daily digest mails new matches once', async () => {
      const env = envSchema.parse({ LOG_LEVEL: 'silent', LOKALKRAFT_DEV_OUTBOX: 'true', PUBLIC_BASE_URL: 'https://lokalkraft.example' });
      const now = new Date('2026-12-02T05:00:00Z');
      assert.equal(await sendDigests(database.db, env, now), 1);
      const mail = (await listOutboxMessages(database.db)).find((m) => m.to_address === 'rakennus@test.fi');
      assert.ok(mail);
      assert.match(mail.subject, /Uusia hankintoja: Kemijärven Rakennus Oy/);
      assert.match(mail.text_body, /Koulun peruskorjaus, Kemijärvi/);
      assert.match(mail.text_body, /https:\/\/lokalkraft\.example\/tenders\/\d+/);
      // Not due again the same day; the next day nothing new to send.
      assert.equal(await sendDigests(database.db, env, new Date('2026-12-02T07:00:00Z')), 0);
      assert.equal(await sendDigests(database.db, env, new Date('2026-12-03T06:00:00Z')), 0);
    });

    it('a feed served over HTTP is fetched and imported; a broken feed is recorded with the place of the error', async () => {
      const files: Record<string, string> = {
        '/ocds.json': readFileSync(join(fixtures, 'ContractNotice_pin-cfc-standard_2023-100868_release_0.json'), 'utf8'),
        '/broken.xml': '<ContractNotice><cbc:ID schemeName="notice-id">x-1</cbc:ID><oops></ContractNotice>',
      };
      const server: Server = createServer((req, res) => {
        const body = files[req.url ?? ''];
        res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' }).end(body ?? '');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as AddressInfo).port;
      try {
        await repo.addFeed(database.db, `http://127.0.0.1:${port}/ocds.json`, 'doffin-ocds');
        await repo.addFeed(database.db, `http://127.0.0.1:${port}/broken.xml`, 'broken');
        const r = await fetchAllFeeds(database.db);
        assert.equal(r.changed, 1);
        assert.equal(r.failures.length, 1);
        const feeds = await repo.listFeeds(database.db);
        assert.match(feeds[0]!.last_status!, /ok: 1 notices, 1 new/);
        assert.match(feeds[1]!.last_error!, /broken:1: notice x-1, element ContractNotice: malformed XML/);
        assert.ok(await repo.findNoticeByKey(database.db, 'ocds', 'ocds-abcd1234-541af86c-378c-4cd5-858c-f48a937002fa'));
      } finally {
        server.close();
      }
    });
  });
}
