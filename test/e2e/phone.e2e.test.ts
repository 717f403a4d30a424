import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright-core';
import { matrix, roles, type MatrixEntry, type Role } from '../authorization-matrix.js';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import { signIn } from '../support/auth.js';
import { expectNoAxeViolations, launchChromium, overflow, serveApp, trackProblems, type ServedApp } from '../support/browser.js';
import { buildMatrixWorld, matrixEmails, matrixUrl, type MatrixWorld } from '../support/matrix-fixture.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * Every page of the app on a 390 px wide phone: each GET route of the authorization matrix that
 * answers with HTML, as the most privileged role allowed to see it (the most links, buttons and
 * table columns) and, where anonymous visitors may see it too, as them. The document must not
 * scroll sideways in any of the four languages (wide tables scroll inside their own labelled,
 * focusable container instead), and axe (WCAG 2.1 A/AA and best practice) finds nothing.
 */
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const languages = ['fi', 'nb', 'sv', 'en'] as const;
/** Most privileged first: they see the most of a page. */
const preference: Role[] = ['networkAdmin', 'orgAdmin', 'firmMember', 'coach', 'otherCoach'];

const key = (e: MatrixEntry) => `${e.method} ${e.path}`;

function mayView(entry: MatrixEntry, role: Role): boolean {
  const outcome = entry.who?.[role];
  return outcome === 'ok' || outcome === 'public' || (typeof outcome === 'number' && outcome >= 300 && outcome < 400);
}

/** Public pages whose content depends on who is signed in (the claim page or the editor). */
const roleDependentPublicPages = new Set(['GET /firms/:firmId/manage']);

/**
 * Who visits each page: anonymous for a page everybody sees alike; otherwise the most
 * privileged allowed role, and anonymous too when anonymous visitors may see it.
 */
function visitorsOf(entry: MatrixEntry): Role[] {
  const sameForAll = roles.every((r) => entry.who?.[r] === entry.who?.anonymous);
  if (sameForAll && mayView(entry, 'anonymous') && !roleDependentPublicPages.has(key(entry))) return ['anonymous'];
  const privileged = preference.find((r) => mayView(entry, r));
  return [...(privileged ? [privileged] : []), ...(mayView(entry, 'anonymous') ? (['anonymous'] as Role[]) : [])];
}

