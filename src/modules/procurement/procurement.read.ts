import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { EformsReader } from './procurement.eforms.js';
import { OcdsReader } from './procurement.ocds.js';
import { NoticeFormatError, type ParsedNotice } from './procurement.notice.js';

/** One reader interface for both formats: chunks of text in, finished notices out. */
export interface NoticeReader {
  push(chunk: string): ParsedNotice[];
  end(): ParsedNotice[];
}

/** XML starts with '<' (after a BOM and blanks), JSON with '{' or '['. */
export function readerFor(name: string, firstText: string): NoticeReader {
  const c = firstText.replace(/^\uFEFF/, '').trimStart()[0];
  if (c === '<') return new EformsReader(name);
  if (c === '{' || c === '[') return new OcdsReader(name);
  throw new NoticeFormatError(name, null, '(document)', c === undefined ? 'the file is empty' : 'neither XML (eForms) nor JSON (OCDS)');
}

/** Notices of a byte stream (a file or an HTTP body), in batches as they complete. */
export async function* readNotices(name: string, chunks: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<ParsedNotice[]> {
  const decoder = new StringDecoder('utf8');
  let reader: NoticeReader | null = null;
  let head = '';
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk));
    if (!reader) {
      head += text;
      if (!head.trim() && head.length < 1024) continue;
      reader = readerFor(name, head);
      const out = reader.push(head);
      if (out.length) yield out;
      continue;
    }
    const out = reader.push(text);
    if (out.length) yield out;
  }
  if (!reader) reader = readerFor(name, head);
  const rest = reader.push(decoder.end());
  const last = [...rest, ...reader.end()];
  if (last.length) yield last;
}

export function readNoticeFile(path: string): AsyncGenerator<ParsedNotice[]> {
  return readNotices(basename(path), createReadStream(path, { highWaterMark: 256 * 1024 }));
}
