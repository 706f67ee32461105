import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openDataset } from "../../offline/data/index.ts";
import { type EvaluationSplit, type RatingRow, splitLeaveLastOut } from "../../offline/evaluate/index.ts";

/** The leave-last-out split of a MovieLens folder, with its training part written as a MovieLens folder. */
export interface TrainingSplit {
  /** Folder holding movies.csv and the training ratings.csv (ml-latest layout). */
  readonly dir: string;
  /** The split itself (timestamps in ms, as the offline loaders give them). */
  readonly split: EvaluationSplit;
  /** Evaluated userId -> held-out itemId (the protocol's 607 users on ml-latest-small). */
  readonly heldOut: ReadonlyMap<string, string>;
  /** Each user's training items, to check that a served list holds no seen item. */
  readonly seenByUser: ReadonlyMap<string, ReadonlySet<string>>;
  readonly ratings: number;
  readonly trainRatings: number;
  readonly catalogue: number;
}

/**
 * Reads `dataDir` with the offline loaders, splits it as `recsys offline evaluate` does and writes the training
 * ratings (input order, Unix seconds) with movies.csv copied unchanged into `outDir`, so that
 * `recsys offline train --data outDir` learns from exactly the data the evaluation trains its models on.
 */
export async function writeTrainingSplit(dataDir: string, outDir: string): Promise<TrainingSplit> {
  const dataset = await openDataset(dataDir);
  if (dataset.format !== "ml-latest") {
    throw new Error(
      `${dataset.dir} is ${dataset.format}; the served-quality bench writes the ml-latest layout`,
    );
  }
  const rows: RatingRow[] = [];
  for await (const rating of dataset.ratings()) rows.push(rating);
  let catalogue = 0;
  for await (const _movie of dataset.movies()) catalogue += 1;
  const split = splitLeaveLastOut(rows);
  await mkdir(outDir, { recursive: true });
  await copyFile(join(dataset.dir, "movies.csv"), join(outDir, "movies.csv"));
  const lines = split.train.map(
    (r) => `${r.userId},${r.itemId},${r.rating},${Math.floor(r.timestamp / 1000)}`,
  );
  await writeFile(join(outDir, "ratings.csv"), `userId,movieId,rating,timestamp\n${lines.join("\n")}\n`);
  const seenByUser = new Map<string, ReadonlySet<string>>();
  for (const [userId, train] of split.trainByUser)
    seenByUser.set(userId, new Set(train.map((r) => r.itemId)));
  return {
    dir: outDir,
    split,
    heldOut: split.heldOut,
    seenByUser,
    ratings: rows.length,
    trainRatings: split.train.length,
    catalogue,
  };
}
