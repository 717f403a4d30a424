import { errorMessages as m } from '../i18n/error.messages.js';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../errors.js';

export const maxUploadBytes = 5 * 1024 * 1024;

export type ImageKind = 'png' | 'jpeg' | 'webp';

/**
 * What the bytes are, from their first bytes — never from the file name or the declared
 * type, which an uploader controls. Anything else (HTML, SVG, GIF, PDF …) is refused.
 */
export function sniffImageKind(bytes: Uint8Array): ImageKind | undefined {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a)
    return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && String.fromCharCode(b[0], b[1], b[2], b[3]) === 'RIFF' && String.fromCharCode(b[8], b[9], b[10], b[11]) === 'WEBP') return 'webp';
  return undefined;
}

export interface ProcessedImage {
  contentType: 'image/webp';
  data: Uint8Array;
  width: number;
  height: number;
  thumb: { data: Uint8Array; width: number; height: number };
  sha256: string;
}

export interface ProcessOptions {
  maxBytes?: number;
  maxSide?: number;
  thumbSide?: number;
}

/**
 * Checks and re-encodes an uploaded image: type by magic bytes (415 otherwise), size limit
 * (413), decoded by libvips (a truncated or forged body → 415), turned upright by its EXIF
 * orientation, scaled to fit `maxSide`, and written anew as WebP — which drops every piece of
 * metadata (EXIF with GPS position, XMP, ICC comments). A thumbnail is made beside it.
 */
export async function processImage(bytes: Uint8Array, options: ProcessOptions = {}): Promise<ProcessedImage> {
  const maxBytes = options.maxBytes ?? maxUploadBytes;
  if (bytes.byteLength === 0) throw new AppError('validation', m.imageEmpty, [{ field: 'image', label: m.imageLabel, message: m.imageEmpty }]);
  if (bytes.byteLength > maxBytes)
    throw new AppError(
      'payload_too_large',
      m.imageTooLarge,
      [{ field: 'image', label: m.imageLabel, message: m.imageTooLarge, values: { max: Math.round(maxBytes / 1024 / 1024) } }],
      { max: Math.round(maxBytes / 1024 / 1024) },
    );
  const kind = sniffImageKind(bytes);
  if (!kind) throw new AppError('unsupported_media_type', m.imageTypeRefused, [{ field: 'image', label: m.imageLabel, message: m.imageTypeRefused }]);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    // limitInputPixels guards against decompression bombs (a tiny file that decodes to gigapixels).
    const source = sharp(input, { limitInputPixels: 50_000_000, failOn: 'error' });
    const meta = await source.metadata();
    if (meta.format !== kind) throw new Error(`declared by bytes as ${kind}, decoded as ${meta.format}`);
    const maxSide = options.maxSide ?? 1600;
    const thumbSide = options.thumbSide ?? 400;
    const full = await sharp(input, { limitInputPixels: 50_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full.data)
      .resize({ width: thumbSide, height: thumbSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    return {
      contentType: 'image/webp',
      data: new Uint8Array(full.data),
      width: full.info.width,
      height: full.info.height,
      thumb: { data: new Uint8Array(thumb.data), width: thumb.info.width, height: thumb.info.height },
      sha256: createHash('sha256').update(full.data).digest('hex'),
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('unsupported_media_type', m.imageUnreadable, [{ field: 'image', label: m.imageLabel, message: m.imageUnreadable }]);
  }
}
