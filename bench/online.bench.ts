/**
 * Online tier on the services profile (Redis, Cassandra, MySQL, Kafka) under HTTP load (autocannon):
 *   npm run bench:online -- [--runs 3] [--duration 30] [--warmup 10] [--pause-duration 15] [--connections 50]
 *     [--workers 2] [--sections main,paused,workers] [--data DIR] [--fast] [--keep] [--reuse NAMESPACE]
 *     [--response-cache-ms N] [--cpu-prof] [--seed 1]
 * Setup: a fresh namespace (topics, Redis keys, keyspace, database) where `recsys offline train --data DIR` publishes
 * ml-latest-small (default model settings; --fast uses tests/support/fast-offline-env.ts for training only).
 * --keep leaves the namespace in place and prints its name; --reuse NAMESPACE serves that one without training
 * (and leaves it in place).
 * Sections, each server in its own child process on a free port of 127.0.0.1, each figure the median of --runs
 * windows of --duration seconds after an untimed --warmup window, sides alternating run by run:
 *   main     (a) the ceiling: a bare Hono app returning a fixed 2 KB JSON; (b) GET /users/:id/recommendations?k=10
 *            for a user drawn at random per request from the data set's users; (c) GET /items/:id/similar?k=10&
 *            method=item2vec for a random catalogue item. One `recsys online` process.
 *   paused   recommendations while Redis answers nothing for --pause-duration seconds (a TCP relay in this process
 *            holds its traffic; the shared Redis is never paused): errors, p99, degraded share.
 *   workers  recommendations from `recsys online --workers N` next to the ceiling forked the same way (cluster).
 * During each window: CPU of the serving processes (/proc), their event-loop busy share and GC time (a preload
 * that only observes, bench/online/runtime-preload.ts), the load generator's CPU, Redis commands, and the change
 * of the online process's /metrics (stage times lookup/recall/rank, response cache, degraded reasons).
 * --cpu-prof runs the main section's online process under `node --cpu-prof` and notes where the recommendation
 * windows' CPU went (by source file / package and by function); it slows the server, so use it to diagnose only.
 * --response-cache-ms sets the online processes' response cache TTL (0 turns it off).
 * Endpoints come from tests/support/real-services.ts; start the services first with
 * `npx tsx bin/recsys.ts services start redis mysql kafka cassandra`. Smoke run: `--duration 5 --runs 1 --fast`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sharedDataDir } from "../tests/support/shared-data.ts";
import { type BenchEnvironment, benchEnvironment } from "./lib/environment.ts";
import { markdownTable, type TableRow, writeResult } from "./lib/report.ts";
import { chooseSections } from "./lib/section-jobs.ts";
import { spread } from "./lib/stats.ts";
import { allEndpoints } from "./nearline/world.ts";
import { stopAllChildren } from "./online/children.ts";
import type { BenchContext, OnlineBenchParams } from "./online/context.ts";
import { mainSection } from "./online/main-section.ts";
import { type BenchNamespace, benchNamespace, removeNamespace } from "./online/namespace.ts";
import { pausedSection } from "./online/paused-section.ts";
import { datasetIds } from "./online/request-paths.ts";
import { checkTargets, type TargetCheck, targetsMarkdown } from "./online/targets.ts";
import { type TrainingRun, trainVersion } from "./online/training.ts";
import { workersSection } from "./online/workers-section.ts";
import { failedResult, type SectionResult } from "./stores/section-result.ts";

const SECTIONS = ["main", "paused", "workers"] as const;
type Section = (typeof SECTIONS)[number];
const RUNNERS: Record<Section, (context: BenchContext) => Promise<SectionResult>> = {
  main: mainSection,
  paused: pausedSection,
  workers: workersSection,
};
/** Rough seconds to start a server (snapshot load) and stop it, for the up-front estimate. */
const SERVER_START_SECONDS = 30;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "10" },
    "pause-duration": { type: "string", default: "15" },
    connections: { type: "string", default: "50" },
    workers: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    sections: { type: "string", default: SECTIONS.join(",") },
    data: { type: "string" },
    fast: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    "response-cache-ms": { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
  },
});

/** A flag's value as a positive integer (or zero when `zero`); anything else stops the run. */
function integer(name: keyof typeof values, zero = false): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < (zero ? 0 : 1))
    throw new Error(`--${name} must be a ${zero ? "non-negative" : "positive"} integer, got ${values[name]}`);
  return value;
}

const params: OnlineBenchParams = {
  runs: integer("runs"),
  seconds: integer("duration"),
  warmupSeconds: integer("warmup"),
  pauseSeconds: integer("pause-duration"),
  connections: integer("connections"),
  workers: integer("workers"),
  seed: integer("seed"),
  responseCacheMs: values["response-cache-ms"] === undefined ? null : integer("response-cache-ms", true),
  cpuProfile: values["cpu-prof"] === true,
};
const sections = chooseSections(values.sections, SECTIONS);
const dataDir = values.data ?? sharedDataDir();

