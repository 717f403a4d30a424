import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { createUser, postForm, signIn, type SignedIn } from '../../../../test/support/auth.js';
import { insertFirm, insertOrganisation } from '../../../../test/support/network-fixtures.js';
import { createTestApp } from '../../../../test/support/test-app.js';
import { backendsUnderTest, createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.js';
import { listAuditTrail } from '../../audit/audit.service.js';
import { isEmailAtFirmDomain } from './profile.domain.js';

const xss = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

function upload(app: ReturnType<typeof createTestApp>, firmId: number, as: SignedIn, bytes: Uint8Array, fileName: string, type: string, alt = '') {
  const form = new FormData();
  form.set('_csrf', as.csrfToken);
  form.set('alt_text', alt);
  form.set('image', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), fileName);
  return app.request(`/firms/${firmId}/manage/images`, { method: 'POST', headers: as.headers(), body: form });
}

describe('domain matching for auto-approval', () => {
  it('needs the e-mail domain to be exactly the website host (minus www.) and ignores shared and public domains', () => {
    assert.ok(isEmailAtFirmDomain('anna@roros-bakeri.no', 'https://www.roros-bakeri.no/'));
    assert.ok(isEmailAtFirmDomain('anna@roros-bakeri.no', 'roros-bakeri.no'));
    assert.ok(!isEmailAtFirmDomain('anna@mail.roros-bakeri.no', 'roros-bakeri.no'), 'another host of the same domain');
    assert.ok(!isEmailAtFirmDomain('anna@example.no', 'https://bakeri.example.no'), "a page on a host under the address's domain");
    assert.ok(!isEmailAtFirmDomain('anna@bakeri.example.no', 'https://example.no/bakeri'), "an address under the site's domain");
    for (const [email, site] of [
      ['post@roros.kommune.no', 'https://www.roros.kommune.no/bakeri'],
      ['post@trondelagfylke.no', 'https://trondelagfylke.no'],
      ['info@oslokommune.no', 'https://www.oslokommune.no/x'],
      ['a@nav.no', 'https://www.nav.no/bedrift'],
      ['a@regjeringen.no', 'https://www.regjeringen.no/x'],
      ['a@business.gov.uk', 'https://business.gov.uk'],
      ['a@lansstyrelsen.se', 'https://www.lansstyrelsen.se/x'],
      ['a@sundsvallskommun.se', 'https://sundsvallskommun.se'],
      ['a@vero.fi', 'https://www.vero.fi'],
      ['a@visitnorway.no', 'https://www.visitnorway.no/listings/bakeri'],
      ['a@visitroros.no', 'https://www.visitroros.no/bakeri'],
      ['a@bakeri.wixsite.com', 'https://bakeri.wixsite.com'],
      ['a@bakeri.squarespace.com', 'https://bakeri.squarespace.com'],
      ['a@bakeri.github.io', 'https://bakeri.github.io'],
      ['a@bakeri.blogspot.com', 'https://bakeri.blogspot.com'],
      ['a@bakeri.netlify.app', 'https://bakeri.netlify.app'],
    ])
      assert.ok(!isEmailAtFirmDomain(email, site), `${email} for ${site}`);
    assert.ok(isEmailAtFirmDomain('ANNA@Bakeri.Oslo.no', 'http://www.bakeri.oslo.no'));
    assert.ok(!isEmailAtFirmDomain('mallory@oslo.no', 'https://bakeri.oslo.no'), 'oslo.no is a public suffix');
    assert.ok(!isEmailAtFirmDomain('anna@roros-bakeri.no.evil.com', 'https://roros-bakeri.no'));
    assert.ok(!isEmailAtFirmDomain('anna@gmail.com', 'https://gmail.com'));
    assert.ok(!isEmailAtFirmDomain('x@facebook.com', 'https://www.facebook.com/rorosbakeri'));
    assert.ok(!isEmailAtFirmDomain('anna@roros-bakeri.no', null));
    assert.ok(!isEmailAtFirmDomain('anna@a.github.io', 'https://b.github.io'), 'private suffixes count as public');
  });
});

