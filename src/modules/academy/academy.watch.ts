/**
 * Watch-share arithmetic, kept pure so it is tested alone. The player reports the stretches it
 * actually played ([start, end) in seconds, a seek starts a new stretch); the server merges them
 * into disjoint whole-second intervals and counts distinct seconds. Jumping to the end therefore
 * adds only the seconds played after the jump, and watching a part twice counts it once.
 */
export type Interval = [number, number];

/** Whole seconds covered by a reported stretch, clipped to the video: [floor(start), ceil(end)) ∩ [0, duration). */
export function toSeconds([start, end]: Interval, durationSeconds: number): Interval | undefined {
  const s = Math.max(0, Math.floor(start));
  // A stretch that reaches into a second counts it only when most of it was played.
  const e = Math.min(durationSeconds, Math.round(end));
  return e > s ? [s, e] : undefined;
}

/** Sorted, disjoint, merged (touching intervals join). */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export const distinctSeconds = (merged: Interval[]): number => merged.reduce((n, [s, e]) => n + (e - s), 0);

/** Adds reported stretches to what was watched before; returns the merged set and its distinct seconds. */
export function addWatched(before: Interval[], reported: Interval[], durationSeconds: number): { watched: Interval[]; seconds: number } {
  const clipped = reported.map((r) => toSeconds(r, durationSeconds)).filter((r): r is Interval => r !== undefined);
  const watched = mergeIntervals([...before.map((i): Interval => [i[0], i[1]]), ...clipped]);
  return { watched, seconds: distinctSeconds(watched) };
}

/** Seconds needed to count a video as watched: the share of its length, rounded up, at least one. */
export const secondsNeeded = (durationSeconds: number, sharePercent: number): number => Math.max(1, Math.ceil((durationSeconds * sharePercent) / 100));

export const isWatchedEnough = (seconds: number, durationSeconds: number, sharePercent: number): boolean =>
  seconds >= secondsNeeded(durationSeconds, sharePercent);
