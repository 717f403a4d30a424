import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMatrixWorld, type MatrixWorld } from './matrix-world.js';
import type { Backend } from './test-db.js';
import { matrix, roles, type MatrixEntry, type Role } from '../authorization-matrix.js';

/**
 * Hostile and careless input against EVERY route the authorization matrix knows, as the
 * signed-in roles allowed there (rotating, so each role gets its share): NUL and control
 * characters, huge strings, 1.5, -1, numbers past bigint, impossible dates, year 0000,
 * invalid percent-encoding, unicode, repeated fields (arrays), wrong JSON types. Whatever
 * the route thinks of it, the answer must be a 4xx or a success — never a 500.
 */

/** Values every field gets (all fields of a form or query at once). */
const nasty = [
  '\u0000',
  'a\u0000b\u0007\u001b[31m',
  '%00',
  '1.5',
  '-1',
  '99999999999999999999',
  '2024-02-30',
  '0000-01-01',
  'Ærø Ørland Åre Äänekoski 😀 \u202e \ud800',
  'x'.repeat(5000),
  "' or 1=1 --",
  ' ',
];

/** Values for typed fields (dates, numbers, ids), each alone in an otherwise plausible form or query. */
const sharp = ['2024-02-30', '0000-01-01', '1.5', '-1', '99999999999999999999', '1e309'];

/** Plausible values, so a mutated field is the only thing wrong with a form. */
const baseline: Record<string, string> = {
  email: 'fuzz@example.test',
  phone: '+47 12345678',
  website: 'https://example.test',
  url: 'https://example.test/x',
  date: '2026-03-01',
  valid_from: '2026-03-01',
  valid_to: '2026-12-31',
  on: '2026-03-01',
  opens: '09:00',
  closes: '17:00',
  opens_1: '09:00',
  closes_1: '17:00',
  closed: '',
  name: 'Fuzz',
  label: 'Fuzz',
  kind: 'product',
  type: 'business_garden',
  country: 'NO',
  municipality: '5025',
  role: 'coach',
  orgnr: '987654321',
  tier: 'Basis',
  status: 'active',
  fee: '100',
  currency: 'NOK',
  price: '100',
  scope: 'coaching_cases',
  note: 'n',
  decision: 'reject',
  password: 'not the password at all',
  password_confirm: 'not the password at all',
  confirm_email: 'nobody@example.test',
  description: 'd',
  description_nb: 'd',
  description_en: 'd',
  alt_text: 'a',
  next: '/account',
};

/** Field and parameter names per part of the app (what its forms and pages read). */
function namesFor(path: string): { query: string[]; form: string[]; typed: string[] } {
  const common = ['lang'];
  if (path.startsWith('/firms/:firmId/manage') || path === '/my/firms')
    return {
      query: [...common, 'before', 'saved', 'claimed'],
      form: [
        'description_nb',
        'description_en',
        'email',
        'phone',
        'website',
        'opens_1',
        'closes_1',
        'date',
        'closed',
        'opens',
        'closes',
        'note',
        'kind',
        'name',
        'description',
        'price',
        'currency',
        'label',
        'url',
        'alt_text',
        'image',
      ],
      typed: ['date', 'opens_1', 'closes_1', 'opens', 'closes', 'price', 'before'],
    };
  if (path.startsWith('/network'))
    return {
      query: [...common, 'on', 'before', 'status', 'tier', 'municipality', 'saved', 'done'],
      form: [
        'name',
        'type',
        'country',
        'email',
        'phone',
        'website',
        'municipality',
        'valid_from',
        'valid_to',
        'role',
        'orgnr',
        'tier',
        'status',
        'fee',
        'currency',
        'to_organisation_id',
        'scope',
        'note',
        'decision',
        'logo',
      ],
      typed: ['valid_from', 'valid_to', 'fee', 'to_organisation_id', 'on', 'before', 'municipality'],
    };
  if (path === '/' || path.startsWith('/firms') || path.startsWith('/api/v1/firms') || path.startsWith('/api/v1/places') || path.startsWith('/api/v1/sectors'))
    return {
      query: [...common, 'q', 'page', 'per_page', 'municipality', 'county', 'country', 'sector', 'near', 'radius_km', 'open_now', 'kind', 'viewport'],
      form: [],
      typed: ['page', 'per_page', 'near', 'radius_km', 'open_now', 'municipality'],
    };
  return {
    query: [...common, 'next', 'notice', 'token'],
    form: ['email', 'password', 'password_confirm', 'name', 'next', 'confirm_email', 'display_name'],
    typed: ['email', 'next'],
  };
}

const allowed = (entry: MatrixEntry): Role[] => {
  const signedIn = roles.filter((r) => r !== 'anonymous' && entry.who && ['ok', 'public'].includes(String(entry.who[r])));
  const numeric = roles.filter((r) => r !== 'anonymous' && entry.who && typeof entry.who[r] === 'number');
  const list = signedIn.length ? signedIn : numeric;
  return list.length ? list : ['anonymous'];
};

