import { Worker } from 'node:worker_threads';
import type { SerializedError, WorkerOptions, WorkerRequest, WorkerResponse } from './pglite-worker.js';

/** What the Kysely dialect needs of PGlite: run one text (params null = simple protocol, several statements). */
export interface PGliteRunner {
  run(sql: string, params: unknown[] | null): Promise<{ rows: unknown[]; affectedRows: number | undefined }>;
}

/** An error from the embedded database, with PostgreSQL's fields (code, detail, constraint, …) kept. */
export class EmbeddedDatabaseError extends Error {
  [field: string]: unknown;
  constructor(serialized: SerializedError) {
    super(serialized.message);
    Object.assign(this, serialized.fields);
    this.name = serialized.name === 'Error' ? 'EmbeddedDatabaseError' : serialized.name;
  }
}

interface Pending {
  resolve: (value: { rows: unknown[]; affectedRows: number | undefined }) => void;
  reject: (err: Error) => void;
}

/**
 * PGlite in a worker thread (pglite-worker.ts). Queries travel as messages; results come back by
 * structured clone (Dates, Uint8Arrays, bigints and JSON values survive it). The worker holds the
 * process open only while a query is in flight, like a socket would.
 */
export class PGliteThread implements PGliteRunner {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerResponse) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in message) waiting.reject(new EmbeddedDatabaseError(message.error));
      else if ('rows' in message) waiting.resolve({ rows: message.rows, affectedRows: message.affectedRows });
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const waiting of this.pending.values()) waiting.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new Error(`the embedded database stopped: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`the embedded database thread has ended (exit code ${code})`)));
  }

  /** Starts the thread and opens (or creates) the data directory; rejects if PGlite cannot open it. */
  static start(options: WorkerOptions): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: options });
    return new Promise((resolve, reject) => {
      const onMessage = (message: WorkerResponse) => {
        if (message.id !== 0) return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if ('startError' in message) {
          void worker.terminate();
          reject(new EmbeddedDatabaseError(message.startError));
        } else {
          const thread = new PGliteThread(worker);
          worker.unref();
          resolve(thread);
        }
      };
      const onExit = (code: number) => reject(new Error(`the embedded database thread ended while opening ${options.dataDir} (exit code ${code})`));
      worker.on('message', onMessage);
      worker.once('error', (err) => reject(err));
      worker.on('exit', onExit);
    });
  }

  run(sql: string, params: unknown[] | null) {
    return this.send({ id: this.nextId++, sql, params });
  }

  /** Closes PGlite (it writes its last pages) and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) {
      await this.send({ id: this.nextId++, close: true }).catch(() => undefined);
    }
    await this.worker.terminate();
  }

  private send(request: WorkerRequest): Promise<{ rows: unknown[]; affectedRows: number | undefined }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}
