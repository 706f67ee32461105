import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { EmbeddingTable } from "../../offline/evaluate/index.ts";
import type { Configuration, SharedParams, TrainedModel } from "./types.ts";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("./gensim_train.py", import.meta.url));
/** Far above a run here (a few seconds); only stops a hung interpreter. */
const TIMEOUT_MS = 5 * 60_000;

/** What gensim_train.py prints as its last stdout line. */
interface GensimTimings {
  buildVocabSeconds: number;
  trainSeconds: number;
  trainCpuSeconds: number;
  effectiveWords: number;
  rawWords: number;
  vocab: number;
  sentences: number;
  gensim: string;
  fastVersion: number;
}

/** Trains gensim Word2Vec in a fresh interpreter; `seconds` is its train() wall time only. */
export async function trainGensim(
  python: string,
  corpusPath: string,
  vectorsPath: string,
  shared: SharedParams,
  config: Configuration,
  seed: number,
): Promise<TrainedModel> {
  const args = [
    SCRIPT,
    corpusPath,
    vectorsPath,
    ...[shared.dimension, shared.window, shared.negatives, shared.epochs, shared.minCount].map(String),
    String(config.subsample),
    String(config.threads),
    String(seed),
  ];
  // gensim seeds each vector from hash(word + seed); a fixed hash seed makes that reproducible.
  const env = { ...process.env, PYTHONHASHSEED: "0" };
  const { stdout } = await run(python, args, { env, timeout: TIMEOUT_MS, maxBuffer: 1 << 20 });
  const timings = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as GensimTimings;
  try {
    const table = parseWord2VecText(await readFile(vectorsPath, "utf8"));
    return {
      table,
      seconds: timings.trainSeconds,
      cpuSeconds: timings.trainCpuSeconds,
      details: { ...timings },
    };
  } finally {
    await rm(vectorsPath, { force: true });
  }
}

/** Reads word2vec's text format: a "count dimension" header, then one "id v1 ... vD" line per item. */
export function parseWord2VecText(text: string): EmbeddingTable {
  const lines = text.split("\n").filter((line) => line.length > 0);
  const [count, dimension] = (lines[0] ?? "").trim().split(" ").map(Number);
  if (count === undefined || dimension === undefined || lines.length !== count + 1) {
    throw new Error(`word2vec text: header "${lines[0]}" does not match ${lines.length - 1} vector lines`);
  }
  const itemIds: string[] = [];
  const vectors = new Float32Array(count * dimension);
  for (let row = 0; row < count; row++) {
    const fields = (lines[row + 1] as string).trim().split(" ");
    if (fields.length !== dimension + 1)
      throw new Error(`word2vec text: line ${row + 2} has ${fields.length} fields`);
    itemIds.push(fields[0] as string);
    for (let d = 0; d < dimension; d++) vectors[row * dimension + d] = Number(fields[d + 1]);
  }
  return { itemIds, dimension, vectors };
}
