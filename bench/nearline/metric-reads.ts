import type { NearlineMetrics } from "../../nearline/index.ts";

/** The stages the batch handler times, in pipeline order. */
export const STAGES = [
  "checkpoint",
  "decode",
  "dead_letters",
  "bulk_append",
  "read_state",
  "seed",
  "compute",
  "cache_write",
] as const;

interface MetricValue {
  value: number;
  labels: Record<string, string | number | undefined>;
  metricName?: string;
}

/** Every value of a metric by name, through the registry as a scraper would see it; none when missing. */
async function values(metrics: NearlineMetrics, name: string): Promise<MetricValue[]> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) return [];
  return ((await metric.get()) as { values: MetricValue[] }).values;
}

/** Sum of a counter's values whose labels include `labels`. */
export async function counterSum(
  metrics: NearlineMetrics,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const wanted = Object.entries(labels);
  return (await values(metrics, name))
    .filter((v) => wanted.every(([k, want]) => v.labels[k] === want))
    .reduce((sum, v) => sum + v.value, 0);
}

/** Seconds per stage from `starling_nearline_stage_seconds_total`; empty when the metric is missing. */
export async function stageSeconds(metrics: NearlineMetrics): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of await values(metrics, "starling_nearline_stage_seconds_total")) {
    const stage = String(v.labels.stage);
    out[stage] = (out[stage] ?? 0) + v.value;
  }
  return out;
}

/** A histogram's cumulative buckets (upper bound → count), its sum and its count. */
export interface HistogramSnapshot {
  readonly buckets: readonly { le: number; count: number }[];
  readonly sum: number;
  readonly count: number;
}

/** Reads a histogram (without labels) from the registry. */
export async function histogram(metrics: NearlineMetrics, name: string): Promise<HistogramSnapshot> {
  const all = await values(metrics, name);
  const buckets = all
    .filter((v) => v.metricName === `${name}_bucket`)
    .map((v) => ({
      le: v.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(v.labels.le),
      count: v.value,
    }))
    .sort((a, b) => a.le - b.le);
  const pick = (suffix: string) => all.find((v) => v.metricName === `${name}${suffix}`)?.value ?? 0;
  return { buckets, sum: pick("_sum"), count: pick("_count") };
}

/** The value of the observation at `rank` (1..count), interpolating linearly inside its bucket. */
function valueAtRank(snapshot: HistogramSnapshot, rank: number): number {
  let lower = 0;
  let below = 0;
  for (const { le, count: cumulative } of snapshot.buckets) {
    if (cumulative >= rank) {
      if (!Number.isFinite(le)) return lower;
      const inBucket = cumulative - below;
      return inBucket === 0 ? le : lower + ((le - lower) * (rank - below)) / inBucket;
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}

/** How many observations are at most `value`, interpolating inside its bucket. */
function countAtMost(snapshot: HistogramSnapshot, value: number): number {
  let lower = 0;
  let below = 0;
  for (const { le, count: cumulative } of snapshot.buckets) {
    if (value <= le) {
      if (!Number.isFinite(le)) return below;
      return below + ((cumulative - below) * (value - lower)) / (le - lower);
    }
    lower = le;
    below = cumulative;
  }
  return below;
}

/**
 * The q-quantile by linear interpolation inside its bucket (as Prometheus' histogram_quantile does), so it is
 * exact only to the bucket's width. A quantile in the +Inf bucket returns the largest finite bound.
 */
export function quantile(snapshot: HistogramSnapshot, q: number): number {
  return snapshot.count === 0 ? Number.NaN : valueAtRank(snapshot, q * snapshot.count);
}

/**
 * A lower bound of the q-quantile when `pending` events were never applied: each is counted as if applied at
 * exactly `floor` seconds (they are at least that old), so the true quantile can only be higher.
 */
export function quantileWithPending(
  snapshot: HistogramSnapshot,
  q: number,
  pending: number,
  floor: number,
): number {
  if (pending <= 0) return quantile(snapshot, q);
  const rank = q * (snapshot.count + pending);
  const below = countAtMost(snapshot, floor);
  if (rank <= below) return valueAtRank(snapshot, rank);
  if (rank <= below + pending) return floor;
  return valueAtRank(snapshot, rank - pending);
}

/** The bucket bounds around a value, e.g. "0.25-0.5 s", to say how exact an interpolated quantile is. */
export function bucketAround(snapshot: HistogramSnapshot, value: number): string {
  let lower = 0;
  for (const { le } of snapshot.buckets) {
    if (value <= le) return Number.isFinite(le) ? `${lower}-${le} s` : `> ${lower} s`;
    lower = le;
  }
  return `> ${lower} s`;
}
