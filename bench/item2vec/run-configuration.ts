import type { BenchData } from "./bench-data.ts";
import { trainGensim } from "./gensim-side.ts";
import { evaluateTable } from "./quality.ts";
import { trainStarling } from "./starling-side.ts";
import {
  type Configuration,
  type ConfigurationResult,
  type RunResult,
  type SharedParams,
  SIDES,
  type SideName,
  type TrainedModel,
} from "./types.ts";

/** Everything a configuration's runs share. */
export interface RunContext {
  data: BenchData;
  shared: SharedParams;
  /** Timed runs per side; run r uses seed r, after an untimed warm-up with seed 1. */
  runs: number;
  python: string;
  corpusPath: string;
  vectorsPath: string;
}

/**
 * Trains Starling and gensim in turn, S G S G ..., so drift on the shared machine hits both alike. Run 0 is a
 * warm-up (JIT, page cache) whose model is neither timed nor evaluated. Prints one line per run.
 */
export async function runConfiguration(
  context: RunContext,
  config: Configuration,
): Promise<ConfigurationResult> {
  const runs: Record<SideName, RunResult[]> = { Starling: [], gensim: [] };
  const tokens = context.data.corpus.tokens.length * context.shared.epochs;
  for (let run = 0; run <= context.runs; run++) {
    const seed = Math.max(1, run);
    for (const side of SIDES) {
      const tag = run === 0 ? "warm-up" : `run ${run}/${context.runs}`;
      process.stdout.write(`  ${label(config)} ${tag} seed ${seed} ${side}: `);
      const model = await train(context, config, side, seed);
      const itemsPerSecond = tokens / model.seconds;
      const busy = (model.cpuSeconds / model.seconds).toFixed(2);
      const speed = `${model.seconds.toFixed(2)} s (${busy} CPUs busy), ${Math.round(itemsPerSecond).toLocaleString("en-US")} items/s`;
      if (run === 0) {
        process.stdout.write(`${speed} (not counted)\n`);
        continue;
      }
      const quality = evaluateTable(context.data.split, context.data.catalogue, model.table);
      const hr = `HR@10 last ${quality.hr10Last.toFixed(4)}, mean ${quality.hr10Mean.toFixed(4)}`;
      process.stdout.write(`${speed}, ${hr}\n`);
      const timing = { trainSeconds: model.seconds, trainCpuSeconds: model.cpuSeconds, itemsPerSecond };
      runs[side].push({ seed, ...timing, quality, details: model.details });
    }
  }
  return { ...config, runs };
}

/** "sample 0.001, 2 threads", as progress lines and tables name a configuration. */
export function label(config: Configuration): string {
  const threads = `${config.threads} thread${config.threads === 1 ? "" : "s"}`;
  return `sample ${config.subsample === 0 ? "0 (off)" : String(config.subsample)}, ${threads}`;
}

function train(
  context: RunContext,
  config: Configuration,
  side: SideName,
  seed: number,
): Promise<TrainedModel> {
  if (side === "Starling") return trainStarling(context.data.corpus, context.shared, config, seed);
  return trainGensim(context.python, context.corpusPath, context.vectorsPath, context.shared, config, seed);
}
