import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium for the browser tests: CHROMIUM_PATH or /usr/bin/chromium, quiet and sandbox-free. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface ServedApp {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  base: string;
  close(): Promise<void>;
}

/** Serves a Hono app on 127.0.0.1 and a random free port. */
export async function serveApp(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<ServedApp> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  // Node closes idle keep-alive sockets after 5 s; on a busy machine a client can reuse one just
  // as it closes and get ECONNRESET. Tests keep them open longer than any pause between requests.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 120_000;
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Records the page's script errors and Content Security Policy violations into the returned
 * array (a 404 for /favicon.ico is the browser's own request, not the page's, and is not kept).
 */
export function trackProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  return problems;
}

/** axe (WCAG 2.0/2.1 A and AA, and best practice) finds nothing on the page as it is now. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(summary, [], `axe violations on ${what}`);
}

/**
 * What sticks out past the right edge of the viewport, for the failure message (runs in the page;
 * a string because the project compiles without the DOM types). An element inside a sideways
 * scroll container that itself fits is meant to stick out and is not listed.
 */
const measureOverflow = `(() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    let p = el.parentElement;
    let contained = false;
    while (p && p !== document.body) {
      const x = getComputedStyle(p).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden' || x === 'clip') {
        contained = p.getBoundingClientRect().right <= width + 0.5;
        break;
      }
      p = p.parentElement;
    }
    if (contained) continue;
    const cls = el.classList.length ? '.' + Array.from(el.classList).join('.') : '';
    culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' (right ' + Math.round(r.right) + ')');
    if (culprits.length >= 6) break;
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
})()`;

export function overflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(measureOverflow);
}

/**
 * The page does not scroll sideways (what sticks out is named). Measured once the page has loaded:
 * right after a click's navigation the new document can be laid out before its stylesheet applies,
 * and that layout (wider than the styled one) is not what a person sees.
 */
export async function expectFitsWidth(page: Page, what: string): Promise<void> {
  await page.waitForLoadState('load');
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.clientWidth, `${what}: the page is ${o.scrollWidth} px wide in ${o.clientWidth} px: ${o.culprits.join(', ')}`);
}
