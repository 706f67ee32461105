/**
 * Synthetic generator throughput and peak memory, against the disk/stream ceiling.
 *   npm run bench:generate -- [--users N] [--items N] [--ratings N] [--runs N] [--seed N]
 * Defaults to the target scale (1,000,000 users × 100,000 items × 50,000,000 ratings), 3 runs.
 * Each run is a pair A B, alternated: A = the generator, B = the reference, which writes the same
 * number of bytes of pre-built CSV lines through the same chunk writer. Each side runs in its own
 * child process so its peak RSS is its own. Files go to a temp dir that is deleted after each run.
 */
import { mkdtemp, rm, statfs } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runChild } from "./lib/child-run.ts";
import { benchEnvironment } from "./lib/environment.ts";
import { markdownTable, writeResult } from "./lib/report.ts";
import { spread } from "./lib/stats.ts";

interface JobResult {
  seconds: number;
  bytes: number;
  rows?: number;
  peakRssMB: number;
  startRssMB: number;
}

const JOB = fileURLToPath(new URL("./lib/generate-job.ts", import.meta.url));
const BUDGET_SECONDS = 9 * 60;
const BYTES_PER_ROW_ESTIMATE = 32;

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000000" },
    items: { type: "string", default: "100000" },
    ratings: { type: "string", default: "50000000" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
  },
});
const params = {
  users: Number(values.users),
  items: Number(values.items),
  ratings: Number(values.ratings),
  seed: Number(values.seed),
};
const requestedRuns = Number(values.runs);

/** Runs one side in a fresh temp dir, deleting it afterwards whatever happens. */
async function measure(mode: "generate" | "reference", bytes: number, shape = params): Promise<JobResult> {
  const dir = await mkdtemp(join(tmpdir(), `starling-bench-${mode}-`));
  try {
    const args =
      mode === "generate"
        ? [dir, shape.users, shape.items, shape.ratings, shape.seed].map(String)
        : [dir, String(bytes)];
    return await runChild<JobResult>(JOB, [mode, ...args]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function checkDisk(): Promise<void> {
  const fs = await statfs(tmpdir());
  const free = fs.bavail * fs.bsize;
  const needed = params.ratings * BYTES_PER_ROW_ESTIMATE * 1.2;
  console.log(
    `temp dir ${tmpdir()}: ${(free / 2 ** 30).toFixed(1)} GiB free, ~${(needed / 2 ** 30).toFixed(1)} GiB needed`,
  );
  if (free < needed) throw new Error("not enough free disk space in the temp dir for one run");
}

async function main(): Promise<void> {
  await checkDisk();
  const warmShape = { ...params, ratings: Math.max(params.users, Math.floor(params.ratings / 50)) };
  console.log(`warm-up at ${warmShape.ratings.toLocaleString("en-US")} ratings`);
  const warm = await measure("generate", 0, warmShape);
  await measure("reference", warm.bytes);

  const started = performance.now();
  const pairs: { generator: JobResult; reference: JobResult }[] = [];
  let note = "";
  for (let run = 1; run <= requestedRuns; run++) {
    const elapsed = (performance.now() - started) / 1000;
    const perPair = pairs.length > 0 ? elapsed / pairs.length : 0;
    if (pairs.length > 0 && elapsed + perPair > BUDGET_SECONDS) {
      note = `stopped after ${pairs.length} of ${requestedRuns} runs to stay within ~10 minutes`;
      break;
    }
    console.log(`run ${run}/${requestedRuns}: generator`);
    const generator = await measure("generate", 0);
    console.log(`run ${run}/${requestedRuns}: reference (${(generator.bytes / 2 ** 30).toFixed(2)} GiB)`);
    const reference = await measure("reference", generator.bytes);
    pairs.push({ generator, reference });
  }
  await report(pairs, note);
}

async function report(pairs: { generator: JobResult; reference: JobResult }[], note: string): Promise<void> {
  const rows = params.ratings;
  const summary = {
    generatorRowsPerSecond: spread(pairs.map((p) => rows / p.generator.seconds)),
    referenceRowsPerSecond: spread(pairs.map((p) => rows / p.reference.seconds)),
    ratio: spread(pairs.map((p) => p.reference.seconds / p.generator.seconds)),
    generatorSeconds: spread(pairs.map((p) => p.generator.seconds)),
    generatorPeakRssMB: spread(pairs.map((p) => p.generator.peakRssMB)),
    generatorStartRssMB: spread(pairs.map((p) => p.generator.startRssMB)),
    referencePeakRssMB: spread(pairs.map((p) => p.reference.peakRssMB)),
    bytesWritten: spread(pairs.map((p) => p.generator.bytes)),
  };
  const table = markdownTable([
    { measure: "generator throughput", unit: "rows/s", spread: summary.generatorRowsPerSecond },
    {
      measure: "reference (same bytes, pre-built lines)",
      unit: "rows/s",
      spread: summary.referenceRowsPerSecond,
    },
    { measure: "ours / reference", unit: "ratio", spread: summary.ratio },
    { measure: "generator wall time", unit: "s", spread: summary.generatorSeconds },
    { measure: "generator peak RSS", unit: "MB", spread: summary.generatorPeakRssMB },
    { measure: "generator RSS before generating", unit: "MB", spread: summary.generatorStartRssMB },
    { measure: "reference peak RSS", unit: "MB", spread: summary.referencePeakRssMB },
  ]);
  const shape = `${params.users.toLocaleString("en-US")} users × ${params.items.toLocaleString("en-US")} items × ${rows.toLocaleString("en-US")} ratings`;
  console.log(`\n### Synthetic generator: ${shape}, ${pairs.length} runs\n\n${table}\n`);
  if (note !== "") console.log(`Note: ${note}.`);
  const path = await writeResult("generate", {
    benchmark: "generate",
    date: new Date().toISOString(),
    environment: benchEnvironment(),
    params: { ...params, runs: pairs.length, requestedRuns },
    note,
    summary,
    runs: pairs,
  });
  console.log(`JSON: ${path}`);
}

await main();
