import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { AppError } from '../../shared/errors.js';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { asFormError, idParam, readForm, type FormError } from '../../shared/http/forms.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import { parseOrThrow } from '../../shared/http/validate.js';
import { errorMessages } from '../../shared/i18n/error.messages.js';
import { format } from '../../shared/i18n/i18n.js';
import { spendAccess } from './spend.access.js';
import { exportRows, exportTables, toCsv, toXlsx, type ExportTable } from './spend.export.js';
import { msg } from './spend.messages.js';
import { confirmSchema, exportQuerySchema, fieldLabels, importSchema, mappingSchema, publishSchema, resultQuerySchema, shareSchema } from './spend.schemas.js';
import * as service from './spend.service.js';
import { BuyerPage, PublishedListPage, ResultsPage, SharingPage, SpendIndexPage, SuppliersPage, UploadPage } from './spend.views.js';

type C = Context<AppEnv>;

/** Ledger uploads: several files of up to a few hundred MB in one form post (larger ones: the CLI). */
export const spendBodyLimits: BodyLimitRule[] = [{ path: '/spend/:orgId/uploads', maxBytes: 512 * 1024 * 1024 }];

const base = (c: C) => ({ locale: c.var.locale, currentUrl: c.req.url, csrf: c.var.csrfToken ?? '' });
const queryString = (c: C) => {
  const u = new URL(c.req.url);
  u.searchParams.delete('format');
  return u.searchParams.toString();
};