for (const backend of await backendsUnderTest()) {
  describe(`firm profile on ${backend}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createTestApp>;
    let firm: number;
    let firm2: number;
    let roros: number;
    let owner: SignedIn;
    let coach: SignedIn;
    let outsiderCoach: SignedIn;

    before(async () => {
      database = await createTestDatabase(backend);
      app = createTestApp(database);
      roros = await insertOrganisation(database.db, { name: 'Rørosregionen Næringshage', coverage: [{ code: '5025', from: '2020-01-01' }] });
      const trondheim = await insertOrganisation(database.db, { name: 'Trondheim Næringsforum', coverage: [{ code: '5001', from: '2020-01-01' }] });
      firm = await insertFirm(database.db, { name: 'Røros Bakeri AS', municipality: '5025', website: 'https://www.roros-bakeri.no' });
      firm2 = await insertFirm(database.db, { name: 'Galleri Thomasgården', municipality: '5025', website: 'https://thomasgarden.no' });
      await createUser(database.db, { email: 'anna@roros-bakeri.no', isEmailVerified: true });
      await createUser(database.db, { email: 'per@roros-bakeri.no', isEmailVerified: false });
      await createUser(database.db, { email: 'kari@gmail.com', isEmailVerified: true });
      await createUser(database.db, { email: 'coach@rnh.no', roles: [{ organisationId: roros, role: 'coach' }] });
      await createUser(database.db, { email: 'coach@trondheim.no', roles: [{ organisationId: trondheim, role: 'coach' }] });
      owner = await signIn(app, 'anna@roros-bakeri.no');
      coach = await signIn(app, 'coach@rnh.no');
      outsiderCoach = await signIn(app, 'coach@trondheim.no');
    });
    after(async () => database?.destroy());

    it("approves a claim at once when the verified e-mail domain is the firm's", async () => {
      const page = await app.request(`/firms/${firm}/manage`, { headers: owner.headers() });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /roros-bakeri\.no/);
      const res = await postForm(app, `/firms/${firm}/manage/claim`, {}, owner);
      assert.equal(res.status, 303);
      assert.match(res.headers.get('location')!, /claimed=1/);
      const editor = await (await app.request(`/firms/${firm}/manage`, { headers: owner.headers() })).text();
      assert.match(editor, /name="description_nb"/);
      const trail = await listAuditTrail(database.db, { firmIds: [firm] });
      assert.ok(trail.some((e) => e.action === 'registry.claim.auto_approve'));
    });

    it('an unverified address at the domain, or another domain, waits for the covering organisation', async () => {
      const per = await signIn(app, 'per@roros-bakeri.no');
      await postForm(app, `/firms/${firm}/manage/claim`, {}, per);
      const kari = await signIn(app, 'kari@gmail.com');
      await postForm(app, `/firms/${firm2}/manage/claim`, {}, kari);
      const rows = await database.db.selectFrom('firm_managers').select(['user_id', 'firm_id', 'status']).where('status', '=', 'pending').execute();
      assert.equal(rows.length, 2);
      // Kari still sees the claim page (pending), not the editor, and cannot edit.
      assert.match(await (await app.request(`/firms/${firm2}/manage`, { headers: kari.headers() })).text(), /waiting for approval|venter|väntar|odottaa/i);
      assert.equal((await postForm(app, `/firms/${firm2}/manage/profile`, { description_en: 'hi' }, kari)).status, 403);

      // The covering organisation's coach sees both; the other organisation's coach sees none.
      const queue = await (await app.request('/network/claims', { headers: coach.headers() })).text();
      assert.match(queue, /Galleri Thomasgården/);
      assert.match(queue, /kari@gmail\.com/);
      const otherQueue = await (await app.request('/network/claims', { headers: outsiderCoach.headers() })).text();
      assert.doesNotMatch(otherQueue, /Galleri Thomasgården/);

      const kariId = Number(rows.find((r) => Number(r.firm_id) === firm2)!.user_id);
      // Refused by an organisation that does not cover Røros.
      assert.equal((await postForm(app, `/network/claims/${firm2}/${kariId}`, { decision: 'approve' }, outsiderCoach)).status, 403);
      // The firm's own people cannot approve others either.
      assert.equal((await postForm(app, `/network/claims/${firm2}/${kariId}`, { decision: 'approve' }, owner)).status, 403);
      const ok = await postForm(app, `/network/claims/${firm2}/${kariId}`, { decision: 'approve' }, coach);
      assert.equal(ok.status, 303);
      assert.match(await (await app.request(`/firms/${firm2}/manage`, { headers: kari.headers() })).text(), /name="description_nb"/);
      const perId = Number(rows.find((r) => Number(r.firm_id) === firm)!.user_id);
      assert.equal((await postForm(app, `/network/claims/${firm}/${perId}`, { decision: 'reject' }, coach)).status, 303);
      assert.equal((await postForm(app, `/network/claims/${firm}/${perId}`, { decision: 'approve' }, coach)).status, 404, 'decided already');
      const trail = await listAuditTrail(database.db, { firmIds: [firm, firm2] });
      assert.ok(trail.some((e) => e.action === 'registry.claim.approve'));
      assert.ok(trail.some((e) => e.action === 'registry.claim.reject'));
      // Several people per firm: kari and a second verified address.
      await createUser(database.db, { email: 'ola@thomasgarden.no' });
      const ola = await signIn(app, 'ola@thomasgarden.no');
      assert.match((await postForm(app, `/firms/${firm2}/manage/claim`, {}, ola)).headers.get('location')!, /claimed=1/);
      const approved = await database.db.selectFrom('firm_managers').select('user_id').where('firm_id', '=', firm2).where('status', '=', 'approved').execute();
      assert.equal(approved.length, 2);
    });

    it('edits the profile; register facts stay read-only; the change is audited', async () => {
      const res = await postForm(
        app,
        `/firms/${firm}/manage/profile`,
        {
          description_nb: 'Surdeigsbrød bakt i Bergstaden siden 1952.',
          description_en: 'Sourdough bread baked in the mining town since 1952.',
          email: 'post@roros-bakeri.no',
          phone: '+47 72 41 00 00',
          website: 'https://www.roros-bakeri.no',
          name: 'Hacked Name AS',
          national_id: '999999999',
          employees: '999',
          status: 'closed',
        },
        owner,
      );
      assert.equal(res.status, 303);
      const row = await database.db.selectFrom('firms').selectAll().where('id', '=', firm).executeTakeFirstOrThrow();
      assert.equal(row.name, 'Røros Bakeri AS');
      assert.equal(row.employees, 4);
      assert.equal(row.status, 'active');
      assert.equal((row.description as Record<string, string>).nb, 'Surdeigsbrød bakt i Bergstaden siden 1952.');
      assert.equal(row.email, 'post@roros-bakeri.no');
      const trail = await listAuditTrail(database.db, { firmIds: [firm] });
      const entry = trail.find((e) => e.action === 'registry.profile.update')!;
      assert.ok(entry.changes.description);
      assert.equal(entry.changes.email.after, 'post@roros-bakeri.no');
      assert.ok(!('name' in entry.changes));
      // The firm's people see its trail; a coach does not.
      assert.equal((await app.request(`/firms/${firm}/manage/audit`, { headers: owner.headers() })).status, 200);
      assert.equal((await app.request(`/firms/${firm}/manage/audit`, { headers: coach.headers() })).status, 403);
      // Invalid contact is refused with the field named, nothing saved.
      const bad = await postForm(app, `/firms/${firm}/manage/profile`, { website: 'javascript:alert(1)' }, owner);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /website/);
    });

    it('edits weekly opening hours and exceptions', async () => {
      const ok = await postForm(app, `/firms/${firm}/manage/hours`, { opens_1: '08:00', closes_1: '16:00', opens_6: '10:00', closes_6: '14:00' }, owner);
      assert.equal(ok.status, 303);
      await postForm(app, `/firms/${firm}/manage/hours/exceptions`, { date: '2025-12-24', closed: 'on', note: 'Julaften' }, owner);
      const row = await database.db.selectFrom('firms').select('opening_hours').where('id', '=', firm).executeTakeFirstOrThrow();
      assert.deepEqual(row.opening_hours?.weekly, [
        { day: 1, opens: '08:00', closes: '16:00' },
        { day: 6, opens: '10:00', closes: '14:00' },
      ]);
      assert.equal(row.opening_hours?.timeZone, 'Europe/Oslo');
      assert.deepEqual(row.opening_hours?.exceptions, [{ date: '2025-12-24', closed: true, note: 'Julaften' }]);
      assert.equal((await postForm(app, `/firms/${firm}/manage/hours`, { opens_2: '16:00', closes_2: '08:00' }, owner)).status, 400);
      assert.equal((await postForm(app, `/firms/${firm}/manage/hours`, { opens_2: '25:00', closes_2: '26:00' }, owner)).status, 400);
    });

    it('names a bad weekly-hours field as a person would, in English and Swedish', async () => {
      const hours = async (form: Record<string, string>, lang: string) => {
        const res = await postForm(app, `/firms/${firm}/manage/hours?lang=${lang}`, form, owner);
        assert.equal(res.status, 400);
        return res.text();
      };
      const enHtml = await hours({ opens_3: '25:00', closes_3: '26:00' }, 'en');
      assert.match(enHtml, /href="#f-opens_3">Opens at, Wednesday<\/a>: must be a time like 09:00/);
      assert.match(enHtml, /id="f-opens_3"[^>]*aria-invalid="true"/, 'the field itself is marked');
      assert.doesNotMatch(enHtml, /expected|NaN|Invalid|opens_3<\/a>/, 'no validator English, no raw field name');
      assert.match(await hours({ opens_2: '16:00', closes_2: '08:00' }, 'en'), /href="#f-closes_2">Closes at, Tuesday<\/a>: must be after the opening time/);
      assert.match(await hours({ opens_4: '09:00' }, 'en'), /href="#f-closes_4">Closes at, Thursday<\/a>: needs both an opening and a closing time/);
      const svHtml = await (await postForm(app, `/firms/${firm}/manage/hours?lang=sv`, { opens_2: '16:00', closes_2: '08:00' }, owner)).text();
      assert.match(svHtml, /href="#f-closes_2">Stänger, tisdag<\/a>: måste vara efter öppningstiden/);
      // A bad price names the field in the reader's language too.
      const fi = await postForm(app, `/firms/${firm}/manage/products?lang=fi`, { kind: 'product', name: 'Kanelbolle', price: 'kolme' }, owner);
      assert.equal(fi.status, 400);
      assert.match(await fi.text(), /<\/a>: on oltava summa, esim\. 249 \/ 249,50/);
    });

    it('adds, edits and removes products and links', async () => {
      assert.equal(
        (
          await postForm(
            app,
            `/firms/${firm}/manage/products`,
            { kind: 'product', name: `Rørosbrød'; delete from firms; --`, price: '69,50', currency: 'NOK' },
            owner,
          )
        ).status,
        303,
      );
      const p = await database.db.selectFrom('products').selectAll().where('firm_id', '=', firm).executeTakeFirstOrThrow();
      assert.equal(p.name, `Rørosbrød'; delete from firms; --`);
      assert.equal(p.price_minor, 6950);
      assert.equal(
        (
          await postForm(
            app,
            `/firms/${firm}/manage/products/${p.id}`,
            { kind: 'service', name: 'Bakekurs', description: 'Lær å bake', price: '', currency: '' },
            owner,
          )
        ).status,
        303,
      );
      const p2 = await database.db.selectFrom('products').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
      assert.deepEqual([p2.kind, p2.name, p2.price_minor], ['service', 'Bakekurs', null]);
      // Another firm's person cannot touch it.
      const kari = await signIn(app, 'kari@gmail.com');
      assert.equal((await postForm(app, `/firms/${firm}/manage/products/${p.id}/delete`, {}, kari)).status, 403);
      assert.equal((await postForm(app, `/firms/${firm}/manage/products/${p.id}/delete`, {}, owner)).status, 303);
      assert.equal((await database.db.selectFrom('products').select('id').where('firm_id', '=', firm).execute()).length, 0);
      assert.equal((await postForm(app, `/firms/${firm}/manage/links`, { label: 'Instagram', url: 'https://instagram.com/rorosbakeri' }, owner)).status, 303);
      assert.equal((await postForm(app, `/firms/${firm}/manage/links`, { label: 'x', url: 'javascript:alert(1)' }, owner)).status, 400);
      const trail = await listAuditTrail(database.db, { firmIds: [firm] });
      assert.ok(
        ['registry.product.create', 'registry.product.update', 'registry.product.delete', 'registry.link.create'].every((a) =>
          trail.some((e) => e.action === a),
        ),
      );
    });

    it('shows stored XSS in every text field as text', async () => {
      await postForm(app, `/firms/${firm}/manage/profile`, { description_nb: xss, description_sv: xss, description_fi: xss, description_en: xss }, owner);
      await postForm(app, `/firms/${firm}/manage/products`, { kind: 'product', name: xss, description: xss }, owner);
      await postForm(app, `/firms/${firm}/manage/links`, { label: xss, url: 'https://example.com/?q=<script>' }, owner);
      await postForm(app, `/firms/${firm}/manage/hours/exceptions`, { date: '2025-12-31', closed: 'on', note: xss }, owner);
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
        .png()
        .toBuffer();
      await upload(app, firm, owner, new Uint8Array(png), 'a.png', 'image/png', xss);
      for (const path of [`/firms/${firm}/manage`, `/firms/${firm}/manage/audit`]) {
        const html = await (await app.request(path, { headers: owner.headers() })).text();
        assert.ok(!html.includes('<script>alert'), `${path} has a raw script tag`);
        assert.ok(!html.includes('<img src=x'), `${path} has a raw img tag`);
        assert.match(html, /&lt;script&gt;alert/);
      }
      const queue = await (await app.request('/network/claims', { headers: coach.headers() })).text();
      assert.ok(!queue.includes('<script>alert'));
    });

    it('accepts real images, strips metadata, refuses disguised and oversized uploads', async () => {
      const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a6' } })
        .jpeg()
        .withExif({ IFD0: { Copyright: 'secret-owner', Artist: 'Anna' }, IFD3: { GPSLatitudeRef: 'N' } })
        .toBuffer();
      assert.ok((await sharp(jpeg).metadata()).exif, 'the test file carries EXIF');
      const ok = await upload(app, firm, owner, new Uint8Array(jpeg), 'shop.jpg', 'image/jpeg', 'Butikken');
      assert.equal(ok.status, 303);
      const img = await database.db.selectFrom('firm_images').selectAll().where('firm_id', '=', firm).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(img.content_type, 'image/webp');
      assert.equal(Math.max(img.width, img.height), 1600);
      assert.ok(Math.max(img.thumb_width, img.thumb_height) <= 400);
      const stored = await sharp(Buffer.from(img.data)).metadata();
      assert.equal(stored.format, 'webp');
      assert.equal(stored.exif, undefined);
      assert.ok(!Buffer.from(img.data).includes('secret-owner'));
      // Served publicly with its type and nosniff.
      const served = await app.request(`/media/firm-images/${img.id}`);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/webp');
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.equal((await app.request(`/media/firm-images/${img.id}/thumb`)).status, 200);

      const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
      assert.equal((await upload(app, firm, owner, html, 'photo.jpg', 'image/jpeg')).status, 415);
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
      assert.equal((await upload(app, firm, owner, svg, 'logo.png', 'image/png')).status, 415);
      const gif = new Uint8Array(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
      assert.equal((await upload(app, firm, owner, gif, 'x.webp', 'image/webp')).status, 415);
      // PNG magic bytes followed by garbage: refused when decoding.
      const fake = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('<html>not really</html>')]);
      assert.equal((await upload(app, firm, owner, fake, 'x.png', 'image/png')).status, 415);
      const big = new Uint8Array(6 * 1024 * 1024);
      big.set([0xff, 0xd8, 0xff]);
      assert.equal((await upload(app, firm, owner, big, 'big.jpg', 'image/jpeg')).status, 413);
      // Someone who does not manage the firm is refused before the file is looked at.
      assert.equal((await upload(app, firm, coach, new Uint8Array(jpeg), 'shop.jpg', 'image/jpeg')).status, 403);
      const count = await database.db.selectFrom('firm_images').select('id').where('firm_id', '=', firm).execute();
      assert.equal(count.length, 2);
      const trail = await listAuditTrail(database.db, { firmIds: [firm] });
      assert.ok(trail.some((e) => e.action === 'registry.image.create'));
    });

    it('lists my firms', async () => {
      const html = await (await app.request('/my/firms', { headers: owner.headers() })).text();
      assert.match(html, /Røros Bakeri AS/);
      assert.equal((await app.request('/my/firms')).status, 302);
    });
  });
}
