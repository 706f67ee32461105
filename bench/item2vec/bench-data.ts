import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildCorpus, type Corpus } from "../../offline/algorithms/item2vec/index.ts";
import { openDataset } from "../../offline/data/index.ts";
import {
  type EvaluationSplit,
  LIKE_THRESHOLD,
  type RatingRow,
  splitLeaveLastOut,
} from "../../offline/evaluate/index.ts";
import { sharedDataDir } from "../../tests/support/shared-data.ts";

/** ml-latest-small split for evaluation, its catalogue, and the training corpus both sides learn from. */
export interface BenchData {
  dir: string;
  ratings: number;
  catalogue: string[];
  split: EvaluationSplit;
  corpus: Corpus;
}

/**
 * Loads ml-latest-small from RECSYS_DATA_DIR (else the shared copy beside the repository, as the tests do),
 * splits it leave-last-out and builds the corpus from the training ratings only.
 */
export async function loadBenchData(minCount: number): Promise<BenchData> {
  const dir = sharedDataDir();
  if (!existsSync(join(dir, "ratings.csv")) || !existsSync(join(dir, "movies.csv"))) {
    throw new Error(
      `ml-latest-small not found in ${dir}: set RECSYS_DATA_DIR to a folder holding its ratings.csv and ` +
        "movies.csv (`npm run data:fetch` downloads it)",
    );
  }
  const dataset = await openDataset(dir);
  const rows: RatingRow[] = [];
  // The evaluation's rows carry Unix seconds; the data layer reads milliseconds.
  for await (const r of dataset.ratings()) {
    rows.push({ userId: r.userId, itemId: r.itemId, rating: r.rating, timestamp: r.timestamp / 1000 });
  }
  const catalogue: string[] = [];
  for await (const movie of dataset.movies()) catalogue.push(movie.itemId);
  const split = splitLeaveLastOut(rows);
  return {
    dir,
    ratings: rows.length,
    catalogue,
    split,
    corpus: buildCorpus(likedSentences(split), minCount),
  };
}

/** One sentence per user: the items they liked in training, in (timestamp, itemId) order. */
export function likedSentences(split: EvaluationSplit): string[][] {
  const sentences: string[][] = [];
  for (const rows of split.trainByUser.values()) {
    sentences.push(rows.filter((row) => row.rating >= LIKE_THRESHOLD).map((row) => row.itemId));
  }
  return sentences;
}

/**
 * Writes the corpus as gensim's LineSentence reads it, one sentence per line, from the already filtered
 * corpus so both sides train on exactly the same tokens.
 */
export async function writeCorpusFile(corpus: Corpus, path: string): Promise<void> {
  const lines: string[] = [];
  const starts = corpus.sentenceStarts;
  for (let s = 0; s < starts.length; s++) {
    const end = s + 1 < starts.length ? (starts[s + 1] as number) : corpus.tokens.length;
    const ids = Array.from(
      corpus.tokens.subarray(starts[s] as number, end),
      (t) => corpus.vocab[t] as string,
    );
    lines.push(ids.join(" "));
  }
  await writeFile(path, `${lines.join("\n")}\n`);
}
