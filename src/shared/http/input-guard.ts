import type { Context, MiddlewareHandler } from 'hono';
import { AppError, type FieldIssue } from '../errors.js';
import { errorMessages as m } from '../i18n/error.messages.js';
import { hasControlCharacters } from '../forms.js';
import type { AppEnv } from './context.js';

/** Forms and JSON: no page form or API call of ours needs more. Uploads declare their own limit. */
export const defaultBodyBytes = 64 * 1024;

export interface BodyLimitRule {
  /** A route pattern as Hono spells it (`/firms/:firmId/manage/images`). */
  path: string;
  maxBytes: number;
}

const patternOf = (path: string) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`);

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * One body limit for every request, chosen by path: the upload routes' own limit, else the
 * default. Runs before anything reads a body (the CSRF check parses forms), counts streamed
 * bytes when there is no Content-Length (chunked), and answers 413 in the reader's language.
 */
export function limitBodies(rules: BodyLimitRule[], defaultBytes = defaultBodyBytes): MiddlewareHandler<AppEnv> {
  const compiled = rules.map((r) => ({ pattern: patternOf(r.path), maxBytes: r.maxBytes }));
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const maxBytes = compiled.find((r) => r.pattern.test(c.req.path))?.maxBytes ?? defaultBytes;
    const tooLarge = () => new AppError('payload_too_large', m.bodyTooLarge, [], { limit: sizeText(maxBytes) });
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      if (Number(declared) > maxBytes) throw tooLarge();
      return next();
    }
    // No length given (chunked): count the bytes as the route reads them. A pull-through
    // stream keeps backpressure, so an upload route still streams (hono's bodyLimit reads the
    // whole body ahead into memory) and a reader stops at the first byte past the limit.
    let size = 0;
    const counted = raw.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxBytes) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    // However the route met the cut-off stream (a parse error, a 500), the answer is 413.
    if (size > maxBytes) throw tooLarge();
  };
}

const isForm = (type: string) => type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');

function collectJson(value: unknown, path: string, out: [string, string][], depth = 0): void {
  if (depth > 32) return;
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => collectJson(v, `${path}.${i}`, out, depth + 1));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      out.push([p, k]);
      collectJson(v, p, out, depth + 1);
    }
}

/** Every text value a request carries (query, form fields, JSON strings), with the field it came in. */
async function submittedTexts(c: Context): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const [k, values] of Object.entries(c.req.queries())) {
    out.push([k, k]);
    for (const v of values) out.push([k, v]);
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !c.req.raw.body) return out;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!isForm(type) && !type.startsWith('application/json')) return out;
  // Read once (Hono caches it for the route) and give the request a fresh body, so later
  // readers of the raw stream (another body limit) still find one.
  const bytes = await c.req.arrayBuffer();
  c.req.raw = new Request(c.req.raw, { body: bytes });
  if (isForm(type)) {
    // A body that does not parse as the form it claims to be (multipart without its boundary, cut
    // off, …) is the sender's 400 here, before any route or the CSRF check tries to read it.
    const form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData().catch(() => undefined);
    if (!form) throw new AppError('bad_request', m.unreadableForm);
    for (const [k, v] of form.entries()) {
      out.push([k, k]);
      if (typeof v === 'string') out.push([k, v]);
    }
  } else {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return out;
    }
    collectJson(json, '', out);
  }
  return out;
}

/**
 * Refuses NUL and other control characters (tab and line breaks are text) in any query
 * parameter, form field or JSON string, before a route or the database sees them: PostgreSQL
 * cannot store NUL in text and a control character in a name or address is never meant.
 * The 400 names the field. Schemas check the same with `plainText` (shared/forms.ts); this
 * is the net under the routes whose schemas do not (yet).
 */
export const refuseControlCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  const issues: FieldIssue[] = [];
  for (const [field, text] of await submittedTexts(c)) {
    if (hasControlCharacters(text) && !issues.some((i) => i.field === field)) issues.push({ field: field || '(root)', message: m.controlCharacters });
  }
  if (issues.length) throw new AppError('validation', m.invalidInput, issues, { fields: issues.map((i) => i.field).join(', ') });
  await next();
};
