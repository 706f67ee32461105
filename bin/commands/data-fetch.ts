import { Command } from "commander";
import { fetchMovieLens } from "../../offline/data/index.ts";
import { cliProgress, positiveInt, say } from "../cli-support.ts";

/** `recsys data fetch`: download ml-latest-small and verify its checksums. */
export function dataFetchCommand(): Command {
  return new Command("fetch")
    .description("download MovieLens ml-latest-small from GroupLens into a folder and verify its checksums")
    .option("--dest <dir>", "folder to put ml-latest-small/ in", "data")
    .option("--url <url>", "where to download the zip from (a mirror)")
    .option("--timeout <seconds>", "give up after this long", positiveInt, 300)
    .action(async (options: { dest: string; url?: string; timeout: number }) => {
      const progress = cliProgress({ label: "download", unit: "bytes" });
      const signal = AbortSignal.timeout(options.timeout * 1000);
      const result = await fetchMovieLens({
        destDir: options.dest,
        fetchImpl: (input, init) => fetch(input, { ...init, signal }),
        ...(options.url ? { url: options.url } : {}),
        onProgress: (p) => progress.update(p.bytes),
      });
      progress.finish();
      say(
        result.downloaded
          ? `downloaded and verified ${result.dir}`
          : `${result.dir} is already there and verified`,
      );
      say(`use it with: RECSYS_DATA_DIR=${result.dir} npm start`);
    });
}
