import { quantile } from "../nearline/metric-reads.ts";
import type { Series } from "../stores/section-result.ts";
import { histogramOf, sumBy } from "./prom-text.ts";
import type { Measurement } from "./window.ts";

export const STAGES = ["lookup", "recall", "rank"] as const;

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => (values.length === 0 ? Number.NaN : sum(values) / values.length);

/** Requests that did not get a 2xx: non-2xx answers, connection errors and timeouts. */
export const failedRequests = (m: Measurement) => m.load.non2xx + m.load.errors;

/** Share of 2xx answers marked degraded, %. */
export const degradedPercent = (m: Measurement) => {
  const ok = m.load.responses - m.load.non2xx;
  return ok === 0 ? 0 : (100 * m.load.degraded) / ok;
};

/** req/s, p50, p99 and failed requests of one side, one value per run. */
export function loadSeries(label: string, runs: readonly Measurement[]): Series[] {
  return [
    { measure: `${label}: req/s`, unit: "req/s", values: runs.map((m) => m.load.requestsPerSecond) },
    { measure: `${label}: p50`, unit: "ms", values: runs.map((m) => m.load.p50Ms) },
    { measure: `${label}: p99`, unit: "ms", values: runs.map((m) => m.load.p99Ms) },
    { measure: `${label}: non-2xx + errors`, unit: "requests", values: runs.map(failedRequests) },
  ];
}

/** Our req/s over the reference's, run by run, %. */
export function ratioSeries(
  label: string,
  ours: readonly Measurement[],
  ceiling: readonly Measurement[],
): Series {
  return {
    measure: `${label}: req/s / ceiling`,
    unit: "%",
    values: ours.map(
      (m, i) => (100 * m.load.requestsPerSecond) / (ceiling[i]?.load.requestsPerSecond ?? Number.NaN),
    ),
  };
}

/** Where the serving processes' time went: CPU cores, event-loop busy share, GC share (means over processes). */
export function serverSeries(label: string, runs: readonly Measurement[]): Series[] {
  return [
    {
      measure: `${label}: server CPU`,
      unit: "cores",
      values: runs.map((m) => m.cpuCores.server ?? Number.NaN),
    },
    {
      // CPU time per answer hardly depends on how busy the machine is, unlike req/s: compare this across runs.
      measure: `${label}: server CPU per request`,
      unit: "ms",
      values: runs.map((m) =>
        m.load.responses === 0
          ? Number.NaN
          : (1000 * (m.cpuCores.server ?? Number.NaN) * m.load.seconds) / m.load.responses,
      ),
    },
    {
      measure: `${label}: server event loop busy`,
      unit: "%",
      values: runs.map((m) => 100 * mean(m.runtime.map((r) => r.eventLoopUtilization))),
    },
    {
      measure: `${label}: server GC`,
      unit: "% of wall",
      values: runs.map((m) => 100 * mean(m.runtime.map((r) => r.gcShare))),
    },
    {
      measure: `${label}: load generator CPU`,
      unit: "cores",
      values: runs.map((m) => m.cpuCores.bench ?? 0),
    },
    {
      measure: `${label}: machine CPU busy`,
      unit: "cores",
      values: runs.map((m) => m.cpuCores.machine ?? Number.NaN),
    },
  ];
}

/** Mean and p99 (bucket-interpolated) per request stage, from `starling_online_stage_seconds`. */
export function stageSeries(label: string, runs: readonly Measurement[]): Series[] {
  return STAGES.flatMap((stage) => {
    const histograms = runs.map((m) => histogramOf(m.metrics, "starling_online_stage_seconds", { stage }));
    if (histograms.every((h) => h.count === 0)) return [];
    return [
      {
        measure: `${label}: ${stage} stage mean`,
        unit: "ms",
        values: histograms.map((h) => (h.count === 0 ? Number.NaN : (1000 * h.sum) / h.count)),
      },
      {
        measure: `${label}: ${stage} stage p99 (buckets; 250 = beyond)`,
        unit: "ms",
        values: histograms.map((h) => 1000 * quantile(h, 0.99)),
      },
    ];
  });
}

/** Response cache hits over lookups, %. */
export function responseCachePercent(m: Measurement): number {
  const outcomes = sumBy(m.metrics, "starling_online_response_cache_total", "outcome");
  const total = (outcomes.hit ?? 0) + (outcomes.miss ?? 0);
  return total === 0 ? Number.NaN : (100 * (outcomes.hit ?? 0)) / total;
}

/** Redis commands per answered request during the window (server-wide, so other clients inflate it). */
export const redisCallsPerRequest = (m: Measurement) =>
  m.load.responses === 0 ? Number.NaN : sum(Object.values(m.redisCalls)) / m.load.responses;

/** Degraded share, response cache hits and Redis commands per request of a recommendations side. */
export function answerSeries(label: string, runs: readonly Measurement[]): Series[] {
  const out: Series[] = [
    { measure: `${label}: degraded answers`, unit: "%", values: runs.map(degradedPercent) },
  ];
  const cache = runs.map(responseCachePercent);
  if (cache.some((v) => !Number.isNaN(v)))
    out.push({ measure: `${label}: response cache hits`, unit: "%", values: cache });
  out.push({
    measure: `${label}: Redis commands per request`,
    unit: "calls",
    values: runs.map(redisCallsPerRequest),
  });
  return out;
}

/** Counts summed over runs: degraded reasons, tier outcomes, status codes; for the JSON and the notes. */
export function countsOver(runs: readonly Measurement[]) {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) if (v !== 0) into[k] = (into[k] ?? 0) + v;
  };
  const degradedReasons: Record<string, number> = {};
  const statusCodes: Record<string, number> = {};
  const lookups: Record<string, number> = {};
  const serverDegraded: Record<string, number> = {};
  for (const m of runs) {
    add(degradedReasons, m.load.degradedReasons);
    add(statusCodes, m.load.statusCodes);
    for (const s of m.metrics) {
      if (s.name === "starling_online_lookup_total")
        add(lookups, { [`${s.labels.lookup}:${s.labels.outcome}`]: s.value });
      if (s.name === "starling_online_degraded_total")
        add(serverDegraded, { [s.labels.reason ?? ""]: s.value });
    }
  }
  return {
    degradedReasons,
    statusCodes,
    lookups,
    serverDegraded,
    emptyLists: sum(runs.map((m) => m.load.emptyLists)),
  };
}
