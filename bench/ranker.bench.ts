/**
 * Ranker scoring latency in process and training time, on synthetic rows with a planted rule.
 *   npm run bench:ranker -- [--runs 7] [--calls 1000] [--candidates 500] [--features 40]
 *     [--train-rows 200000] [--train-runs 3]
 * Training: `--train-runs` runs of the default Wide&Deep ranker (DEFAULT_RANKER_PARAMS, seed = run) alternated
 * with the wide part alone (hidden []), each timed wall and CPU and checked on 20,000 held-out rows. Scoring:
 * `--runs` runs; in each, every contender scores the same `--candidates × --features` matrix `--calls` times,
 * each call timed on its own (order rotated run by run, one untimed warm-up run first). The reference is a plain
 * dot product over the same matrix, the floor any logistic-regression scorer pays. Target (the "well
 * under 5 ms" for 500 candidates): PASS when the default ranker's median call is under 1 ms; p99 is reported, but
 * on a shared machine it mostly shows preemption. Figures are medians with min and max over runs.
 */

import { cpus, loadavg } from "node:os";
import { cpuUsage } from "node:process";
import { parseArgs } from "node:util";
import { createRankerScorer, type RankerModel } from "../core/ranking/index.ts";
import {
  auc,
  DEFAULT_RANKER_PARAMS,
  plantedRankingData,
  type RankerTrainingData,
  trainRanker,
} from "../offline/algorithms/ranker/index.ts";
import { benchEnvironment } from "./lib/environment.ts";
import { markdownTable, type TableRow, writeResult } from "./lib/report.ts";
import { spread } from "./lib/stats.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    calls: { type: "string", default: "1000" },
    candidates: { type: "string", default: "500" },
    features: { type: "string", default: "40" },
    "train-rows": { type: "string", default: "200000" },
    "train-runs": { type: "string", default: "3" },
  },
});
/** A flag's value as a positive integer; anything else stops the run before it starts. */
function count(flag: keyof typeof values): number {
  const value = Number(values[flag]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${flag} must be a positive integer, got ${values[flag]}`);
  return value;
}
const params = {
  runs: count("runs"),
  calls: count("calls"),
  candidates: count("candidates"),
  features: count("features"),
  trainRows: count("train-rows"),
  trainRuns: count("train-runs"),
  heldOutRows: 20_000,
  ranker: DEFAULT_RANKER_PARAMS,
};
/** The budget, and "well under" it read as a fifth. */
const TARGET = { budgetMicros: 5000, medianMicros: 1000 };
const rule = { features: params.features, linear: 3, linearFeatures: 10, interaction: 3 };
const LABEL = `Wide&Deep [${params.ranker.hidden}]`;

async function trainOnce(data: RankerTrainingData, test: RankerTrainingData, hidden: number[], seed: number) {
  const wall = performance.now();
  const cpu = cpuUsage();
  const { model, history } = await trainRanker(data, { ...params.ranker, hidden, seed });
  const used = cpuUsage(cpu);
  const seconds = (performance.now() - wall) / 1000;
  const scores = new Float32Array(test.rows);
  createRankerScorer(model).score(test.features, test.rows, scores);
  const heldOutAuc = auc(scores, test.labels);
  console.log(
    `  hidden [${hidden}] seed ${seed}: ${seconds.toFixed(1)} s, ${history.epochs.length} epochs, AUC ${heldOutAuc.toFixed(4)}`,
  );
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    epochs: history.epochs.length,
    heldOutAuc,
    model,
  };
}

type TrainRun = Awaited<ReturnType<typeof trainOnce>>;
type Score = (features: Float32Array, rows: number, out: Float32Array) => void;

/** The logistic-regression floor: one multiply-add per value, no standardisation, no deep part. */
function dotProductScorer(model: RankerModel): Score {
  const weights = Float64Array.from(model.wide.weights);
  const bias = model.wide.bias;
  const width = weights.length;
  return (features, rows, out) => {
    for (let r = 0; r < rows; r++) {
      let sum = bias;
      const base = r * width;
      for (let j = 0; j < width; j++) sum += (weights[j] as number) * (features[base + j] as number);
      out[r] = sum;
    }
  };
}

/** Per-call times in µs of `calls` calls. */
function timeCalls(score: Score, features: Float32Array, out: Float32Array): number[] {
  const times: number[] = [];
  for (let c = 0; c < params.calls; c++) {
    const started = performance.now();
    score(features, params.candidates, out);
    times.push((performance.now() - started) * 1000);
  }
  return times;
}

const quantile = (values: readonly number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] as number;

/** Per contender, the median and p99 of each timed run. */
function measureScoring(contenders: [string, Score][], features: Float32Array) {
  const out = new Float32Array(params.candidates);
  const runs = new Map(contenders.map(([name]) => [name, { medians: [] as number[], p99s: [] as number[] }]));
  let checksum = 0;
  for (let run = 0; run <= params.runs; run++) {
    for (let k = 0; k < contenders.length; k++) {
      const [name, score] = contenders[(k + run) % contenders.length] as [string, Score];
      const times = timeCalls(score, features, out);
      checksum += out[0] as number;
      if (run === 0) continue;
      runs.get(name)?.medians.push(quantile(times, 0.5));
      runs.get(name)?.p99s.push(quantile(times, 0.99));
    }
  }
  return { runs, checksum };
}

async function main(): Promise<void> {
  const environment = benchEnvironment();
  console.log(
    `ranker benchmark: commit ${environment.commit.slice(0, 12)}, node ${environment.node}, ${environment.cpus} CPUs, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const data = plantedRankingData({ ...rule, rows: params.trainRows, seed: 1 });
  const test = plantedRankingData({ ...rule, rows: params.heldOutRows, seed: 2 });
  console.log(`training on ${params.trainRows.toLocaleString("en-US")} rows × ${params.features} features`);
  const deep: TrainRun[] = [];
  const wide: TrainRun[] = [];
  for (let run = 1; run <= params.trainRuns; run++) {
    deep.push(await trainOnce(data, test, params.ranker.hidden, run));
    wide.push(await trainOnce(data, test, [], run));
  }
  console.log(`scoring ${params.candidates} candidates: ${params.runs} runs × ${params.calls} calls`);
  const wideModel = (wide[0] as TrainRun).model;
  const scoring = measureScoring(
    [
      [LABEL, createRankerScorer((deep[0] as TrainRun).model).score],
      ["wide only", createRankerScorer(wideModel).score],
      ["reference: dot product", dotProductScorer(wideModel)],
    ],
    test.features.slice(0, params.candidates * params.features),
  );
  await report(environment, scoring, { deep, wide });
}

async function report(
  environment: ReturnType<typeof benchEnvironment>,
  scoring: ReturnType<typeof measureScoring>,
  training: { deep: TrainRun[]; wide: TrainRun[] },
): Promise<void> {
  const matrix = `${params.candidates} × ${params.features}`;
  const rows: TableRow[] = [
    ...[...scoring.runs].flatMap(([name, run]) => [
      { measure: `score ${matrix}, ${name}: median per call`, unit: "µs", spread: spread(run.medians) },
      { measure: `score ${matrix}, ${name}: p99 per call`, unit: "µs", spread: spread(run.p99s) },
    ]),
    ...trainRows(LABEL, training.deep),
    ...trainRows("wide only", training.wide),
  ];
  const { pass, verdict } = judge(scoring.runs.get(LABEL) as { medians: number[]; p99s: number[] });
  console.log(
    `\n### Ranker: ${params.runs} scoring runs, ${params.trainRuns} training runs (median, min, max)\n`,
  );
  console.log(markdownTable(rows));
  console.log(`\n${verdict}`);
  const withoutModel = ({ model: _, ...run }: TrainRun) => run;
  const path = await writeResult("ranker", {
    benchmark: "ranker",
    date: new Date().toISOString(),
    environment,
    loadAverage: loadavg(),
    params: { ...params, rule, target: TARGET },
    summary: rows,
    verdict,
    pass,
    checksum: scoring.checksum,
    training: { deep: training.deep.map(withoutModel), wide: training.wide.map(withoutModel) },
    scoring: Object.fromEntries(scoring.runs),
  });
  console.log(`\nJSON: ${path}`);
}

/** The median decides: a p99 of single calls mostly measures how often the OS preempts us on a busy machine. */
function judge(ours: { medians: number[]; p99s: number[] }) {
  const median = spread(ours.medians).median;
  const pass = median < TARGET.medianMicros;
  const share = ((100 * median) / TARGET.budgetMicros).toFixed(0);
  const load = loadavg()[0]?.toFixed(1);
  const verdict =
    `${pass ? "PASS" : "MISS"}: ${LABEL} scores ${params.candidates} candidates in ${median.toFixed(0)} µs ` +
    `(median), ${share}% of the 5 ms budget (target: under ${TARGET.medianMicros} µs); p99 per run ` +
    `${spread(ours.p99s).min.toFixed(0)}..${spread(ours.p99s).max.toFixed(0)} µs at load ${load} on ${cpus().length} CPUs`;
  return { pass, verdict };
}

function trainRows(name: string, runs: TrainRun[]): TableRow[] {
  const row = (what: string, unit: string, value: (run: TrainRun) => number): TableRow => ({
    measure: `train ${(params.trainRows / 1000).toFixed(0)}k rows, ${name}: ${what}`,
    unit,
    spread: spread(runs.map(value)),
  });
  return [
    row("wall", "s", (r) => r.seconds),
    row("CPU", "s", (r) => r.cpuSeconds),
    row("epochs run", "epochs", (r) => r.epochs),
    row("wall per epoch", "s", (r) => r.seconds / r.epochs),
    row("held-out AUC", "%", (r) => 100 * r.heldOutAuc),
  ];
}

await main();