describe('every page on a 390 px phone', () => {
  let database: TestDatabase;
  let server: ServedApp;
  let browser: Browser;
  let world: MatrixWorld;
  let app: ReturnType<typeof createTestApp>;
  const contexts = new Map<Role, BrowserContext>();
  /** "lk_session=…" per signed-in role. */
  const cookies = new Map<Role, string>();

  before(async () => {
    database = await createTestDatabase('pglite');
    world = await buildMatrixWorld(database.db);
    // Audit trails with long values: the audit tables must scroll in their container, not the page.
    const long = {
      website: 'https://www.rorosbakeriet-og-konditoriet.example.no/om-oss/apningstider-og-kontaktinformasjon',
      description: 'Håndverksbakeri med surdeigsbrød, kanelsnurrer og kaker på bestilling. '.repeat(3),
    };
    await recordAudit(
      database.db,
      { userId: null },
      { action: 'profile.firm.update', entityType: 'firm', entityId: world.fx.firmId, firmId: world.fx.firmId, before: {}, after: long },
    );
    await recordAudit(
      database.db,
      { userId: null },
      {
        action: 'network.membership.update',
        entityType: 'membership',
        entityId: world.fx.membershipId,
        organisationId: world.fx.orgId,
        before: { tier: 'Basis' },
        after: { tier: 'Premium-medlemskap med rådgivning' },
      },
    );
    app = createTestApp(database, { MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
    server = await serveApp(app);
    browser = await launchChromium();
    const host = new URL(server.base).hostname;
    for (const role of roles) {
      const context = await browser.newContext({ ...phone, locale: 'en-GB' });
      if (role !== 'anonymous') {
        const { cookie } = await signIn(app, matrixEmails[role]);
        cookies.set(role, cookie);
        const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
        await context.addCookies([{ name, value, domain: host, path: '/' }]);
      }
      contexts.set(role, context);
    }
  });

  after(async () => {
    for (const c of contexts.values()) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await database?.destroy();
  });

  it('fits 390 px without sideways scrolling and passes axe, in every language', async (t) => {
    const present = new Set(app.routes.map((r) => `${r.method} ${r.path}`));
    const pages = matrix.filter((e) => e.method === 'GET' && !e.middleware && e.who && present.has(key(e)));
    const failures: string[] = [];
    const checked: string[] = [];
    const seen = new Set<string>();
    let n = 0; // pages checked so far, to rotate the axe language
    for (const entry of pages) {
      for (const role of visitorsOf(entry)) {
        const context = contexts.get(role)!;
        const url = `${server.base}${matrixUrl(entry, world.fx)}`;
        const what = `${key(entry)} as ${role}`;
        // Only pages: not JSON, CSV, images, metrics or downloads. Asked of the app in-process
        // (a second HTTP client would race the server's keep-alive timeout on a busy machine).
        const head = await app.request(matrixUrl(entry, world.fx), { headers: cookies.has(role) ? { cookie: cookies.get(role)! } : {} });
        await head.arrayBuffer();
        if (!(head.headers.get('content-type') ?? '').includes('text/html') || head.headers.has('content-disposition')) continue;
        const started = performance.now();
        const page = await context.newPage();
        const problems = trackProblems(page);
        // Each language once; the last one (rotating from page to page) also gets axe.
        const axeLang = languages[n % languages.length];
        const order = [...languages.filter((x) => x !== axeLang), axeLang];
        try {
          await context.addCookies([{ name: 'lk_lang', value: order[0], url: server.base }]);
          await page.goto(url);
          const landed = `${role} ${new URL(page.url()).pathname}`;
          if (seen.has(landed)) continue; // a redirect to a page checked already
          seen.add(landed);
          checked.push(what);
          n++;
          for (const [i, lang] of order.entries()) {
            if (i > 0) {
              await context.addCookies([{ name: 'lk_lang', value: lang, url: server.base }]);
              await page.reload();
            }
            const o = await overflow(page);
            if (o.scrollWidth > o.clientWidth)
              failures.push(`${what} [${lang}]: document is ${o.scrollWidth} px wide in ${o.clientWidth} px: ${o.culprits.join(', ')}`);
          }
          await expectNoAxeViolations(page, `${what} [${axeLang}]`).catch((e: Error) => failures.push(e.message));
          if (problems.length) failures.push(`${what}: ${problems.join('; ')}`);
        } finally {
          await page.close();
          t.diagnostic(`${what}: ${Math.round(performance.now() - started)} ms`);
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} problems on ${checked.length} pages`);
    // Guard against a filter that quietly checks nothing.
    for (const must of [
      'GET / as anonymous',
      'GET /firms/:id as anonymous',
      'GET /network/organisations/:orgId/members as networkAdmin',
      'GET /network/organisations/:orgId/audit as networkAdmin',
      'GET /account as networkAdmin',
      'GET /admin/imports as networkAdmin',
      'GET /firms/:firmId/manage as networkAdmin',
      'GET /firms/:firmId/manage as anonymous',
    ]) {
      assert.ok(checked.includes(must), `${must} was not checked (checked: ${checked.join(', ')})`);
    }
  });
  it('lets a keyboard user scroll a wide table inside its own labelled container', async () => {
    const context = contexts.get('networkAdmin')!;
    await context.addCookies([{ name: 'lk_lang', value: 'en', url: server.base }]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/network/organisations/${world.fx.orgId}/members`);
      const region = page.getByRole('region', { name: 'Members', exact: true });
      assert.equal(await region.getAttribute('tabindex'), '0');
      const box = () =>
        region.evaluate((el: { scrollWidth: number; clientWidth: number; scrollLeft: number }) => ({
          scroll: el.scrollWidth,
          width: el.clientWidth,
          left: el.scrollLeft,
        }));
      const before = await box();
      assert.ok(before.scroll > before.width, `the table is wider than its container (${before.scroll} > ${before.width})`);
      assert.equal(before.left, 0);
      await region.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      // Polled from here: a string predicate would be eval'd in the page, which the strict CSP refuses.
      const deadline = Date.now() + 5000;
      while ((await box()).left === 0 && Date.now() < deadline) await page.waitForTimeout(50);
      assert.ok((await box()).left > 0, 'arrow keys scroll the focused table region');
      const evaluated = await page.locator('html').evaluate((el: { scrollWidth: number; clientWidth: number }) => ({ x: el.scrollWidth, w: el.clientWidth }));
      assert.ok(evaluated.x <= evaluated.w, 'the page itself does not scroll sideways');
    } finally {
      await page.close();
    }
  });
});
