import { spread } from "../lib/stats.ts";
import type { SectionResult } from "../stores/section-result.ts";
import { CEILING, RECOMMENDATIONS } from "./main-section.ts";
import { PAUSED } from "./paused-section.ts";
import { STAGES } from "./series.ts";

/** One target of issue 7 against the measured median (or worst run, for error counts). */
export interface TargetCheck {
  readonly target: string;
  readonly measured: number | null;
  readonly unit: string;
  readonly met: boolean | null;
  /** What limited the figure when the target was missed (facts measured in the same windows). */
  readonly limits: string[];
}

/** Finite values of a measure across the sections, or an empty list when it was not measured. */
function valuesOf(results: readonly SectionResult[], measure: string): number[] {
  for (const r of results)
    for (const s of r.series) if (s.measure === measure) return s.values.filter(Number.isFinite);
  return [];
}

const medianOf = (results: readonly SectionResult[], measure: string): number | null => {
  const values = valuesOf(results, measure);
  return values.length === 0 ? null : spread(values).median;
};

const fixed = (value: number | null, digits = 1) => (value === null ? "?" : value.toFixed(digits));

/** Facts of a side's windows that say what bounded it: CPU, event loop, GC, the load generator, the stages. */
export function limitsOf(results: readonly SectionResult[], label: string, cpus: number): string[] {
  const at = (what: string) => medianOf(results, `${label}: ${what}`);
  const out: string[] = [];
  const loop = at("server event loop busy");
  const cores = at("server CPU");
  const gc = at("server GC");
  const machine = at("machine CPU busy");
  const generator = at("load generator CPU");
  if (loop !== null && cores !== null && loop >= 90 && cores < 0.7 * (loop / 100))
    out.push(
      `starved of CPU: the server's event loop was busy ${fixed(loop)}% of the window but the process got only ${fixed(cores, 2)} cores (it was runnable, waiting for a core other processes held)`,
    );
  else if (loop !== null && loop >= 90)
    out.push(
      `CPU-bound in the server's JS thread: event loop busy ${fixed(loop)}% (server ${fixed(cores, 2)} cores, GC ${fixed(gc)}% of wall)`,
    );
  else if (loop !== null)
    out.push(
      `the server's event loop was idle ${fixed(100 - loop)}% of the window (server ${fixed(cores, 2)} cores): time went to waiting (I/O, Redis/Cassandra round trips), not CPU`,
    );
  if (gc !== null && gc >= 10) out.push(`GC took ${fixed(gc)}% of the server's wall time`);
  if (machine !== null && machine >= 0.9 * cpus)
    out.push(
      `the machine was saturated: ${fixed(machine, 2)} of ${cpus} cores busy, ${fixed(generator, 2)} of them the load generator (autocannon shares the cores with the server)`,
    );
  const stages = STAGES.map((stage) => {
    const mean = at(`${stage} stage mean`);
    const p99 = at(`${stage} stage p99 (buckets; 250 = beyond)`);
    return mean === null ? null : `${stage} ${fixed(mean, 2)} ms (p99 ${fixed(p99, 1)})`;
  }).filter((s) => s !== null);
  if (stages.length > 0) out.push(`stage means: ${stages.join(", ")}`);
  const perRequest = at("server CPU per request");
  if (perRequest !== null) out.push(`${fixed(perRequest, 2)} ms of server CPU per request`);
  const redis = at("Redis commands per request");
  if (redis !== null) out.push(`${fixed(redis, 1)} Redis commands per request (server-wide count)`);
  const cache = at("response cache hits");
  if (cache !== null) out.push(`response cache hits ${fixed(cache)}%`);
  return out;
}

function check(
  target: string,
  measured: number | null,
  unit: string,
  met: (value: number) => boolean,
  limits: () => string[],
): TargetCheck {
  const ok = measured === null ? null : met(measured);
  return { target, measured, unit, met: ok, limits: ok === false ? limits() : [] };
}

/** Issue 7's targets on the measured medians; the multi-process rows are checked against the same targets. */
export function checkTargets(
  results: readonly SectionResult[],
  workers: number,
  cpus: number,
): TargetCheck[] {
  const many = `recommendations k=10 x${workers} workers`;
  const checks: TargetCheck[] = [
    check(
      "recommendations req/s >= 30% of the ceiling's",
      medianOf(results, `${RECOMMENDATIONS}: req/s / ceiling`),
      "%",
      (v) => v >= 30,
      () => limitsOf(results, RECOMMENDATIONS, cpus),
    ),
    check(
      "recommendations p99 < 30 ms",
      medianOf(results, `${RECOMMENDATIONS}: p99`),
      "ms",
      (v) => v < 30,
      () => limitsOf(results, RECOMMENDATIONS, cpus),
    ),
    check(
      "Redis paused: 0 non-2xx or errors (worst run)",
      valuesOf(results, `${PAUSED}: non-2xx + errors`).reduce<number | null>(
        (a, b) => Math.max(a ?? 0, b),
        null,
      ),
      "requests",
      (v) => v === 0,
      () => limitsOf(results, PAUSED, cpus),
    ),
    check(
      "Redis paused: p99 < 100 ms",
      medianOf(results, `${PAUSED}: p99`),
      "ms",
      (v) => v < 100,
      () => limitsOf(results, PAUSED, cpus),
    ),
    check(
      `x${workers} workers: recommendations req/s >= 30% of the x${workers} ceiling's`,
      medianOf(results, `${many}: req/s / ceiling`),
      "%",
      (v) => v >= 30,
      () => limitsOf(results, many, cpus),
    ),
    check(
      `x${workers} workers: recommendations p99 < 30 ms`,
      medianOf(results, `${many}: p99`),
      "ms",
      (v) => v < 30,
      () => limitsOf(results, many, cpus),
    ),
  ];
  // The ceiling itself is a figure of the machine: say what bounded it too, for reading the ratio.
  const ceilingLimits = limitsOf(results, CEILING, cpus).slice(0, 2);
  return checks.concat(
    ceilingLimits.length > 0
      ? [
          {
            target: "ceiling (for reading the ratio)",
            measured: null,
            unit: "",
            met: null,
            limits: ceilingLimits,
          },
        ]
      : [],
  );
}

/** The targets as a Markdown table, then each missed target's limits as a list. */
export function targetsMarkdown(checks: readonly TargetCheck[]): string {
  const lines = ["| target | measured | met |", "| --- | ---: | :---: |"];
  for (const c of checks) {
    if (c.measured === null && c.met === null && c.limits.length > 0) continue;
    const value = c.measured === null ? "not measured" : `${fixed(c.measured, 1)} ${c.unit}`;
    lines.push(`| ${c.target} | ${value} | ${c.met === null ? "-" : c.met ? "yes" : "**no**"} |`);
  }
  for (const c of checks) {
    if (c.limits.length === 0) continue;
    lines.push("", `${c.met === false ? "Missed" : "Note"}: ${c.target}`);
    for (const limit of c.limits) lines.push(`- ${limit}`);
  }
  return lines.join("\n");
}
