import { fileTypeFromBuffer } from 'file-type';

/**
 * What a stored file may be, per use. The type is decided from the bytes (magic numbers, read by
 * `file-type`; WebVTT by its header, as it is text) — never from the name or the declared
 * Content-Type, which the uploader controls. Modules pick a use or define their own.
 */
export interface FileUse {
  /** Content types accepted (as detected from the bytes). */
  accepts: readonly string[];
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

const MiB = 1024 * 1024;

export const mime = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  webm: 'video/webm',
  vtt: 'text/vtt',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;

/** What people call each type, for "Allowed: …" messages. */
const shortName: Record<string, string> = {
  [mime.png]: 'PNG',
  [mime.jpeg]: 'JPEG',
  [mime.webp]: 'WebP',
  [mime.pdf]: 'PDF',
  [mime.mp4]: 'MP4',
  [mime.webm]: 'WebM',
  [mime.vtt]: 'WebVTT',
  [mime.docx]: 'Word (.docx)',
  [mime.xlsx]: 'Excel (.xlsx)',
  [mime.pptx]: 'PowerPoint (.pptx)',
  [mime.odt]: 'OpenDocument text',
  [mime.ods]: 'OpenDocument spreadsheet',
  [mime.odp]: 'OpenDocument presentation',
};

const office = [mime.docx, mime.xlsx, mime.pptx, mime.odt, mime.ods, mime.odp] as const;
const images = [mime.png, mime.jpeg, mime.webp] as const;

export const fileUses = {
  image: { accepts: images, maxBytes: 10 * MiB },
  /** Documents on cases and notices: PDF, office documents, scans as images. */
  document: { accepts: [mime.pdf, ...office, ...images], maxBytes: 25 * MiB },
  video: { accepts: [mime.mp4, mime.webm], maxBytes: 2048 * MiB },
  captions: { accepts: [mime.vtt], maxBytes: 1 * MiB },
} satisfies Record<string, FileUse>;

export const allowedNames = (use: FileUse): string => use.accepts.map((t) => shortName[t] ?? t).join(', ');

/** "25 MB", "2 GB", "512 kB" for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${+(n / 1024 / MiB).toFixed(1)} GB`;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} kB`;
}

/** How many first bytes the detector sees (office documents are recognised by their zip entries). */
export const sniffBytes = 64 * 1024;

/**
 * A WebVTT file starts with an optional BOM, then "WEBVTT" followed by a space, a tab, a line
 * break or the end of the file (W3C WebVTT §4.1).
 */
export function hasWebVttHeader(head: Uint8Array): boolean {
  let b = head;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  const sig = [0x57, 0x45, 0x42, 0x56, 0x54, 0x54]; // WEBVTT
  if (b.length < sig.length || sig.some((c, i) => b[i] !== c)) return false;
  return b.length === sig.length || [0x20, 0x09, 0x0a, 0x0d].includes(b[sig.length]);
}

/** The content type the bytes show (undefined when unknown). Text types are looked for only when the use accepts them. */
export async function detectContentType(head: Uint8Array, use: FileUse): Promise<string | undefined> {
  if (use.accepts.includes(mime.vtt) && hasWebVttHeader(head)) return mime.vtt;
  try {
    return (await fileTypeFromBuffer(head))?.mime;
  } catch {
    // A head cut inside a zip entry can end the detector's read early: the type stays unknown.
    return undefined;
  }
}
