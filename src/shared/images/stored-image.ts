import type { Context } from 'hono';
import type { ProcessedImage } from './process-image.js';

/**
 * A re-encoded picture as a module's table keeps it (the firm profile's images, the storefront's
 * product pictures): the full image and its thumbnail, both WebP from `processImage`, and the hash.
 * A module's table type extends it with its own columns; the module's repository alone writes it.
 */
export interface StoredImageColumns {
  content_type: string;
  width: number;
  height: number;
  data: Uint8Array;
  thumb_data: Uint8Array;
  thumb_width: number;
  thumb_height: number;
  sha256: string;
}

/** `processImage`'s result as the columns to store. */
export function storedImageColumns(img: ProcessedImage): StoredImageColumns {
  return {
    content_type: img.contentType,
    width: img.width,
    height: img.height,
    data: img.data,
    thumb_data: img.thumb.data,
    thumb_width: img.thumb.width,
    thumb_height: img.thumb.height,
    sha256: img.sha256,
  };
}

/** One variant of a stored picture, ready to serve: its bytes, type and an ETag from its hash. */
export interface ServableImage {
  data: Uint8Array;
  contentType: string;
  etag: string;
}

export function servableImage(row: { data: Uint8Array; content_type: string; sha256: string }, variant: 'full' | 'thumb'): ServableImage {
  return { data: row.data, contentType: row.content_type, etag: `"${row.sha256.slice(0, 32)}-${variant}"` };
}

/**
 * The picture as the response: 304 when the browser has this version, else the bytes, public for
 * `maxAgeSeconds`, never sniffed and with no active content (the bytes are ours, re-encoded, but the
 * URL is public).
 */
export function imageResponse(c: Context, img: ServableImage, maxAgeSeconds: number): Response {
  if (c.req.header('if-none-match') === img.etag) return c.body(null, 304);
  return c.body(img.data as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': img.contentType,
    ETag: img.etag,
    'Cache-Control': `public, max-age=${maxAgeSeconds}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'",
  });
}
