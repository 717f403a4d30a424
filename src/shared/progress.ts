import cliProgress from 'cli-progress';

export interface Progress {
  /** Advance to `done` items (absolute). */
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export interface ProgressOptions {
  /**
   * `done`/`total` count bytes of a file while the work counts records (pass them as
   * `extra.records`): percentage and ETA follow the bytes, the rate shows records/s.
   */
  bytes?: boolean;
}

/**
 * A progress bar with rate and ETA on a terminal; plain lines (at most every 2 s) when
 * output is not a TTY or CI=true, so CI logs stay readable.
 */
export function createProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr, options: ProgressOptions = {}): Progress {
  const started = performance.now();
  const isTty = Boolean(stream.isTTY) && process.env.CI !== 'true';
  const rateOf = (done: number, extra?: Record<string, string | number>) => {
    const secs = (performance.now() - started) / 1000;
    const count = options.bytes ? Number(extra?.records ?? 0) : done;
    return Math.round(count / Math.max(secs, 0.001));
  };
  if (isTty) {
    const format = options.bytes
      ? `${label} [{bar}] {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted}`
      : `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`;
    const bar = new cliProgress.SingleBar({ format, stream, hideCursor: true, etaBuffer: 50 }, cliProgress.Presets.shades_classic);
    bar.start(total ?? 0, 0, { rate: 0, records: 0 });
    return {
      update(done, extra) {
        if (total === undefined) bar.setTotal(done);
        bar.update(done, { rate: rateOf(done, extra), ...extra });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrint = 0;
  let last = 0;
  let lastExtra: Record<string, string | number> | undefined;
  const print = (done: number, final = false) => {
    const secs = (performance.now() - started) / 1000;
    const rate = rateOf(done, lastExtra);
    const byRate = options.bytes ? Math.round(done / Math.max(secs, 0.001)) : rate;
    const eta = total && byRate > 0 ? ` eta ${Math.max(0, Math.round((total - done) / byRate))}s` : '';
    const tail = `(${rate}/s${final ? `, ${secs.toFixed(1)}s` : eta})`;
    if (options.bytes) {
      const pct = total ? ` ${Math.min(100, Math.round((done / total) * 100))}%` : '';
      stream.write(`${label}: ${lastExtra?.records ?? 0} records${pct} ${tail}\n`);
    } else stream.write(`${label}: ${done}${total ? `/${total}` : ''} ${tail}\n`);
  };
  return {
    update(done, extra) {
      last = done;
      lastExtra = extra;
      const now = performance.now();
      if (now - lastPrint >= 2000) {
        lastPrint = now;
        print(done);
      }
    },
    stop: () => print(last, true),
  };
}