/** Seconds the chosen sections should take, servers' start-up included (training not included). */
function estimateSeconds(): number {
  const window = (sides: number) => sides * (params.warmupSeconds + params.runs * params.seconds);
  const perSection: Record<Section, number> = {
    main: 2 * SERVER_START_SECONDS + window(3),
    paused: SERVER_START_SECONDS + params.warmupSeconds + params.runs * (params.pauseSeconds + 8),
    workers: 2 * SERVER_START_SECONDS + window(2),
  };
  return sections.reduce((sum, s) => sum + perSection[s], 0);
}

/** Everything the run started or created, undone once (on success, failure or a signal). */
function cleanup(endpoints: Awaited<ReturnType<typeof allEndpoints>>, runtimeDir: string) {
  let namespace: BenchNamespace | null = null;
  let done: Promise<string[]> | undefined;
  return {
    track(ns: BenchNamespace) {
      namespace = ns;
    },
    run(): Promise<string[]> {
      done ??= (async () => {
        await stopAllChildren();
        await rm(runtimeDir, { recursive: true, force: true });
        if (!namespace) return [];
        if (values.keep || values.reuse) {
          console.log(`\nnamespace ${namespace.name} kept: run again with --reuse ${namespace.name}`);
          return [];
        }
        return removeNamespace(endpoints, namespace.name);
      })();
      return done;
    },
  };
}

async function main(): Promise<void> {
  const environment = benchEnvironment();
  console.log(
    `online benchmark: sections ${sections.join(", ")}, ${params.runs} runs of ${params.seconds} s, ${params.connections} connections, commit ${environment.commit.slice(0, 12)}${environment.dirty ? " (dirty)" : ""}, node ${environment.node}, ${environment.cpus} CPUs; about ${Math.round(estimateSeconds() / 60)} min plus training`,
  );
  const started = performance.now();
  const endpoints = await allEndpoints();
  const runtimeDir = await mkdtemp(join(tmpdir(), "starling-bench-online-"));
  const undo = cleanup(endpoints, runtimeDir);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`\nreceived ${signal}: stopping the servers and cleaning up`);
      void undo.run().finally(() => process.exit(130));
    });
  }
  let failedCleanup: string[] = [];
  try {
    const namespace = benchNamespace(endpoints, values.reuse);
    undo.track(namespace);
    const ids = await datasetIds(dataDir);
    console.log(
      `namespace ${namespace.name}; ${ids.users.length} users, ${ids.items.length} items in ${dataDir}`,
    );
    let training: TrainingRun | null = null;
    if (values.reuse === undefined) {
      console.log(`\n## setup: recsys offline train (${values.fast ? "fast" : "default"} model settings)`);
      training = await trainVersion(namespace.trainEnv, dataDir, values.fast === true);
      console.log(`  published ${training.version} in ${training.seconds.toFixed(0)} s; ${training.stages}`);
    }
    const context: BenchContext = { endpoints, namespace, ids, runtimeDir, params };
    const results: SectionResult[] = [];
    for (const section of sections) {
      console.log(`\n## ${section} (${((performance.now() - started) / 1000).toFixed(0)} s elapsed)`);
      results.push(
        await RUNNERS[section](context).catch((error: Error) => {
          console.error(`  ${section} failed: ${error.stack ?? error.message}`);
          return failedResult(section, section, error, []);
        }),
      );
    }
    failedCleanup = await undo.run();
    await report(
      results,
      training,
      namespace,
      (performance.now() - started) / 1000,
      environment,
      failedCleanup,
    );
  } finally {
    await undo.run();
  }
}

/** Table rows of every section's series: median, min, max of the finite values. */
function tableRows(results: readonly SectionResult[]): TableRow[] {
  return results.flatMap((r) =>
    r.series
      .map((s) => ({ ...s, values: s.values.filter(Number.isFinite) }))
      .filter((s) => s.values.length > 0)
      .map((s) => ({ measure: s.measure, unit: s.unit, spread: spread(s.values) })),
  );
}

async function report(
  results: SectionResult[],
  training: TrainingRun | null,
  namespace: BenchNamespace,
  seconds: number,
  environment: BenchEnvironment,
  failedCleanup: string[],
): Promise<void> {
  const rows = tableRows(results);
  const targets: TargetCheck[] = checkTargets(results, params.workers, environment.cpus);
  const notes = [...results.flatMap((r) => r.notes), ...failedCleanup.map((f) => `cleanup failed: ${f}`)];
  console.log(
    `\n### Online tier: ${params.runs} runs of ${params.seconds} s per figure (median, min, max), ${params.connections} connections, ${seconds.toFixed(0)} s in all\n`,
  );
  console.log(markdownTable(rows));
  console.log(`\n${targetsMarkdown(targets)}`);
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join("\n")}`);
  const path = await writeResult("online", {
    benchmark: "online",
    date: new Date().toISOString(),
    environment,
    params: {
      ...params,
      sections,
      dataDir,
      namespace: values.reuse ? { reused: namespace.name } : { fresh: namespace.name, kept: values.keep },
      modelSettings: training?.settings ?? "reused (as trained earlier)",
      onlineSettings:
        "config defaults (RECSYS_CACHE_COMMAND_TIMEOUT_MS not set: the configured Redis budget), log level warn",
    },
    training,
    totalSeconds: seconds,
    summary: rows,
    targets,
    notes,
    sections: results,
  });
  console.log(`\nJSON: ${path}`);
}

await main();
