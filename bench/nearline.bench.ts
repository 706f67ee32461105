/**
 * Nearline tier on the services profile (Kafka, Redis, Cassandra, MySQL): sustained apply throughput of one
 * consumer against a bare kafkajs consumer, where its time goes, and freshness under a steady produce rate.
 *   npm run bench:nearline -- [--runs 3] [--events 200000] [--max-seconds 45] [--users 20000] [--items 5000]
 *     [--click-share 0.2] [--partitions 8] [--max-batch 500] [--rates 5000,500] [--seconds 20] [--drain-seconds 30]
 *     [--sections throughput,freshness]
 * Each section runs in its own child process (bench/nearline/<section>-job.ts); every run uses a fresh namespace
 * (topics, groups, Redis keys, keyspace, database) removed afterwards; figures are medians of `--runs` runs after
 * an untimed warm-up. A throughput window ends when every checkpoint reached its end offset or at --max-seconds
 * (the rate is then applied / seconds); a freshness run gives the backlog --drain-seconds to drain after the
 * producer stops; the second rate of --rates shows the latency when the consumer keeps up. --max-batch sets
 * RECSYS_NEARLINE_MAX_BATCH_SIZE: the config's 2000 makes apply-script calls whose arguments overflow the call
 * stack (RangeError, retried forever), so the default here is 500; other settings are nearlineSettings(config).
 * Endpoints come from tests/support/real-services.ts; start the services first with
 * `npx tsx bin/recsys.ts services start redis mysql kafka cassandra`.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type BenchEnvironment, benchEnvironment } from "./lib/environment.ts";
import { markdownTable, type TableRow, writeResult } from "./lib/report.ts";
import { chooseSections, runSectionJob } from "./lib/section-jobs.ts";
import { spread } from "./lib/stats.ts";
import type { FreshnessJobParams } from "./nearline/freshness-job.ts";
import type { ThroughputParams } from "./nearline/throughput-run.ts";
import type { SectionResult } from "./stores/section-result.ts";

const SECTIONS = ["throughput", "freshness"] as const;
type Section = (typeof SECTIONS)[number];
/** A section is not started once this much time has gone, to keep the whole run near 10 minutes. */
const BUDGET_SECONDS = 8 * 60;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    events: { type: "string", default: "200000" },
    users: { type: "string", default: "20000" },
    items: { type: "string", default: "5000" },
    "click-share": { type: "string", default: "0.2" },
    partitions: { type: "string", default: "8" },
    "max-batch": { type: "string", default: "500" },
    "max-seconds": { type: "string", default: "45" },
    "drain-seconds": { type: "string", default: "30" },
    rates: { type: "string", default: "5000,500" },
    seconds: { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    sections: { type: "string", default: SECTIONS.join(",") },
  },
});

/** A flag's value as a positive number (an integer unless `fraction`); anything else stops the run. */
function flag(name: keyof typeof values, fraction = false): number {
  const value = Number(values[name]);
  const ok = fraction ? value >= 0 && value <= 1 : Number.isInteger(value) && value >= 1;
  if (!ok)
    throw new Error(
      `--${name} must be ${fraction ? "from 0 to 1" : "a positive integer"}, got ${values[name]}`,
    );
  return value;
}

/** --rates as a list of positive integers, the first being the headline rate. */
function rateList(): number[] {
  const rates = (values.rates ?? "").split(",").map((r) => Number(r.trim()));
  if (rates.length === 0 || rates.some((r) => !Number.isInteger(r) || r < 1))
    throw new Error(`--rates must list positive integers, e.g. 5000,500; got ${values.rates}`);
  return rates;
}

const shape = {
  users: flag("users"),
  items: flag("items"),
  clickShare: flag("click-share", true),
  seed: flag("seed"),
};
const common = {
  ...shape,
  runs: flag("runs"),
  partitions: flag("partitions"),
  dimension: 64,
  maxBatch: flag("max-batch"),
};
const params = {
  throughput: {
    ...common,
    events: flag("events"),
    maxSeconds: flag("max-seconds"),
  } satisfies ThroughputParams,
  freshness: {
    ...common,
    rates: rateList(),
    seconds: flag("seconds"),
    drainSeconds: flag("drain-seconds"),
  } satisfies FreshnessJobParams,
};

function chosenSections(): Section[] {
  return chooseSections(values.sections, SECTIONS);
}

async function runSection(section: Section): Promise<SectionResult> {
  const job = fileURLToPath(new URL(`./nearline/${section}-job.ts`, import.meta.url));
  return runSectionJob(section, job, params[section]);
}

async function main(): Promise<void> {
  const environment = benchEnvironment();
  console.log(
    `nearline benchmark: ${common.runs} runs, commit ${environment.commit.slice(0, 12)}${environment.dirty ? " (dirty)" : ""}, node ${environment.node}, ${environment.cpus} CPUs`,
  );
  const started = performance.now();
  const results: SectionResult[] = [];
  for (const section of chosenSections()) {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed > BUDGET_SECONDS) {
      const note = `${section} skipped: ${elapsed.toFixed(0)} s already spent`;
      results.push({ section, series: [], notes: [note], details: {} });
      continue;
    }
    console.log(`\n## ${section} (${elapsed.toFixed(0)} s elapsed)`);
    results.push(await runSection(section));
  }
  await report(results, (performance.now() - started) / 1000, environment);
}

/** Prints the table and the notes, and writes the JSON result. */
async function report(results: SectionResult[], seconds: number, environment: BenchEnvironment) {
  const rows: TableRow[] = results.flatMap((r) =>
    r.series
      .filter((s) => s.values.length > 0)
      .map((s) => ({ measure: s.measure, unit: s.unit, spread: spread(s.values) })),
  );
  const notes = results.flatMap((r) => r.notes);
  console.log(
    `\n### Nearline: ${common.runs} runs per figure (median, min, max), ${seconds.toFixed(0)} s in all\n`,
  );
  console.log(markdownTable(rows));
  if (notes.length > 0) console.log(`\n${notes.map((n) => `- ${n}`).join("\n")}`);
  const path = await writeResult("nearline", {
    benchmark: "nearline",
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
