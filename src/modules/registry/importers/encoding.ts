import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import chardet from 'chardet';

/**
 * The register files are UTF-8. Anything else is refused, naming what it looks like, instead
 * of being read with U+FFFD in place of every å, ä and ö: byte-order marks and NUL patterns
 * tell UTF-16/32; invalid UTF-8 sequences are handed to chardet (a well-kept detector) for a
 * name such as ISO-8859-1 or windows-1252.
 */

const boms: [Buffer, string][] = [
  [Buffer.from([0xff, 0xfe, 0x00, 0x00]), 'UTF-32LE (byte-order mark)'],
  [Buffer.from([0x00, 0x00, 0xfe, 0xff]), 'UTF-32BE (byte-order mark)'],
  [Buffer.from([0xff, 0xfe]), 'UTF-16LE (byte-order mark)'],
  [Buffer.from([0xfe, 0xff]), 'UTF-16BE (byte-order mark)'],
];

/** What a start of a file that is not UTF-8 is, or undefined when it may be UTF-8. */
export function encodingFromStart(head: Buffer): string | undefined {
  for (const [bom, name] of boms) if (head.subarray(0, bom.length).equals(bom)) return name;
  return encodingFromNuls(head);
}

/** Text in UTF-16 has a NUL beside every ASCII character; text in UTF-8 has none at all. */
function encodingFromNuls(buf: Buffer): string | undefined {
  const first = buf.indexOf(0);
  if (first === -1) return undefined;
  const sample = buf.subarray(0, Math.min(buf.length, 4096));
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
  const half = sample.length / 2;
  if (odd > half * 0.3 && even < odd / 10) return 'UTF-16LE (a NUL byte after each ASCII character)';
  if (even > half * 0.3 && odd < even / 10) return 'UTF-16BE (a NUL byte before each ASCII character)';
  return `binary data (a NUL byte at byte ${first + 1})`;
}

/** Bytes at the end of `buf` that begin a UTF-8 sequence the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** The offset of the first byte that is not valid UTF-8 (the buffer is known to be invalid). */
function firstInvalidByte(buf: Buffer): number {
  let lo = 0;
  let hi = buf.length;
  // the longest valid prefix, by halving (isUtf8 is native and fast)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const cut = mid - incompleteTail(buf.subarray(0, mid));
    if (isUtf8(buf.subarray(0, cut))) lo = mid;
    else hi = mid;
  }
  return lo - incompleteTail(buf.subarray(0, lo));
}

/** A name for bytes that are not UTF-8. */
export function guessEncoding(buf: Buffer): string {
  const found = encodingFromStart(buf) ?? chardet.detect(buf);
  return found && found !== 'UTF-8' ? found : 'an unknown 8-bit encoding';
}

export class NotUtf8Error extends Error {
  constructor(
    readonly encoding: string,
    /** 1-based byte position in the (decompressed) file, 0 when the file as a whole is meant. */
    readonly atByte: number,
  ) {
    super(
      `is not UTF-8 text: it looks like ${encoding}${atByte ? ` (the first byte that is not UTF-8 is byte ${atByte})` : ''} — convert it to UTF-8 (e.g. iconv -f <encoding> -t UTF-8) and import it again`,
    );
  }
}

/** Passes the bytes on unchanged; fails with NotUtf8Error at the first chunk that is not UTF-8. */
export function utf8Guard(): Transform {
  let carry: Buffer | undefined;
  let offset = 0;
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (first) {
        first = false;
        const start = encodingFromStart(chunk);
        if (start) return done(new NotUtf8Error(start, 0));
      }
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const tail = incompleteTail(buf);
      const body = tail ? buf.subarray(0, buf.length - tail) : buf;
      const nul = body.indexOf(0);
      if (nul !== -1) return done(new NotUtf8Error(encodingFromNuls(body.subarray(nul - (nul % 2))) ?? 'binary data', offset + nul + 1));
      if (!isUtf8(body)) return done(new NotUtf8Error(guessEncoding(body), offset + firstInvalidByte(body) + 1));
      offset += body.length;
      carry = tail ? Buffer.from(buf.subarray(buf.length - tail)) : undefined;
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      done(carry ? new NotUtf8Error('a file cut inside a character', offset + 1) : null);
    },
  });
}

/** Checks the start of a file before anything is imported (the guard checks the rest while reading). */
export function checkFileStart(head: Buffer): NotUtf8Error | undefined {
  const start = encodingFromStart(head);
  if (start) return new NotUtf8Error(start, 0);
  const body = head.subarray(0, head.length - incompleteTail(head));
  if (!isUtf8(body)) return new NotUtf8Error(guessEncoding(body), firstInvalidByte(body) + 1);
  return undefined;
}
