import { ratios, type Series } from "../stores/section-result.ts";
import { STAGES } from "./metric-reads.ts";
import type { ThroughputParams, ThroughputRun } from "./throughput-run.ts";

type Pick = (r: ThroughputRun) => number;

/**
 * Seconds per stage as a share of the timed window, the handler's own share (its critical path), and what was
 * spent outside it (join, fetch, commit, idle). Stages that run side by side (bulk_append beside the state
 * stages) overlap, so the stage shares may add up to more than the handler's.
 */
function stageSeries(runs: readonly ThroughputRun[]): Series[] {
  const share = (pick: Pick) => runs.map((r) => (100 * pick(r)) / r.seconds);
  const out: Series[] = [
    {
      measure: "time share: inside the handler (critical path)",
      unit: "% of wall",
      values: share((r) => r.member.handlerSeconds),
    },
  ];
  out.push(
    ...STAGES.map((stage) => ({
      measure: `  stage ${stage}`,
      unit: "% of wall",
      values: share((r) => r.member.stages[stage] ?? 0),
    })),
  );
  out.push({
    measure: "time share: outside the handler (join, fetch, commit, idle)",
    unit: "% of wall",
    values: share((r) => r.seconds - r.member.handlerSeconds),
  });
  return out;
}

/** Where the limits are: Redis work per event, how long each script blocks Redis, Cassandra append rate. */
function costSeries(runs: readonly ThroughputRun[]): Series[] {
  const perEvent = (pick: Pick) => runs.map((r) => pick(r) / r.member.applied);
  const each = (pick: Pick) => runs.map(pick);
  const redisCalls: Pick = (r) => Object.values(r.runtime.redisCalls).reduce((a, b) => a + b, 0);
  const scriptCalls: Pick = (r) => (r.runtime.redisCalls.evalsha ?? 0) + (r.runtime.redisCalls.eval ?? 0);
  return [
    {
      measure: "Redis writes per event (cache_writes_total)",
      unit: "writes",
      values: perEvent((r) => r.member.cacheWrites),
    },
    {
      measure: "Redis commands per event (INFO, incl. inside scripts)",
      unit: "calls",
      values: perEvent(redisCalls),
    },
    {
      measure: "Redis memory growth per event (INFO used_memory)",
      unit: "bytes",
      values: perEvent((r) => r.runtime.redisMemoryBytes),
    },
    {
      measure: "Redis keys added per event (DBSIZE)",
      unit: "keys",
      values: perEvent((r) => r.runtime.redisKeys),
    },
    {
      measure: "Redis blocked per apply-script call (mean)",
      unit: "ms",
      values: each((r) => r.runtime.redisScriptMicros / 1000 / Math.max(1, scriptCalls(r))),
    },
  ];
}

/** Batch size, Cassandra append rate, and the CPU each process used. */
function processSeries(runs: readonly ThroughputRun[]): Series[] {
  const each = (pick: Pick) => runs.map(pick);
  return [
    {
      measure: "events per handler call",
      unit: "events",
      values: each((r) => r.member.applied / r.member.batches),
    },
    {
      measure: "bulk_append rate (events / stage seconds)",
      unit: "events/s",
      values: each((r) => r.member.applied / (r.member.stages.bulk_append ?? Number.NaN)),
    },
    {
      measure: "event-loop utilisation while applying",
      unit: "share",
      values: each((r) => r.runtime.eventLoopUtilization),
    },
    {
      measure: "CPU while applying: this process (nearline)",
      unit: "cores",
      values: each((r) => r.runtime.processCpuShare),
    },
    ...["cassandra", "redis", "kafka", "machine"].map((name) => ({
      measure: `CPU while applying: ${name === "machine" ? "whole machine (all processes)" : name}`,
      unit: "cores",
      values: runs.flatMap((r) => r.runtime.cpuCores[name] ?? []),
    })),
  ];
}

/** Every row of the throughput section. */
export function throughputSeries(params: ThroughputParams, runs: readonly ThroughputRun[]): Series[] {
  const ours = runs.map((r) => r.applied / r.seconds);
  const reference = runs.map((r) => r.events / r.referenceSeconds);
  return [
    {
      measure: `nearline apply, 1 consumer, ${params.events} events pre-produced`,
      unit: "events/s",
      values: ours,
    },
    { measure: "reference: bare kafkajs consumer, no-op handler", unit: "events/s", values: reference },
    { measure: "nearline / reference", unit: "%", values: ratios(ours, reference).map((r) => 100 * r) },
    ...costSeries(runs),
    ...processSeries(runs),
    ...stageSeries(runs),
  ];
}

/** What the reader must know about the runs: caps hit, anything odd the metrics saw. */
export function throughputNotes(params: ThroughputParams, runs: readonly ThroughputRun[]): string[] {
  const notes: string[] = [];
  runs.forEach((r, i) => {
    const m = r.member;
    if (r.applied < r.events) {
      notes.push(
        `throughput run ${i + 1}: stopped at the ${params.maxSeconds} s cap with ${r.applied} of ${r.events} applied; its rate is applied / seconds`,
      );
    }
    const odd = {
      duplicates: m.duplicates,
      deadLetters: m.deadLetters,
      retries: m.retries,
      rebuilds: m.rebuilds,
    };
    const bad = Object.entries(odd).filter(([, v]) => v > 0);
    if (bad.length > 0) {
      const errors = m.errors.length > 0 ? `; errors: ${m.errors.join(" | ")}` : "";
      notes.push(`throughput run ${i + 1}: ${bad.map(([k, v]) => `${k} ${v}`).join(", ")}${errors}`);
    }
    if (m.warnings > 1) notes.push(`throughput run ${i + 1}: the nearline logged ${m.warnings} warnings`);
  });
  if (runs.some((r) => Object.keys(r.member.stages).length === 0))
    notes.push("starling_nearline_stage_seconds_total is missing: no per-stage times");
  const batch = `max batch ${runs[0]?.maxBatchSize ?? params.maxBatch ?? "from the config"}`;
  notes.push(
    `throughput: ${params.events} events (${Math.round(params.clickShare * 100)}% clicks) over ${params.users} users and ${params.items} items, ${params.partitions} partitions per topic, ${batch}; the window runs from the startNearline call (group join included) to the poll that saw every checkpoint at its end offset; stage shares are stage seconds / wall and may overlap (stages that run side by side)`,
  );
  return notes;
}
