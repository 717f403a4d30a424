import type { Readable } from 'node:stream';

// The contract between the file readers (input.ts) and the source adapters (import.schemas.ts):
// both import it, so neither has to import the other.

/** A register file on disk, plain or gzip (recognised by its magic bytes, not its name). */
export interface InputFile {
  path: string;
  name: string;
  /** Size on disk (compressed size for .gz): the progress total. */
  size: number;
  isGzip: boolean;
  /** Bytes of the file read so far (compressed bytes for .gz). */
  bytesRead(): number;
  /** Opens a fresh decompressed stream; each call starts at the beginning. */
  open(): Readable;
}

export interface RawRecord {
  /** 1-based position of the record in its file. */
  n: number;
  value: unknown;
  /** Physical line in the file (CSV), when it differs from n. */
  line?: number;
}
