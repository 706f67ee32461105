import { Command } from "commander";
import { generateSynthetic } from "../../offline/data/index.ts";
import { cliProgress, positiveInt, say } from "../cli-support.ts";

/** `recsys data generate`: write a synthetic MovieLens-shaped data set of any size. */
export function dataGenerateCommand(): Command {
  return new Command("generate")
    .description(
      "write a synthetic data set (movies.csv, ratings.csv in the ml-latest format) with planted tastes",
    )
    .requiredOption("--out <dir>", "folder to write into")
    .option("--users <n>", "number of users", positiveInt, 10_000)
    .option("--items <n>", "number of items", positiveInt, 5_000)
    .option("--ratings <n>", "number of ratings", positiveInt, 500_000)
    .option("--seed <n>", "random seed; the same seed gives the same files", positiveInt, 42)
    .action(async (options: { out: string; users: number; items: number; ratings: number; seed: number }) => {
      const progress = cliProgress({ label: "generate", total: options.ratings, unit: "ratings" });
      const result = await generateSynthetic({
        outDir: options.out,
        users: options.users,
        items: options.items,
        ratings: options.ratings,
        seed: options.seed,
        onProgress: (p) => progress.update(p.rows),
      });
      progress.finish(undefined, true);
      say(`wrote ${result.rows.toLocaleString("en-US")} ratings to ${result.files.join(", ")}`);
      say(`use it with: RECSYS_DATA_DIR=${options.out} npm start`);
    });
}
