import { join } from "node:path";
import type { Config } from "../core/config/index.ts";
import type { Logger } from "../core/logger.ts";
import {
  type Dataset,
  detectFormat,
  fetchMovieLens,
  generateSynthetic,
  openDataset,
} from "../offline/data/index.ts";
import { cliProgress, say } from "./cli-support.ts";

const LOCAL_DATA = "data";
const FETCH_TIMEOUT_MS = 30_000;

/** True when the folder holds every file of a format openDataset reads. */
async function looksLikeDataset(dir: string): Promise<boolean> {
  return (await detectFormat(dir)) !== null;
}

async function tryFetch(logger: Logger): Promise<string | null> {
  const progress = cliProgress({ label: "download ml-latest-small", unit: "bytes" });
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  try {
    const result = await fetchMovieLens({
      destDir: LOCAL_DATA,
      fetchImpl: (input, init) => fetch(input, { ...init, signal }),
      onProgress: (p) => progress.update(p.bytes),
    });
    progress.finish();
    return result.dir;
  } catch (error) {
    progress.finish();
    logger.debug("download failed", { message: (error as Error).message });
    say(`notice: could not download MovieLens (${(error as Error).message})`);
    return null;
  }
}

async function synthetic(config: Config): Promise<string> {
  const dir = join(config.stateDir, "synthetic");
  const users = config.demo.syntheticUsers;
  say(
    `notice: using a synthetic data set of ${users} users in ${dir}; set RECSYS_DATA_DIR to a MovieLens copy instead`,
  );
  if (!(await looksLikeDataset(dir))) {
    const ratings = users * 40;
    const progress = cliProgress({ label: "generate synthetic data", total: ratings, unit: "ratings" });
    await generateSynthetic({
      outDir: dir,
      users,
      items: Math.max(200, Math.round(users / 2)),
      ratings,
      seed: 7,
      onProgress: (p) => progress.update(p.rows),
    });
    progress.finish();
  }
  return dir;
}

/**
 * The demo's data: RECSYS_DATA_DIR when set (and then nothing else), else ./data, else a download,
 * else a synthetic set with a printed notice.
 */
export async function resolveDemoDataset(config: Config, logger: Logger): Promise<Dataset> {
  if (config.dataDir !== undefined) return openDataset(config.dataDir);
  for (const dir of [join(LOCAL_DATA, "ml-latest-small"), LOCAL_DATA]) {
    if (await looksLikeDataset(dir)) return openDataset(dir);
  }
  const fetched = await tryFetch(logger);
  return openDataset(fetched ?? (await synthetic(config)));
}
