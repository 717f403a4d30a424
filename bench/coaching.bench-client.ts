/**
 * The client of `bench coaching`, in its own process (forked by coaching.bench.ts) so that the
 * requests, their parsing and the timing do not share the server's event loop or heap: it asks
 * each page of the plan one request at a time over HTTP, as a coach's browser does, and sends back
 * the wall time of every request (the first `warmUp` of each page are not counted).
 */
export interface ClientPlan {
  base: string;
  warmUp: number;
  pages: { name: string; requests: { path: string; cookie: string }[] }[];
}
export interface ClientResult {
  name: string;
  samples: number[];
  failures: string[];
}

async function run(plan: ClientPlan): Promise<ClientResult[]> {
  const out: ClientResult[] = [];
  for (const page of plan.pages) {
    const samples: number[] = [];
    const failures: string[] = [];
    for (let i = 0; i < page.requests.length; i++) {
      const { path, cookie } = page.requests[i]!;
      const t = performance.now();
      const res = await fetch(`${plan.base}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      const ms = performance.now() - t;
      if (res.status !== 200) failures.push(`${path}: ${res.status}`);
      if (i >= plan.warmUp) samples.push(ms);
    }
    out.push({ name: page.name, samples, failures });
  }
  return out;
}

if (process.send) {
  process.once('message', (plan: ClientPlan) => {
    run(plan).then(
      (results) => process.send!({ results }, () => process.exit(0)),
      (err: unknown) => process.send!({ error: String(err) }, () => process.exit(1)),
    );
  });
}
