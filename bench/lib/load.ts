import { createRequire } from 'node:module';
import autocannon from 'autocannon';

const require = createRequire(import.meta.url);
// autocannon's histogram helpers (HDR histograms, as its own aggregation uses).
const histUtil = require('autocannon/lib/histUtil') as {
  decodeHist(encoded: unknown): Histogram;
};
interface Histogram {
  add(other: Histogram): void;
  getValueAtPercentile(p: number): number;
  maxValue: number;
  mean: number;
}
interface RawResult {
  latencies: unknown;
  totalCompletedRequests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  duration: number;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface VirtualClient {
  /** Headers this client sends on every request (its session cookie, CSRF token). */
  headers: Record<string, string>;
  /** The next request this client makes (called once per request). */
  next(): RequestSpec;
}

export interface LoadResult {
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Runs `clients` closed-loop virtual clients against `url` with autocannon: one autocannon instance
 * per client (one connection, its own session), all at once, then one merged latency histogram.
 * A warm-up of the same shape runs first and is not counted.
 */
export async function runLoad(
  url: string,
  clients: VirtualClient[],
  options: { seconds: number; warmupSeconds: number; amountPerClient?: number; timeoutSeconds?: number; onMeasureStart?: () => void },
): Promise<LoadResult> {
  const once = async (seconds: number, amount?: number) => {
    const runs = clients.map(
      (client) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url,
              connections: 1,
              duration: seconds,
              amount,
              timeout: options.timeoutSeconds ?? 60,
              headers: client.headers,
              skipAggregateResult: true,
              requests: [
                {
                  setupRequest: (req: autocannon.Request) => {
                    const spec = client.next();
                    return {
                      ...req,
                      method: spec.method,
                      path: spec.path,
                      body: spec.body,
                      headers: { ...client.headers, ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
                    };
                  },
                },
              ],
            } as autocannon.Options,
            (error, result) => (error ? reject(error) : resolve(result)),
          );
          instance.on('error', reject);
        }),
    );
    return Promise.all(runs) as unknown as Promise<RawResult[]>;
  };
  if (options.warmupSeconds > 0) await once(options.warmupSeconds);
  options.onMeasureStart?.();
  const raw = await once(options.seconds, options.amountPerClient);
  // Merge the clients' latency histograms (autocannon's own HDR histograms) for exact percentiles.
  const [head, ...rest] = raw.map((r) => histUtil.decodeHist(r.latencies));
  const merged = head as Histogram;
  for (const h of rest) merged.add(h);
  const requests = raw.reduce((s, r) => s + r.totalCompletedRequests, 0);
  const seconds = Math.max(...raw.map((r) => r.duration));
  const at = (p: number) => merged.getValueAtPercentile(p);
  return {
    requests,
    errors: raw.reduce((s, r) => s + r.errors, 0),
    non2xx: raw.reduce((s, r) => s + r.non2xx, 0),
    timeouts: raw.reduce((s, r) => s + r.timeouts, 0),
    seconds,
    rps: requests / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: merged.maxValue,
    mean: merged.mean,
  };
}
