import { z } from 'zod';
import type { ProblemJobRow, QueueCountRow } from './jobs.repository.js';

export const retryJobSchema = z.object({
  queue: z.string().trim().min(1).max(200),
  id: z.uuid(),
});

export interface QueueSummaryDto {
  queue: string;
  waiting: number;
  retrying: number;
  running: number;
  done: number;
  dead: number;
}

export interface ProblemJobDto {
  id: string;
  queue: string;
  state: 'retry' | 'failed';
  /** Attempts made so far (a dead job: all of them). */
  attempts: number;
  maxAttempts: number;
  nextTryAt: string | null;
  lastError: string;
}

export function toQueueSummaries(rows: QueueCountRow[]): QueueSummaryDto[] {
  const byQueue = new Map<string, QueueSummaryDto>();
  for (const r of rows) {
    const q = byQueue.get(r.queue) ?? { queue: r.queue, waiting: 0, retrying: 0, running: 0, done: 0, dead: 0 };
    byQueue.set(r.queue, q);
    if (r.state === 'created') q.waiting += r.count;
    else if (r.state === 'retry') q.retrying += r.count;
    else if (r.state === 'active') q.running += r.count;
    else if (r.state === 'completed') q.done += r.count;
    else if (r.state === 'failed') q.dead += r.count;
  }
  return [...byQueue.values()];
}

export function toProblemJobDto(row: ProblemJobRow): ProblemJobDto {
  const message = row.output && typeof row.output.message === 'string' ? row.output.message : '';
  return {
    id: row.id,
    queue: row.queue,
    state: row.state,
    attempts: row.state === 'failed' ? row.retry_count + 1 : row.retry_count,
    maxAttempts: row.retry_limit + 1,
    nextTryAt: row.state === 'retry' ? new Date(row.start_after).toISOString() : null,
    lastError: message.slice(0, 500),
  };
}