/** Local spend: /spend (buyers), /spend/:orgId (uploads), preview and mapping, results, exports, suppliers, sharing; /spend/public. */
export function spendRoutes(deps: AppDeps) {
  const { db, env } = deps;
  const dataDir = env.LOKALKRAFT_DATA_DIR;
  const app = new Hono<AppEnv>();

  // Who may use a route, before anything is read: the ledger's readers, or its uploaders.
  const reader = async (c: C, next: () => Promise<void>) => {
    await service.requireLedgerRead(db, c.var.user, idParam(c, 'orgId'));
    await next();
  };
  const uploader = spendAccess.middleware('spend.ledger.upload', (c) => idParam(c, 'orgId'));
  const admin = spendAccess.middleware('spend.sharing.manage', (c) => idParam(c, 'orgId'));
  const publisher = spendAccess.middleware('spend.publication.manage', (c) => idParam(c, 'orgId'));

  // ---- public ---------------------------------------------------------------------------
  app.get('/public', async (c) => c.html(<PublishedListPage {...base(c)} rows={await service.listPublished(db)} />));
  app.get('/public/:orgId', async (c) => {
    const r = await service.getPublished(db, dataDir, idParam(c, 'orgId'), c.var.locale);
    return c.html(<ResultsPage {...base(c)} r={r} publicView query={`lang=${c.var.locale}`} canEditShares={false} />);
  });

  // ---- buyers and uploads ---------------------------------------------------------------
  app.get(
    '/',
    spendAccess.middleware('spend.overview.list', () => undefined),
    async (c) => c.html(<SpendIndexPage {...base(c)} buyers={await service.listBuyersFor(db, c.var.user)} />),
  );

  const renderBuyer = async (c: C, error?: FormError) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.buyerOf(db, orgId);
    const uploads = await service.listUploads(db, c.var.user, orgId);
    const counts = await service.supplierCounts(db, orgId);
    const canUpload = spendAccess.can(c.var.user, 'spend.ledger.upload', orgId);
    return c.html(
      <BuyerPage
        {...base(c)}
        buyer={{ id: org.id, name: org.name, country: org.country, own: canUpload }}
        canUpload={canUpload}
        canShare={spendAccess.can(c.var.user, 'spend.sharing.manage', orgId)}
        uploads={uploads}
        toConfirm={counts.suggested?.n ?? 0}
        error={error}
        notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/:orgId', reader, (c) => renderBuyer(c));

  app.post('/:orgId/uploads', uploader, async (c) => {
    const orgId = idParam(c, 'orgId');
    const incoming = join(dataDir, 'spend', 'incoming', `${Date.now()}-${Math.random().toString(36).slice(2)}`);
    try {
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody({ all: true });
      } catch {
        throw new AppError('bad_request', errorMessages.invalidInput);
      }
      const raw = body.files;
      const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
        (f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0,
      );
      await mkdir(incoming, { recursive: true });
      const files: service.IncomingFile[] = [];
      for (const [i, f] of list.entries()) {
        const path = join(incoming, String(i));
        await writeFile(path, new Uint8Array(await f.arrayBuffer()));
        files.push({ name: f.name || `file-${i + 1}`, path });
      }
      const uploadId = await service.createUpload(db, dataDir, c.var.user, orgId, files);
      return c.redirect(`/spend/${orgId}/uploads/${uploadId}?lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderBuyer(c, fe);
    } finally {
      await rm(incoming, { recursive: true, force: true });
    }
  });

  const renderUpload = async (c: C, error?: FormError) => {
    const orgId = idParam(c, 'orgId');
    const upload = await service.getUpload(db, c.var.user, orgId, idParam(c, 'uploadId'));
    const org = await service.buyerOf(db, orgId);
    const canUpload = spendAccess.can(c.var.user, 'spend.ledger.upload', orgId);
    return c.html(
      <UploadPage
        {...base(c)}
        buyer={{ id: org.id, name: org.name, country: org.country, own: canUpload }}
        upload={upload}
        canUpload={canUpload}
        error={error}
        notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/:orgId/uploads/:uploadId', reader, (c) => renderUpload(c));
  // Progress as JSON (the CLI prints it; a page could poll it).
  app.get('/:orgId/uploads/:uploadId/status', reader, async (c) => {
    const u = await service.getUpload(db, c.var.user, idParam(c, 'orgId'), idParam(c, 'uploadId'));
    return c.json({
      status: u.status,
      progress: u.progress,
      files: u.files.map((f) => ({ name: f.name, status: f.status, lines: f.lines, skipped: f.skipped })),
    });
  });

  app.post('/:orgId/uploads/:uploadId/files/:fileId/mapping', uploader, async (c) => {
    const orgId = idParam(c, 'orgId');
    const uploadId = idParam(c, 'uploadId');
    try {
      const input = parseOrThrow(mappingSchema, await readForm(c), { labels: fieldLabels });
      await service.saveMapping(db, c.var.user, orgId, uploadId, idParam(c, 'fileId'), input);
      return c.redirect(`/spend/${orgId}/uploads/${uploadId}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderUpload(c, fe);
    }
  });

  app.post('/:orgId/uploads/:uploadId/import', uploader, async (c) => {
    const orgId = idParam(c, 'orgId');
    const uploadId = idParam(c, 'uploadId');
    try {
      const { mode } = parseOrThrow(importSchema, await readForm(c), { labels: fieldLabels });
      await service.importUpload(db, dataDir, c.var.user, orgId, uploadId, { skipBad: mode === 'without-bad', background: true });
      return c.redirect(`/spend/${orgId}/uploads/${uploadId}?lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderUpload(c, fe);
    }
  });

  app.post('/:orgId/uploads/:uploadId/discard', uploader, async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      await service.discardUpload(db, dataDir, c.var.user, orgId, idParam(c, 'uploadId'));
      return c.redirect(`/spend/${orgId}?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderUpload(c, fe);
    }
  });

  // ---- suppliers ------------------------------------------------------------------------
  const renderSuppliers = async (c: C, error?: FormError) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.buyerOf(db, orgId);
    const rows = await service.listSuppliersToConfirm(db, c.var.user, orgId);
    const canConfirm = spendAccess.can(c.var.user, 'spend.supplier.confirm', orgId);
    return c.html(
      <SuppliersPage
        {...base(c)}
        buyer={{ id: org.id, name: org.name, country: org.country, own: canConfirm }}
        rows={rows}
        canConfirm={canConfirm}
        error={error}
        notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/:orgId/suppliers', reader, (c) => renderSuppliers(c));
  app.post(
    '/:orgId/suppliers/confirm',
    spendAccess.middleware('spend.supplier.confirm', (c) => idParam(c, 'orgId')),
    async (c) => {
      const orgId = idParam(c, 'orgId');
      try {
        const input = parseOrThrow(confirmSchema, await readForm(c), { labels: fieldLabels });
        await service.confirmSupplier(db, dataDir, c.var.user, orgId, input.key, input.firmId === 'none' ? null : Number(input.firmId));
        return c.redirect(`/spend/${orgId}/suppliers?saved=1&lang=${c.var.locale}`, 303);
      } catch (err) {
        const fe = asFormError(err, c.var.locale);
        if (!fe) throw err;
        return renderSuppliers(c, fe);
      }
    },
  );

  // ---- results, report, exports -----------------------------------------------------------
  const results = async (c: C, printable: boolean) => {
    const orgId = idParam(c, 'orgId');
    const q = parseOrThrow(resultQuerySchema, c.req.query(), { labels: fieldLabels });
    const r = await service.getResults(db, dataDir, c.var.user, orgId, q, c.var.locale);
    return c.html(
      <ResultsPage
        {...base(c)}
        r={r}
        printable={printable}
        query={queryString(c)}
        canEditShares={r.canUpload}
        notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined}
      />,
    );
  };
  app.get('/:orgId/results', reader, (c) => results(c, false));
  app.get('/:orgId/report', reader, (c) => results(c, true));
  app.get('/:orgId/export/:table', reader, async (c) => {
    const orgId = idParam(c, 'orgId');
    const table = c.req.param('table') as ExportTable;
    if (!(exportTables as readonly string[]).includes(table)) throw new AppError('not_found', errorMessages.notFound);
    const q = parseOrThrow(exportQuerySchema, c.req.query(), { labels: fieldLabels });
    const r = await service.getResults(db, dataDir, c.var.user, orgId, q, c.var.locale);
    const rows = exportRows(r, table, c.var.locale);
    const name = `spend-${orgId}-${table}-${r.period.from}-${r.period.to}`;
    if (q.format === 'csv') {
      return c.body(toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` });
    }
    return c.body((await toXlsx(rows, table)) as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
    });
  });
  app.post('/:orgId/lm3', uploader, async (c) => {
    const orgId = idParam(c, 'orgId');
    const form = await readForm(c);
    const shares: Record<string, number> = {};
    const issues = [];
    for (const [k, v] of Object.entries(form)) {
      const m = /^share_([A-U])$/.exec(k);
      if (!m) continue;
      if (!/^\d{1,3}$/.test(v.trim()) || Number(v) > 100) issues.push({ field: k, label: msg.respendShare, message: msg.respendShare });
      else shares[m[1]!] = Number(v) / 100;
    }
    if (issues.length) throw new AppError('validation', msg.respendShare, issues);
    await service.saveRespendShares(db, c.var.user, orgId, shares);
    return c.redirect(`/spend/${orgId}/results?saved=1&lang=${c.var.locale}#h-lm3`, 303);
  });

  // ---- sharing and publishing -------------------------------------------------------------
  const renderSharing = async (c: C, error?: FormError) => {
    const orgId = idParam(c, 'orgId');
    const org = await service.buyerOf(db, orgId);
    const shares = await service.listShares(db, c.var.user, orgId);
    const settings = await service.getSettings(db, orgId);
    const thisYear = new Date().getUTCFullYear();
    return c.html(
      <SharingPage
        {...base(c)}
        buyer={{ id: org.id, name: org.name, country: org.country, own: true }}
        sharedWith={shares.sharedWith}
        candidates={shares.candidates}
        publishedYear={settings?.published_at ? settings.published_year : null}
        years={Array.from({ length: 8 }, (_, i) => thisYear - i)}
        error={error}
        notice={c.req.query('saved') ? msg.saved[c.var.locale] : undefined}
      />,
      (error?.status ?? 200) as 200,
    );
  };
  app.get('/:orgId/sharing', admin, (c) => renderSharing(c));
  app.post('/:orgId/sharing', admin, async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const input = parseOrThrow(shareSchema, await readForm(c), { labels: fieldLabels });
      await service.share(db, c.var.user, orgId, input.organisationId, input.on === '1');
      return c.redirect(`/spend/${orgId}/sharing?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderSharing(c, fe);
    }
  });
  app.post('/:orgId/publish', publisher, async (c) => {
    const orgId = idParam(c, 'orgId');
    try {
      const input = parseOrThrow(publishSchema, await readForm(c), { labels: fieldLabels });
      await service.publish(db, c.var.user, orgId, input.year);
      return c.redirect(`/spend/${orgId}/sharing?saved=1&lang=${c.var.locale}`, 303);
    } catch (err) {
      const fe = asFormError(err, c.var.locale);
      if (!fe) throw err;
      return renderSharing(c, fe);
    }
  });

  void format;
  return app;
}
