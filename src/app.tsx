import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { secureHeaders, NONCE } from 'hono/secure-headers';
import { sql } from 'kysely';
import { join } from 'node:path';
import { AppError, isAppError } from './shared/errors.js';
import { errorMessages } from './shared/i18n/error.messages.js';
import { common } from './shared/i18n/common.messages.js';
import type { AppDeps, AppEnv } from './shared/http/context.js';
import { fromDatabaseError } from './shared/http/db-errors.js';
import { limitBodies, refuseControlCharacters } from './shared/http/input-guard.js';
import { localeMiddleware } from './shared/http/locale.js';
import { metricsRegistry, observe } from './shared/http/observability.js';
import { projectRoot } from './shared/paths.js';
import { ErrorPage } from './shared/views/layout.js';
import { moduleBodyLimits, moduleRoutes } from './modules/index.js';
import { registerNavigation } from './modules/navigation.js';
import { registerFirmRecord } from './modules/firm-record.js';
import { accountsMiddleware } from './modules/accounts/accounts.http.js';

/** Builds the whole HTTP app; main.ts serves it and tests call `app.request()` on it. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  let isReady = true;

  app.use(observe(deps.logger));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...tileOrigins(deps.env.MAP_TILE_URL)],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  app.use(localeMiddleware);

  app.use('/static/*', serveStatic({ root: join(projectRoot, 'public'), rewriteRequestPath: (p) => p }));
  app.use(
    '/vendor/leaflet/*',
    serveStatic({ root: join(projectRoot, 'node_modules', 'leaflet', 'dist'), rewriteRequestPath: (p) => p.replace(/^\/vendor\/leaflet/, '') }),
  );

  // Every body is capped (uploads by their own limit) before the CSRF check parses a form;
  // then no query, form or JSON value with control characters (NUL) reaches a route.
  app.use(limitBodies(moduleBodyLimits()));
  app.use(refuseControlCharacters);
  // Session (c.var.user), CSRF token and check, request context for components.
  app.use(accountsMiddleware(deps));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (!isReady) return c.json({ status: 'shutting-down' }, 503);
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ready', database: deps.dbKind });
    } catch (err) {
      deps.logger.error({ err }, 'readiness check failed');
      return c.json({ status: 'database-unavailable' }, 503);
    }
  });
  app.get('/metrics', async (c) => c.text(await metricsRegistry.metrics(), 200, { 'Content-Type': metricsRegistry.contentType }));

  registerNavigation();
  registerFirmRecord();
  for (const mount of moduleRoutes(deps)) app.route(mount.path, mount.app);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json(new AppError('not_found', errorMessages.notFound).toJSON(c.var.locale), 404);
    const l = c.var.locale ?? 'en';
    return c.html(<ErrorPage locale={l} title={common.notFoundTitle[l]} message={c.req.path} currentUrl={c.req.url} />, 404);
  });

  app.onError((err, c) => {
    // A database refusal caused by the request (duplicate, bad value) is the person's 4xx, not our 500.
    const appError = isAppError(err) ? err : fromDatabaseError(err);
    if (!appError) deps.logger.error({ err, reqId: c.var.requestId }, 'unhandled error');
    else if (appError !== err) deps.logger.warn({ err, reqId: c.var.requestId, status: appError.status }, 'database refused the request');
    const status = appError?.status ?? 500;
    const body = appError ?? new AppError('internal', errorMessages.internal);
    const l = c.var.locale ?? 'en';
    if (c.req.path.startsWith('/api/')) return c.json(body.toJSON(l), status as 400);
    const title =
      status === 404 ? common.notFoundTitle[l] : status === 403 ? common.forbiddenTitle[l] : status < 500 ? common.badRequestTitle[l] : common.errorTitle[l];
    // The page names each field and what is wrong with it, as the JSON answer does.
    const issues = appError?.issuesIn(l).map((i) => `${i.label}: ${i.message}`) ?? [];
    // A validation summary lists raw field names; the labelled issues say it in words a person knows.
    const summary = appError?.code === 'validation' && issues.length ? '' : (appError?.messageIn(l) ?? '');
    const message = [summary, ...issues].filter(Boolean).join(' — ');
    return c.html(<ErrorPage locale={l} title={title} message={message} currentUrl={c.req.url} />, status as 400);
  });

  return Object.assign(app, {
    /** Readiness goes false at the start of a graceful shutdown so a load balancer stops sending. */
    markShuttingDown() {
      isReady = false;
    },
  });
}

function tileOrigins(template: string): string[] {
  try {
    const url = new URL(template.replace(/\{[a-z]\}/g, 'a'));
    return [url.origin.replace(/\/\/a\./, '//*.')];
  } catch {
    return [];
  }
}

export type App = ReturnType<typeof createApp>;
