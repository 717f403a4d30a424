/**
 * The embedded database's own thread. PGlite (PostgreSQL compiled to WASM) runs a query to its end
 * on the thread that called it; here that thread is this worker, so a long query (an import batch,
 * an analysis) no longer stops the server's event loop from answering other requests.
 *
 * Protocol (see pglite-thread.ts): the parent sends `{ id, sql, params }` (params null = simple
 * protocol, several statements allowed) or `{ id, close: true }`; the worker answers
 * `{ id, rows, affectedRows }` or `{ id, error }`. Requests are run one after another in arrival
 * order; the parent's Kysely driver already hands the single connection to one holder at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export interface WorkerOptions {
  dataDir: string;
  sharedBuffers?: string;
}

export type WorkerRequest = { id: number; sql: string; params: unknown[] | null } | { id: number; close: true };
export type WorkerResponse =
  | { id: number; rows: unknown[]; affectedRows: number | undefined }
  | { id: number; error: SerializedError }
  | { id: 0; ready: true }
  | { id: 0; startError: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  /** PostgreSQL's fields (code, detail, constraint, …) as PGlite gives them. */
  fields: Record<string, unknown>;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v;
  return { name: err.name, message: err.message, fields };
}

async function main() {
  const port = parentPort!;
  const options = workerData as WorkerOptions;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      extensions: { pg_trgm, unaccent },
      ...(options.sharedBuffers ? { postgresqlconf: [`shared_buffers = ${options.sharedBuffers}`] } : {}),
    });
  } catch (err) {
    port.postMessage({ id: 0, startError: serializeError(err) } satisfies WorkerResponse);
    return;
  }
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    chain = chain.then(async () => {
      if ('close' in request) {
        await pglite.close();
        port.postMessage({ id: request.id, rows: [], affectedRows: undefined } satisfies WorkerResponse);
        port.close();
        return;
      }
      try {
        const result =
          request.params === null
            ? ((await pglite.exec(request.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
            : await pglite.query(request.sql, request.params);
        port.postMessage({ id: request.id, rows: result.rows, affectedRows: result.affectedRows } satisfies WorkerResponse);
      } catch (err) {
        port.postMessage({ id: request.id, error: serializeError(err) } satisfies WorkerResponse);
      }
    });
  });
  port.postMessage({ id: 0, ready: true } satisfies WorkerResponse);
}

void main();
