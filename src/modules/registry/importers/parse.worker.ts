import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../../../shared/errors.js';
import { produceBatches, ProducerStopped, type ProducerSpec } from './producer.js';

/**
 * Worker thread: runs the producer (read, validate, map) so the main thread only writes.
 * Messages out: batch, progress, rejection, then done or fail. In: ack (one per batch
 * written); the worker stays at most MAX_AHEAD batches ahead of the writer.
 */
const MAX_AHEAD = 2;
const port = parentPort!;
let credits = MAX_AHEAD;
let wake: (() => void) | undefined;
port.on('message', (msg: { type: string }) => {
  if (msg.type === 'ack') {
    credits++;
    wake?.();
    wake = undefined;
  }
});

try {
  const stats = await produceBatches(workerData as ProducerSpec, {
    async batch(batch, s) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      port.postMessage({ type: 'batch', batch, stats: s });
    },
    progress: (s) => port.postMessage({ type: 'progress', stats: s }),
    rejection: (r) => port.postMessage({ type: 'rejection', rejection: r }),
  });
  port.postMessage({ type: 'done', stats });
} catch (err) {
  const cause = err instanceof ProducerStopped ? err.cause : err;
  port.postMessage({
    type: 'fail',
    message: (err as Error).message,
    issues: isAppError(cause) ? cause.issues : [],
    stats: err instanceof ProducerStopped ? err.stats : undefined,
  });
}
port.close();
