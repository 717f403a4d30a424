import cliProgress from 'cli-progress';

export interface Progress {
  /** Advance to `done` items (absolute). */
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on a terminal; plain lines (at most every 2 s) when
 * output is not a TTY or CI=true, so CI logs stay readable.
 */
export function createProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const isTty = Boolean(stream.isTTY) && process.env.CI !== 'true';
  if (isTty) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { rate: 0 });
    return {
      update(done, extra) {
        const secs = (performance.now() - started) / 1000;
        if (total === undefined) bar.setTotal(done);
        bar.update(done, { rate: Math.round(done / Math.max(secs, 0.001)), ...extra });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrint = 0;
  let last = 0;
  const print = (done: number, final = false) => {
    const secs = (performance.now() - started) / 1000;
    const rate = Math.round(done / Math.max(secs, 0.001));
    const eta = total && rate > 0 ? ` eta ${Math.max(0, Math.round((total - done) / rate))}s` : '';
    stream.write(`${label}: ${done}${total ? `/${total}` : ''} (${rate}/s${final ? `, ${secs.toFixed(1)}s` : eta})\n`);
  };
  return {
    update(done) {
      last = done;
      const now = performance.now();
      if (now - lastPrint >= 2000) {
        lastPrint = now;
        print(done);
      }
    },
    stop: () => print(last, true),
  };
}
