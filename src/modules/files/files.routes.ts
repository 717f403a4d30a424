import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../shared/http/context.js';
import { fileStoreFor } from '../../shared/files/file-store.js';
import { fileUses } from '../../shared/files/file-uses.js';
import type { BodyLimitRule } from '../../shared/http/input-guard.js';
import { attachFile, openFileFor } from '../../shared/files/files.service.js';
import { serveFile } from '../../shared/files/serve-file.js';

/**
 * The upload route streams into the store, which holds each owner's own limit as it counts
 * (413 at the first byte past it); the outer cap is the largest built-in use.
 */
export const filesBodyLimits: BodyLimitRule[] = [
  { path: '/api/v1/files/:owner/:ownerId', maxBytes: Math.max(...Object.values(fileUses).map((u) => u.maxBytes)) },
];

const declaredLength = (header: string | undefined): number | undefined => (header && /^\d{1,15}$/.test(header) ? Number(header) : undefined);

/**
 * GET /files/:fileId — any stored file, to whoever its owner module lets read it (range requests,
 * ETag/304). POST /api/v1/files/:owner/:ownerId?name=… — the raw bytes of one file as the request
 * body (what a page's few lines of script send with fetch), streamed into the store; 201 with
 * the file's metadata. Page forms of a module may instead call `storeFile` with a form's File
 * (the CSRF check parses page forms, so they are capped at 25 MB; large files come through here).
 */
export function filesRoutes(deps: AppDeps) {
  const { db } = deps;
  const store = fileStoreFor(deps.env);
  const app = new Hono<AppEnv>();

  app.get('/files/:fileId', async (c) => {
    const { file, isPublic } = await openFileFor(db, c.var.user, c.req.param('fileId'));
    return serveFile(c, store, file, { cache: isPublic ? 'public' : 'private', logger: deps.logger.child({ reqId: c.var.requestId }) });
  });

  app.post('/api/v1/files/:owner/:ownerId', async (c) => {
    const body = c.req.raw.body ?? new Blob([]);
    const file = await attachFile(db, store, c.var.user, {
      owner: c.req.param('owner'),
      ownerId: c.req.param('ownerId'),
      name: c.req.query('name') ?? '',
      body,
      declaredSize: declaredLength(c.req.header('content-length')),
      field: 'file',
    });
    return c.json({ file }, 201, { Location: `/files/${file.id}` });
  });

  return app;
}
