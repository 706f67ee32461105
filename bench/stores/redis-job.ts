/**
 * Section job of bench/stores.bench.ts: latency of RedisFeatureCache.mgetVectors against ioredis'
 * mgetBuffer of the same keys, alternated run by run, plus `redis-benchmark -t get` as the server's ceiling.
 */
import { Redis } from "ioredis";
import type { CacheWrite } from "../../core/ports/feature-cache.ts";
import { createRedisFeatureCache, deleteKeysWithPrefix } from "../../infra/redis/index.ts";
import { alternate, type Side, secondsSince } from "./alternate.ts";
import { endpointOf, randomSuffix } from "./endpoints.ts";
import {
  type RedisBenchmarkFigure,
  redisBenchmarkAvailable,
  redisBenchmarkGet,
} from "./redis-benchmark-tool.ts";
import { chunks, quantile, seededPicker } from "./sample-data.ts";
import { emit, failedResult, jobParams, progress, ratios, type Series } from "./section-result.ts";

export interface RedisParams {
  runs: number;
  calls: number;
  keysPerCall: number;
  dimensions: number;
  /** Distinct vectors stored; each call reads `keysPerCall` of them. */
  storedVectors: number;
  benchmarkRequests: number;
}

interface LatencyRun {
  p50Ms: number;
  p99Ms: number;
  callsPerSecond: number;
}

function vector(index: number, dimensions: number): Float32Array {
  return Float32Array.from({ length: dimensions }, (_, d) => Math.sin(index * 31 + d));
}

/** The same key lists for every run and side: `calls` lists of `keysPerCall` stored keys. */
function keyLists(params: RedisParams): string[][] {
  const pick = seededPicker(42);
  return Array.from({ length: params.calls }, () =>
    Array.from({ length: params.keysPerCall }, () => `vec:${pick(params.storedVectors)}`),
  );
}

/** Times each call on its own, one after the other (latency, not throughput: nothing pipelines). */
function latencySide(
  name: string,
  lists: string[][],
  call: (keys: string[]) => Promise<unknown>,
): Side<LatencyRun> {
  return {
    name,
    run: async (run) => {
      const batch = run === 0 ? lists.slice(0, lists.length / 4) : lists;
      const samples: number[] = [];
      const started = performance.now();
      for (const keys of batch) {
        const t = performance.now();
        await call(keys);
        samples.push(performance.now() - t);
      }
      const seconds = secondsSince(started);
      return {
        p50Ms: quantile(samples, 0.5),
        p99Ms: quantile(samples, 0.99),
        callsPerSecond: batch.length / seconds,
      };
    },
  };
}

function series(
  params: RedisParams,
  ours: LatencyRun[],
  raw: LatencyRun[],
  tool: RedisBenchmarkFigure[],
): Series[] {
  const what = `mget ${params.keysPerCall} × ${params.dimensions}-dim vectors`;
  const pick = (runs: LatencyRun[], key: keyof LatencyRun) => runs.map((r) => r[key]);
  const out: Series[] = [];
  for (const [key, unit, label] of [
    ["p50Ms", "ms", "p50"],
    ["p99Ms", "ms", "p99"],
    ["callsPerSecond", "calls/s", "sequential calls"],
  ] as const) {
    out.push(
      { measure: `Redis ${what} ${label}: mgetVectors`, unit, values: pick(ours, key) },
      { measure: `Redis ${what} ${label}: raw ioredis mgetBuffer`, unit, values: pick(raw, key) },
      {
        measure: `Redis ${what} ${label}: ours / raw`,
        unit: "ratio",
        values: ratios(pick(ours, key), pick(raw, key)),
      },
    );
  }
  if (tool.length > 0) {
    const requests = params.benchmarkRequests;
    out.push({
      measure: `redis-benchmark -q -n ${requests} -t get (50 clients)`,
      unit: "requests/s",
      values: tool.map((t) => t.requestsPerSecond),
    });
    const p50 = tool.map((t) => t.p50Ms).filter((v) => v !== null);
    if (p50.length > 0)
      out.push({ measure: "redis-benchmark GET p50 (50 clients)", unit: "ms", values: p50 });
  }
  return out;
}

async function measure(url: string, prefix: string, params: RedisParams, notes: string[]) {
  const cache = await createRedisFeatureCache({}, { url, keyPrefix: prefix, commandTimeoutMs: 5000 });
  const raw = new Redis(url, { lazyConnect: true });
  try {
    await raw.connect();
    const writes: CacheWrite[] = Array.from({ length: params.storedVectors }, (_, i) => ({
      op: "setVector",
      key: `vec:${i}`,
      vector: vector(i, params.dimensions),
    }));
    for (const part of chunks(writes, 200)) await cache.batch(part);
    const lists = keyLists(params);
    const found = (await cache.mgetVectors(lists[0] ?? [])).filter((v) => v?.length === params.dimensions);
    if (found.length !== params.keysPerCall)
      throw new Error(`expected ${params.keysPerCall} vectors, read ${found.length}`);
    const sides: Side<unknown>[] = [
      latencySide("mgetVectors", lists, (keys) => cache.mgetVectors(keys)),
      latencySide("raw mgetBuffer", lists, (keys) => raw.mgetBuffer(keys.map((k) => `${prefix}${k}`))),
    ];
    const { hostname, port } = new URL(url);
    if (redisBenchmarkAvailable()) {
      const run = (r: number) =>
        redisBenchmarkGet(hostname, Number(port || 6379), params.benchmarkRequests / (r === 0 ? 4 : 1));
      sides.push({ name: "redis-benchmark", run });
    } else notes.push("redis-benchmark is not installed; its row is missing");
    const results = await alternate("redis", params.runs, sides);
    const runs = {
      ours: results.mgetVectors as LatencyRun[],
      raw: results["raw mgetBuffer"] as LatencyRun[],
      tool: (results["redis-benchmark"] ?? []) as RedisBenchmarkFigure[],
    };
    return { series: series(params, runs.ours, runs.raw, runs.tool), runs };
  } finally {
    raw.disconnect();
    await cache.close();
  }
}

async function main(): Promise<void> {
  const params = jobParams<RedisParams>();
  const endpoint = await endpointOf("redis");
  if (typeof endpoint === "string") {
    emit({ section: "redis", series: [], notes: [`Redis rows missing: ${endpoint}`], details: {} });
    return;
  }
  const prefix = `bench:stores:${randomSuffix()}:`;
  progress(`redis at ${endpoint.url}, key prefix ${prefix}`);
  const notes: string[] = [];
  try {
    const { series, runs } = await measure(endpoint.url, prefix, params, notes);
    emit({ section: "redis", series, notes, details: { url: endpoint.url, keyPrefix: prefix, runs } });
  } catch (error) {
    emit(failedResult("redis", "Redis", error, notes));
  } finally {
    const deleted = await deleteKeysWithPrefix(endpoint.url, prefix).catch((e: Error) => e.message);
    progress(`redis cleanup: deleted ${deleted} keys`);
  }
}

await main();
