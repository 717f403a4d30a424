import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { fromDatabaseError } from '../src/shared/http/db-errors.js';
import { defaultBodyBytes } from '../src/shared/http/input-guard.js';
import { createMatrixWorld, type MatrixWorld } from './support/matrix-world.js';
import { testOrigin } from './support/auth.js';
import { backendsUnderTest } from './support/test-db.js';

/** Issue 7's findings, each as a person would meet it: oversized bodies, odd values, database refusals. */
for (const backend of await backendsUnderTest()) {
  describe(`robust input on ${backend}`, () => {
    let world: MatrixWorld;
    before(async () => {
      world = await createMatrixWorld(backend);
    });
    after(async () => world?.destroy());

    const json = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
      world.app.request('/api/v1/session?lang=nb', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: testOrigin, ...headers },
        body,
        duplex: 'half',
      } as RequestInit);

    it('refuses a JSON sign-in body over the limit with 413 in the reader’s language (with Content-Length)', async () => {
      const big = JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(defaultBodyBytes + 10) });
      const res = await json(big, { 'content-length': String(Buffer.byteLength(big)) });
      assert.equal(res.status, 413);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'payload_too_large');
      assert.match(body.error.message, /for stor \(høyst 64 KB\)/);
    });

    it('refuses a chunked body without Content-Length once it passes the limit', async () => {
      let sentBytes = 0;
      const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // 200 MB if nobody stops reading; the limit must stop it long before.
          if (sentBytes > 200 * 1024 * 1024) return controller.close();
          sentBytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const res = await json(stream, { 'transfer-encoding': 'chunked' });
      assert.equal(res.status, 413);
      assert.ok(sentBytes < 1024 * 1024, `read ${sentBytes} bytes before refusing`);
    });

    it('keeps a larger limit for uploads only: a 1 MB image form is not refused for its size, a 1 MB profile form is', async () => {
      const { fx } = world;
      const headers = world.writeHeaders('firmMember');
      const upload = new FormData();
      upload.set('_csrf', world.sessions.firmMember.csrfToken);
      upload.set('image', new Blob([new Uint8Array(1024 * 1024)], { type: 'image/png' }), 'big.png');
      const res = await world.app.request(`/firms/${fx.firmId}/manage/images`, { method: 'POST', headers, body: upload });
      assert.notEqual(res.status, 413);
      assert.ok(res.status < 500, `upload answered ${res.status}`);
      const profile = new URLSearchParams({ _csrf: world.sessions.firmMember.csrfToken, description_nb: 'x'.repeat(1024 * 1024) });
      const res2 = await world.app.request(`/firms/${fx.firmId}/manage/profile`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: profile.toString(),
      });
      assert.equal(res2.status, 413);
    });

    it('answers ?before=1.5 on both audit pages with 400 naming the field', async () => {
      for (const [role, path] of [
        ['firmMember', `/firms/${world.fx.firmId}/manage/audit`],
        ['orgAdmin', `/network/organisations/${world.fx.orgId}/audit`],
      ] as const) {
        for (const before of ['1.5', '-1', '99999999999999999999']) {
          const res = await world.app.request(`${path}?before=${before}&lang=en`, { headers: { cookie: world.sessions[role].cookie } });
          assert.equal(res.status, 400, `${path}?before=${before}`);
          assert.match(
            await res.text(),
            /<p>Older than entry: must be a whole number<\/p>|<p>Older than entry: must be at least 1<\/p>|<p>Older than entry: must be at most/,
          );
        }
        const ok = await world.app.request(`${path}?before=5`, { headers: { cookie: world.sessions[role].cookie } });
        assert.equal(ok.status, 200);
      }
    });

    it('answers impossible and out-of-range dates on the coverage page with 400 naming `on`', async () => {
      const path = `/network/organisations/${world.fx.orgId}/coverage`;
      for (const on of ['2024-02-30', '0000-01-01', '2024-13-01']) {
        const res = await world.app.request(`${path}?on=${on}&lang=en`, { headers: { cookie: world.sessions.coach.cookie } });
        assert.equal(res.status, 400, on);
        assert.match(await res.text(), /<p>Valid on date: must be a valid date \(YYYY-MM-DD\)<\/p>|<p>Valid on date: must have a year between 1900 and 2200/);
      }
      const leap = await world.app.request(`${path}?on=2024-02-29`, { headers: { cookie: world.sessions.coach.cookie } });
      assert.equal(leap.status, 200);
    });

    it('refuses NUL in a filter (tier=%00) and in the sign-in e-mail with 400 naming the field, in the reader’s language', async () => {
      const members = await world.app.request(`/network/organisations/${world.fx.orgId}/members?tier=%00&lang=sv`, {
        headers: { cookie: world.sessions.coach.cookie },
      });
      assert.equal(members.status, 400);
      assert.match(await members.text(), /<p>tier: innehåller ogiltiga tecken<\/p>/);
      const signIn = await json(JSON.stringify({ email: 'kari\u0000@example.test', password: 'x' }));
      assert.equal(signIn.status, 400);
      const body = (await signIn.json()) as { error: { issues: { field: string; message: string }[] } };
      assert.deepEqual(
        body.error.issues.map((i) => i.field),
        ['email'],
      );
      assert.equal(body.error.issues[0].message, 'inneholder ugyldige tegn');
      const anon = world.sessions.anonymous;
      const form = await world.app.request('/sign-in', {
        method: 'POST',
        headers: { cookie: anon.cookie, origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: anon.csrfToken, email: 'kari\u0000@example.test', password: 'x' }).toString(),
      });
      assert.equal(form.status, 400);
    });

    it('answers a form body that does not parse (multipart without its boundary, cut off) with 400 in the reader’s language', async () => {
      const anon = world.sessions.anonymous;
      for (const [type, body] of [
        ['multipart/form-data', 'xx'],
        ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\nkari@exa'],
      ]) {
        const page = await world.app.request('/sign-in?lang=fi', {
          method: 'POST',
          headers: { cookie: anon.cookie, origin: testOrigin, 'content-type': type },
          body,
        });
        assert.equal(page.status, 400, `${type}: ${page.status}`);
        assert.match(await page.text(), /Lomaketta ei voitu lukea/);
      }
      const api = await world.app.request('/api/v1/session', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'xx' });
      assert.equal(api.status, 400);
    });

    it('maps database refusals from this backend to 4xx: duplicate → 409, bad number/date/bytes → 400', async () => {
      const db = world.database.db;
      const refusal = async (q: Promise<unknown>) => {
        try {
          await q;
        } catch (err) {
          return fromDatabaseError(err);
        }
        assert.fail('the database accepted it');
      };
      assert.equal((await refusal(sql`select 'x'::bigint`.execute(db)))?.status, 400);
      assert.equal((await refusal(sql`select 99999999999999999999::bigint`.execute(db)))?.status, 400);
      assert.equal((await refusal(sql`select '2024-02-30'::date`.execute(db)))?.status, 400);
      assert.equal((await refusal(sql`select ${'a\u0000b'}::text`.execute(db)))?.status, 400);
      const email = (await db.selectFrom('users').select('email').executeTakeFirstOrThrow()).email;
      const dup = await refusal(
        db
          .insertInto('users')
          .values({ email, display_name: 'Dup' } as never)
          .execute(),
      );
      assert.equal(dup?.status, 409);
      assert.equal(dup?.messageIn('fi'), 'Tämä on jo olemassa.');
    });
  });
}
