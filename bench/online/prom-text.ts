import type { HistogramSnapshot } from "../nearline/metric-reads.ts";

/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a `/metrics` answer (comments and blank lines skipped). */
export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(LABEL)) {
      labels[key as string] = (value as string).replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    }
    const raw = match[3] as string;
    const value = raw === "+Inf" ? Number.POSITIVE_INFINITY : raw === "-Inf" ? -Infinity : Number(raw);
    samples.push({ name: match[1] as string, labels, value });
  }
  return samples;
}

const keyOf = (s: Sample) =>
  `${s.name}{${Object.entries(s.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",")}}`;

/** `after - before` for every sample of `after` (counters and histograms; a sample new in `after` counts whole). */
export function metricsDelta(before: readonly Sample[], after: readonly Sample[]): Sample[] {
  const earlier = new Map(before.map((s) => [keyOf(s), s.value]));
  return after.map((s) => ({ ...s, value: s.value - (earlier.get(keyOf(s)) ?? 0) }));
}

const matches = (s: Sample, labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).every(([k, v]) => s.labels[k] === v);

/** Sum of the samples named `name` whose labels include `labels`, grouped by the value of label `by`. */
export function sumBy(
  samples: readonly Sample[],
  name: string,
  by: string,
  labels: Readonly<Record<string, string>> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== name || !matches(s, labels)) continue;
    const group = s.labels[by] ?? "";
    out[group] = (out[group] ?? 0) + s.value;
  }
  return out;
}

/** The histogram `name` summed over the label sets that include `labels`. */
export function histogramOf(
  samples: readonly Sample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): HistogramSnapshot {
  const byBound = new Map<number, number>();
  let sum = 0;
  let count = 0;
  for (const s of samples) {
    if (!matches(s, labels)) continue;
    if (s.name === `${name}_bucket`) {
      const le = s.labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(s.labels.le);
      byBound.set(le, (byBound.get(le) ?? 0) + s.value);
    } else if (s.name === `${name}_sum`) sum += s.value;
    else if (s.name === `${name}_count`) count += s.value;
  }
  const buckets = [...byBound].map(([le, n]) => ({ le, count: n })).sort((a, b) => a.le - b.le);
  return { buckets, sum, count };
}
