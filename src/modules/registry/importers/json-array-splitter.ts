/**
 * Splits a top-level JSON array, arriving in chunks, into its elements and parses each with
 * JSON.parse. The bulk files of the registers are one huge array of small objects; for them
 * this is 3–4× faster than stream-json's token stream (see docs/adr/0004-import-pipeline.md),
 * which the importers still use for arrays inside an object (PRH /companies pages).
 *
 * The scanner only tracks what it must to find element boundaries (string/escape state,
 * bracket depth, commas); JSON.parse checks the content of every element.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export class JsonSplitError extends Error {
  constructor(
    message: string,
    /** How many elements were complete before the error. */
    readonly elementsBefore: number,
    /** True when the input simply stopped too early (a truncated file). */
    readonly truncated = false,
  ) {
    super(message);
  }
}

/**
 * Stands in for an element bigger than the splitter's limit: its bytes were scanned for the
 * element's end but never kept, so a 50 MB record costs no more memory than a small one.
 */
export class RecordTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`the record is too large (${bytes} bytes, at most ${maxBytes})`);
  }
}

/** Real register records are a few kB (a PRH company with its history ~20 kB); 1 MiB is far beyond any. */
export const MAX_RECORD_BYTES = 1024 * 1024;

type State = 'start' | 'value-or-end' | 'comma-or-end' | 'in-value' | 'done';

export class JsonArraySplitter {
  private state: State = 'start';
  private depth = 0; // nesting inside the current element
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversized = false;
  private count = 0;

  constructor(private readonly maxRecordBytes = MAX_RECORD_BYTES) {}

  /** Feeds a chunk; returns the elements completed in it, in order. */
  push(chunk: Buffer): unknown[] {
    const out: unknown[] = [];
    let i = 0;
    let start = this.state === 'in-value' ? 0 : -1;
    const n = chunk.length;
    while (i < n) {
      if (this.state === 'in-value') {
        // Hot loop: find the end of the current element.
        if (this.inString) {
          if (this.escaped) {
            // the previous chunk ended in a backslash: this byte is escaped
            this.escaped = false;
            i++;
            continue;
          }
          // Jump to the next quote (memchr), then look back for escaping backslashes.
          const q = chunk.indexOf(QUOTE, i);
          if (q === -1) {
            let k = n - 1;
            while (k >= i && chunk[k] === BACKSLASH) k--;
            this.escaped = (n - 1 - k) % 2 === 1;
            i = n;
            continue;
          }
          let k = q - 1;
          while (k >= i && chunk[k] === BACKSLASH) k--;
          i = q + 1;
          if ((q - 1 - k) % 2 === 0) this.inString = false;
          continue;
        }
        const b = chunk[i];
        if (b === QUOTE) this.inString = true;
        else if (b === OPEN_OBJECT || b === OPEN_ARRAY) this.depth++;
        else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
          if (this.depth === 0) {
            // "]" ends a scalar last element and the array
            out.push(this.finish(chunk, start, i));
            this.state = 'done';
            i++;
            continue;
          }
          if (--this.depth === 0) {
            out.push(this.finish(chunk, start, i + 1));
            this.state = 'comma-or-end';
            i++;
            continue;
          }
        } else if (b === COMMA && this.depth === 0) {
          out.push(this.finish(chunk, start, i));
          this.state = 'value-or-end';
          i++;
          continue;
        }
        i++;
        continue;
      }
      const b = chunk[i];
      if (isSpace(b)) {
        i++;
        continue;
      }
      switch (this.state) {
        case 'start':
          // the bytes of a UTF-8 byte-order mark, possibly split over chunks
          if (b === 0xef || b === 0xbb || b === 0xbf) {
            i++;
            break;
          }
          if (b !== OPEN_ARRAY)
            throw new JsonSplitError(
              b === OPEN_OBJECT ? 'the document is an object, not an array' : `it starts with "${String.fromCharCode(b)}", not with the "[" of a JSON array`,
              0,
            );
          this.state = 'value-or-end';
          i++;
          break;
        case 'value-or-end':
          if (b === CLOSE_ARRAY && this.count === 0) {
            this.state = 'done';
            i++;
            break;
          }
          if (b === COMMA || b === CLOSE_ARRAY)
            throw new JsonSplitError(`unexpected "${String.fromCharCode(b)}" where record ${this.count + 1} should begin`, this.count);
          this.state = 'in-value';
          start = i;
          if (b === OPEN_OBJECT || b === OPEN_ARRAY) this.depth = 1;
          else if (b === QUOTE) this.inString = true;
          i++;
          break;
        case 'comma-or-end':
          if (b === COMMA) this.state = 'value-or-end';
          else if (b === CLOSE_ARRAY) this.state = 'done';
          else throw new JsonSplitError(`expected "," or "]" after record ${this.count}, found "${String.fromCharCode(b)}"`, this.count);
          i++;
          break;
        case 'done':
          throw new JsonSplitError(`unexpected "${String.fromCharCode(b)}" after the end of the array`, this.count);
      }
    }
    if (this.state === 'in-value') {
      const part = start <= 0 ? chunk : chunk.subarray(start);
      this.partBytes += part.length;
      // Past the limit the element's bytes are only counted, never kept.
      if (this.partBytes > this.maxRecordBytes) {
        this.oversized = true;
        this.parts = [];
      } else this.parts.push(part);
    }
    return out;
  }

  /** Call at the end of the input: complains when the array is not closed. */
  end(): void {
    if (this.state === 'done') return;
    if (this.state === 'start') throw new JsonSplitError('contains no JSON', 0);
    throw new JsonSplitError(`the file ends inside record ${this.count + 1} (after record ${this.count}) — it is truncated`, this.count, true);
  }

  get elements(): number {
    return this.count;
  }

  private finish(chunk: Buffer, start: number, end: number): unknown {
    const bytes = this.partBytes + (this.partBytes ? end : end - start);
    const oversized = this.oversized || bytes > this.maxRecordBytes;
    this.partBytes = 0;
    this.oversized = false;
    if (oversized) {
      this.parts = [];
      this.depth = 0;
      this.count++;
      return new RecordTooLarge(bytes, this.maxRecordBytes);
    }
    let text: string;
    if (this.parts.length) {
      this.parts.push(chunk.subarray(0, end));
      text = Buffer.concat(this.parts).toString('utf8');
      this.parts = [];
    } else text = chunk.toString('utf8', start, end);
    this.depth = 0;
    this.count++;
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new JsonSplitError(`record ${this.count} is not valid JSON: ${(err as Error).message}`, this.count - 1);
    }
  }
}
