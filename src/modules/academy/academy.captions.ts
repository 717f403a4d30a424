import { AppError, type FieldIssue } from '../../shared/errors.js';
import { msg } from './academy.messages.js';

export interface Cue {
  start: number;
  end: number;
  text: string;
}

const timestamp = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const toSeconds = (t: string): number | undefined => {
  const m = timestamp.exec(t);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
};

/**
 * Parses WebVTT captions (W3C WebVTT: header, optional NOTE/STYLE/REGION blocks, cues with
 * "start --> end" timings). A problem names its line; a file without any cue is refused, as is a
 * cue that ends before it starts or past the video's end.
 */
export function parseWebVtt(text: string, options: { durationSeconds?: number; field?: string } = {}): Cue[] {
  const field = options.field ?? 'captions';
  const issues: FieldIssue[] = [];
  const problem = (line: number, message: (typeof msg)[keyof typeof msg], values?: Record<string, string | number>) =>
    issues.length < 20 && issues.push({ field, label: msg.captions, message, line, values });
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) problem(1, msg.vttNoHeader);
  const cues: Cue[] = [];
  let i = 1;
  // Header lines run to the first blank line.
  while (i < lines.length && lines[i].trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block[0])) continue;
    // An optional cue identifier precedes the timing line.
    const timingAt = block[0].includes('-->') ? 0 : 1;
    const timing = block[timingAt];
    const lineNo = blockStart + timingAt + 1;
    if (!timing?.includes('-->')) {
      problem(lineNo, msg.vttNoTiming);
      continue;
    }
    const [rawStart, rest] = timing.split('-->');
    const start = toSeconds(rawStart.trim());
    const end = toSeconds((rest ?? '').trim().split(/\s+/)[0] ?? '');
    if (start === undefined || end === undefined) {
      problem(lineNo, msg.vttBadTime);
      continue;
    }
    if (end <= start) problem(lineNo, msg.vttEndsBeforeStart);
    else if (options.durationSeconds !== undefined && start >= options.durationSeconds + 1)
      problem(lineNo, msg.vttPastEnd, { seconds: options.durationSeconds });
    cues.push({ start, end, text: block.slice(timingAt + 1).join('\n') });
  }
  if (!issues.length && cues.length === 0) problem(1, msg.vttNoCues);
  if (issues.length) throw new AppError('validation', msg.vttHasProblems, issues);
  return cues;
}
