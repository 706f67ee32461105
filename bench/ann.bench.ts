/**
 * ANN indexes against exact search: build time, serialised size and load time, recall@10 and single-query QPS.
 *   npm run bench:ann -- [--queries 1000] [--passes 5] [--size 100000] [--efs 10,20,50,100,200]
 * Data sets: Item2Vec vectors of ml-latest-small (RECSYS_DATA_DIR, else the shared copy; queries are items,
 * each excluding itself) and seeded synthetic clustered 64-d vectors (queries held out). Per data set: exact
 * search gives the ground truth; one HNSW graph (DEFAULT_HNSW_PARAMS) is searched at each ef; LSH is built at
 * each setting in LSH_SETTINGS. After an untimed recall pass, every configuration runs in turn per timed pass.
 */
import { parseArgs } from "node:util";
import type { LshParams } from "../core/ports/ann-index.ts";
import { DEFAULT_HNSW_PARAMS } from "../infra/ann/index.ts";
import { movieLensDataset, syntheticDataset } from "./ann/datasets.ts";
import { chooseEf, datasetTable } from "./ann/markdown.ts";
import { runDataset } from "./ann/run-dataset.ts";
import type { DatasetResult } from "./ann/types.ts";
import { benchEnvironment } from "./lib/environment.ts";
import { writeResult } from "./lib/report.ts";

const RECALL_TARGET = 0.95;
const SEED = 7;
/** The reference design's setting (Spark BucketedRandomProjectionLSH, 3 tables of 1 projection), then AND/OR. */
const LSH_SETTINGS: LshParams[] = [
  { bucketLength: 0.1, tables: 3, projectionsPerTable: 1, seed: 1 },
  { bucketLength: 0.2, tables: 8, projectionsPerTable: 8, seed: 1 },
  { bucketLength: 0.2, tables: 32, projectionsPerTable: 8, seed: 1 },
  { bucketLength: 0.3, tables: 32, projectionsPerTable: 12, seed: 1 },
  { bucketLength: 0.2, tables: 96, projectionsPerTable: 8, seed: 1 },
];

const { values } = parseArgs({
  options: {
    queries: { type: "string", default: "1000" },
    passes: { type: "string", default: "5" },
    size: { type: "string", default: "100000" },
    efs: { type: "string", default: "10,20,50,100,200" },
  },
});
const positive = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, got ${values[name]}`);
  return value;
};
const queries = positive("queries");
const passes = positive("passes");
const size = positive("size");
const efs = (values.efs ?? "").split(",").map(Number);
if (efs.some((ef) => !Number.isSafeInteger(ef) || ef < 1)) throw new Error("--efs takes integers >= 1");

async function main(): Promise<void> {
  const started = performance.now();
  const environment = benchEnvironment();
  console.log(
    `ann benchmark: ${queries} queries, ${passes} timed passes, commit ${environment.commit.slice(0, 12)}, ` +
      `node ${environment.node}, ${environment.cpus} CPUs`,
  );
  const options = { passes, efs, lshSettings: LSH_SETTINGS, log: (line: string) => console.log(line) };
  const results: DatasetResult[] = [];
  console.log("training Item2Vec on ml-latest-small");
  results.push(runDataset(await movieLensDataset(queries, SEED), options));
  console.log(`generating ${size} synthetic vectors`);
  results.push(runDataset(syntheticDataset(size, 64, queries, SEED), options));
  const chosenEf = chooseEf(results, efs, RECALL_TARGET);
  const seconds = (performance.now() - started) / 1000;
  const notes = methodNotes(chosenEf);
  console.log(`\n${results.map(datasetTable).join("\n\n")}\n\n${notes.map((n) => `- ${n}`).join("\n")}`);
  const path = await writeResult("ann", {
    benchmark: "ann",
    date: new Date().toISOString(),
    environment,
    params: { queries, passes, size, efs, k: 10, seed: SEED, hnsw: DEFAULT_HNSW_PARAMS, lsh: LSH_SETTINGS },
    target: { recallAt10: RECALL_TARGET },
    chosenEf,
    defaultEf: DEFAULT_HNSW_PARAMS.ef,
    totalSeconds: seconds,
    notes,
    datasets: results,
  });
  console.log(`\n${seconds.toFixed(0)} s in all. JSON: ${path}`);
  if (chosenEf === null) process.exitCode = 1;
}

function methodNotes(chosenEf: number | null): string[] {
  const choice =
    chosenEf === null
      ? `no tested ef reached recall@10 >= ${RECALL_TARGET} on both data sets`
      : `smallest tested ef reaching recall@10 >= ${RECALL_TARGET} on both data sets: ${chosenEf}` +
        (chosenEf === DEFAULT_HNSW_PARAMS.ef
          ? " (= DEFAULT_HNSW_PARAMS.ef)"
          : `; DEFAULT_HNSW_PARAMS.ef is ${DEFAULT_HNSW_PARAMS.ef}`);
  return [
    choice,
    "QPS: one query at a time (k 10), median / min / max over the timed passes; every configuration runs once per pass, in turn; x exact = median QPS over exact search's median QPS",
    "HNSW rows share one graph (hnswlib-node, inner product on unit vectors); its build time and size repeat on each ef row",
    "LSH rows: w = bucket length, tables x projections per table (AND within a table, OR across tables); candidates = mean share of the index re-ranked exactly per query",
    "size = serialised bytes (Starling ANN format); load s = factory.load of those bytes (LSH re-hashes every vector on load)",
  ];
}

await main();
