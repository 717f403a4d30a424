import { parentPort, workerData } from 'node:worker_threads';

/**
 * The HTTP load of `bench search`, in a worker thread so that the client does not share the
 * server's event loop: `concurrency` connections, each sending its next request when the last one
 * has been answered, until `requests` are sent or `seconds` have passed.
 */
export interface LoadSpec {
  urls: string[];
  concurrency: number;
  requests: number;
  seconds: number;
}
export interface LoadResult {
  samples: number[];
  errors: number;
  seconds: number;
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  const worker = async () => {
    while (next < spec.requests && performance.now() < deadline) {
      const url = spec.urls[next++ % spec.urls.length];
      const t = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      samples.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  return { samples, errors, seconds: (performance.now() - started) / 1000 };
}

if (parentPort && workerData) {
  const port = parentPort;
  runLoad(workerData as LoadSpec).then((result) => port.postMessage(result));
}
