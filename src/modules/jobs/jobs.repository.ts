import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * The only SQL on the job tables (schema pgboss, owned by the job runner; migration 0009).
 * Internal pg-boss queues (__pgboss__…) are left out.
 */
export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface QueueCountRow {
  queue: string;
  state: JobState | null;
  count: number;
}

export async function countJobsByQueueAndState(db: Kysely<DB>): Promise<QueueCountRow[]> {
  const { rows } = await sql<QueueCountRow>`
    select q.name as queue, j.state::text as state, count(j.id)::int as count
    from pgboss.queue q left join pgboss.job j on j.name = q.name
    where q.name not like '\_\_pgboss%'
    group by q.name, j.state
    order by q.name`.execute(db);
  return rows;
}

export interface ProblemJobRow {
  id: string;
  queue: string;
  state: 'retry' | 'failed';
  retry_count: number;
  retry_limit: number;
  start_after: Date;
  created_on: Date;
  output: { message?: unknown } | null;
}

/** Jobs that failed at least once and are not done: retrying (with the next try) or dead. */
export async function listProblemJobs(db: Kysely<DB>, limit: number): Promise<ProblemJobRow[]> {
  const { rows } = await sql<ProblemJobRow>`
    select id::text as id, name as queue, state::text as state, retry_count, retry_limit, start_after, created_on, output
    from pgboss.job
    where state in ('retry', 'failed') and name not like '\_\_pgboss%'
    order by state desc, created_on desc
    limit ${limit}`.execute(db);
  return rows;
}

/** A dead job gets one more attempt, due now. Returns false when no dead job has that id. */
export async function retryDeadJob(db: Kysely<DB>, queue: string, id: string): Promise<boolean> {
  const result = await sql`
    update pgboss.job set state = 'retry', retry_limit = retry_limit + 1, start_after = now(), completed_on = null
    where name = ${queue} and id = ${id}::uuid and state = 'failed'`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}