/** The fuzz of every route on one backend (one test file per backend, so the two run side by side). */
export function describeInputFuzz(backend: Backend) {
  describe(`input fuzz of every route on ${backend}`, () => {
    let world: MatrixWorld;
    before(async () => {
      world = await createMatrixWorld(backend);
    });
    after(async () => world?.destroy());

    const entries = matrix.filter((e) => !e.middleware && e.who);

    it('answers no fuzzed query, form or JSON body with a 500', async (t) => {
      const present = new Set(world.app.routes.map((r) => `${r.method} ${r.path}`));
      const failures: string[] = [];
      let sent = 0;
      let turn = 0;

      const send = async (
        entry: MatrixEntry,
        describeAs: string,
        build: (url: string, headers: Record<string, string>, csrf: string) => [string, RequestInit],
      ) => {
        // Requests that end the session go as an anonymous visitor: signing in again each time costs seconds.
        const pool = entry.endsSession ? (['anonymous'] as Role[]) : allowed(entry);
        const role = pool[turn++ % pool.length];
        const values = { ...world.fx, ...(entry.prepare ? await world.prepare(entry.prepare) : {}) };
        const [url, init] = build(world.urlFor(entry, values), world.writeHeaders(role), world.sessions[role].csrfToken);
        const res = await world.app.request(url, init);
        const body = await res.text();
        sent++;
        if (res.status >= 500)
          failures.push(`${res.status} ${entry.method} ${entry.path} as ${role}: ${describeAs} → ${body.replace(/\s+/g, ' ').slice(0, 160)}`);
      };
      const show = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v);

      for (const entry of entries) {
        if (!present.has(`${entry.method} ${entry.path}`)) continue;
        const method = entry.probe?.method ?? entry.method;
        const names = namesFor(entry.path);
        const withQuery = (url: string, q: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

        // Query: every parameter with the same bad value; typed ones alone with each sharp value;
        // repeated parameters and broken percent-encodings.
        const allQuery = (v: string) => new URLSearchParams(names.query.map((n): [string, string] => [n, v])).toString();
        for (const v of nasty) await send(entry, `?(all)=${show(v)}`, (url, h) => [withQuery(url, allQuery(v)), { method, headers: h }]);
        if (method === 'GET')
          for (const name of names.typed.filter((n) => names.query.includes(n)))
            for (const v of sharp)
              await send(entry, `?${name}=${show(v)}`, (url, h) => [withQuery(url, new URLSearchParams({ [name]: v }).toString()), { method, headers: h }]);
        await send(entry, '?(all) twice and as name[]', (url, h) => [
          withQuery(url, names.query.map((n) => `${n}=1&${n}=2&${n}[]=3`).join('&')),
          { method, headers: h },
        ]);
        for (const raw of ['%', '%E0%A4%A', '%FF%FE', '%C0%80'])
          await send(entry, `?(all)=${raw}`, (url, h) => [withQuery(url, names.query.map((n) => `${n}=${raw}`).join('&')), { method, headers: h }]);
        await send(entry, 'huge query', (url, h) => [withQuery(url, `q=${'y'.repeat(100_000)}`), { method, headers: h }]);
        if (method === 'GET') continue;

        if (entry.path.startsWith('/api/')) {
          // JSON: wrong types, broken syntax, deep nesting, NUL in keys and values.
          const bodies = [
            'null',
            '[]',
            '"x"',
            '1.5',
            '{',
            '{"email":1,"password":[]}',
            '{"email":{"a":1},"password":null}',
            '{"email":"\\u0000@x.test","password":"p"}',
            '{"\\u0000":1}',
            `${'['.repeat(5000)}${']'.repeat(5000)}`,
            JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(60_000) }),
          ];
          for (const b of bodies)
            await send(entry, `json ${show(b)}`, (url, h) => [url, { method, headers: { ...h, 'content-type': 'application/json' }, body: b }]);
          continue;
        }

        const form = (fields: [string, string][], csrf: string) => {
          const p = new URLSearchParams([['_csrf', csrf], ...fields]);
          return p.toString();
        };
        const post =
          (fields: [string, string][]) =>
          (url: string, h: Record<string, string>, csrf: string): [string, RequestInit] => [
            url,
            { method, headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields, csrf) },
          ];
        const base = names.form.filter((n) => n in baseline).map((n): [string, string] => [n, baseline[n]]);

        // Every field of the form with the same bad value; then each field repeated (arrays).
        for (const v of nasty) await send(entry, `all fields = ${show(v)}`, post(names.form.map((n) => [n, v])));
        await send(
          entry,
          'every field twice',
          post(
            names.form.flatMap((n): [string, string][] => [
              [n, baseline[n] ?? 'a'],
              [n, 'b'],
            ]),
          ),
        );
        // A plausible form with one typed field made wrong: what reaches the database if the schema lets it through.
        for (const name of names.typed.filter((n) => names.form.includes(n)))
          for (const v of sharp) await send(entry, `${name}=${show(v)} in a plausible form`, post([...base.filter(([n]) => n !== name), [name, v]]));
        // Multipart with a text where a file belongs, and a file where text belongs.
        await send(entry, 'multipart: text as file, file as text', (url, h, csrf) => {
          const fd = new FormData();
          fd.set('_csrf', csrf);
          for (const n of names.form) {
            if (n === 'image' || n === 'logo') fd.set(n, 'not a file');
            else fd.set(n, new Blob(['\u0000\u0001']), 'x.bin');
          }
          return [url, { method, headers: h, body: fd }];
        });
        await send(entry, 'body over the limit', post([['note', 'z'.repeat(200_000)]]));
        await send(entry, 'wrong content type', (url, h) => [url, { method, headers: { ...h, 'content-type': 'text/plain' }, body: '\u0000' }]);
      }
      t.diagnostic(`${sent} fuzzed requests to ${entries.filter((e) => present.has(`${e.method} ${e.path}`)).length} routes`);
      assert.deepEqual(failures, [], `${failures.length} of ${sent} fuzzed requests answered 5xx`);
      assert.ok(sent > 1500, `only ${sent} requests were sent`);
    });
  });
}
