/**
 * One standalone Starling training run on the benchmark's corpus, for profiling what limits its throughput:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/item2vec-prof bench/item2vec/train-once.ts [threads] [subsample]
 * Loads ml-latest-small like the benchmark, then times trainItem2Vec alone (seed 1, the benchmark's parameters).
 */
import { loadBenchData } from "./bench-data.ts";
import { trainStarling } from "./starling-side.ts";
import type { SharedParams } from "./types.ts";

const shared: SharedParams = { dimension: 64, window: 5, negatives: 5, epochs: 10, minCount: 1 };
const threads = Number(process.argv[2] ?? "1");
const subsample = Number(process.argv[3] ?? "0");

const data = await loadBenchData(shared.minCount);
const model = await trainStarling(data.corpus, shared, { subsample, threads }, 1);
const itemsPerSecond = (data.corpus.tokens.length * shared.epochs) / model.seconds;
console.log(
  `${threads} thread(s), sample ${subsample}: ${model.seconds.toFixed(2)} s, ${Math.round(itemsPerSecond).toLocaleString("en-US")} items/s`,
);
