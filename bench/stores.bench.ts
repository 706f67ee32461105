/**
 * Throughput and latency of the real-service adapters against their raw clients, and service start times.
 *   npm run bench:stores -- [--runs 5] [--starts 5] [--sections redis,kafka,cassandra,starts]
 *     [--kafka-events 20000] [--kafka-single-events 2000] [--redis-calls 2000] [--cassandra-events 20000]
 * Each section runs in its own child process (bench/stores/<section>-job.ts) in a fresh namespace (random
 * topic prefix, key prefix, keyspace) that it deletes afterwards; within a section ours and the reference
 * alternate run by run after an untimed warm-up. Endpoints come from tests/support/real-services.ts (env
 * variables, else the infra/local launchers). Start times use private instances in temp run folders only:
 * `--starts` cold starts of Kafka and Cassandra (about 4 s and 10 s each here), `--runs` of Redis and MariaDB.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchEnvironment } from "./lib/environment.ts";
import { markdownTable, type TableRow, writeResult } from "./lib/report.ts";
import { chooseSections, runSectionJob } from "./lib/section-jobs.ts";
import { spread } from "./lib/stats.ts";
import type { SectionResult } from "./stores/section-result.ts";

const SECTIONS = ["redis", "kafka", "cassandra", "starts"] as const;
type Section = (typeof SECTIONS)[number];
/** A section is not started once this much time has gone, to keep the whole run near 10 minutes. */
const BUDGET_SECONDS = 8 * 60;
/** A failed section is tried again only with this much budget left, after this pause. */
const RETRY_MIN_SECONDS = 4 * 60;
const RETRY_PAUSE_MS = 20_000;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    starts: { type: "string", default: "5" },
    sections: { type: "string", default: SECTIONS.join(",") },
    "kafka-events": { type: "string", default: "20000" },
    "kafka-single-events": { type: "string", default: "2000" },
    "redis-calls": { type: "string", default: "2000" },
    "cassandra-events": { type: "string", default: "20000" },
  },
});
/** A flag's value as a positive integer; anything else stops the run before it starts. */
function count(flag: keyof typeof values): number {
  const value = Number(values[flag]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${flag} must be a positive integer, got ${values[flag]}`);
  return value;
}
const runs = count("runs");
const common = { runs, users: 1000, eventBytes: 200, batch: 500 };
const params = {
  kafka: {
    ...common,
    events: count("kafka-events"),
    singleEvents: count("kafka-single-events"),
    partitions: 8,
  },
  redis: {
    runs,
    calls: count("redis-calls"),
    keysPerCall: 100,
    dimensions: 64,
    storedVectors: 1000,
    benchmarkRequests: 20_000,
  },
  cassandra: {
    ...common,
    events: count("cassandra-events"),
    concurrency: 32,
    readUsers: 200,
    fetchSize: 1000,
  },
  starts: { starts: count("starts"), quickStarts: runs },
} satisfies Record<Section, object>;

function chosenSections(): Section[] {
  return chooseSections(values.sections, SECTIONS);
}

async function runOnce(section: Section): Promise<SectionResult> {
  const job = fileURLToPath(new URL(`./stores/${section}-job.ts`, import.meta.url));
  return runSectionJob(section, job, params[section]);
}

/** Runs a section; a failed one (a shared service restarted by a test, say) gets one more try if time allows. */
async function runSection(section: Section, secondsLeft: number): Promise<SectionResult> {
  const first = await runOnce(section);
  if (first.failed === undefined || secondsLeft < RETRY_MIN_SECONDS) return first;
  console.log(`${section} failed (${first.failed}); trying once more in ${RETRY_PAUSE_MS / 1000} s`);
  await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  const second = await runOnce(section);
  return { ...second, notes: [`${section}: first attempt failed (${first.failed})`, ...second.notes] };
}

async function main(): Promise<void> {
  const environment = benchEnvironment();
  console.log(
    `stores benchmark: ${runs} runs, commit ${environment.commit.slice(0, 12)}, node ${environment.node}, ${environment.cpus} CPUs`,
  );
  const started = performance.now();
  const results: SectionResult[] = [];
  for (const section of chosenSections()) {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed > BUDGET_SECONDS) {
      results.push({
        section,
        series: [],
        notes: [`${section} skipped: ${elapsed.toFixed(0)} s already spent`],
        details: {},
      });
      continue;
    }
    console.log(`\n## ${section} (${elapsed.toFixed(0)} s elapsed)`);
    results.push(await runSection(section, BUDGET_SECONDS - elapsed));
  }
  await report(results, (performance.now() - started) / 1000, environment);
}

async function report(
  results: SectionResult[],
  seconds: number,
  environment: ReturnType<typeof benchEnvironment>,
) {
  const rows: TableRow[] = results.flatMap((r) =>
    r.series
      .filter((s) => s.values.length > 0)
      .map((s) => ({ measure: s.measure, unit: s.unit, spread: spread(s.values) })),
  );
  const notes = results.flatMap((r) => r.notes);
  console.log(`\n### Stores: ${runs} runs per figure (median, min, max), ${seconds.toFixed(0)} s in all\n`);
  console.log(markdownTable(rows));
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join("\n")}`);
  const path = await writeResult("stores", {
    benchmark: "stores",
    date: new Date().toISOString(),
    environment,
    params,
    totalSeconds: seconds,
    summary: rows,
    notes,
    sections: results,
  });
  console.log(`\nJSON: ${path}`);
}

await main();
