import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { createEventTopics } from "../../bin/ingest-topics.ts";
import { trainingParams } from "../../bin/offline-deps.ts";
import { startOnlineApp } from "../../bin/online-app.ts";
import { startNearlineOn } from "../../bin/start-nearline.ts";
import { systemClock } from "../../core/clock.ts";
import { type Config, loadConfig } from "../../core/config/index.ts";
import { silentLogger } from "../../core/logger.ts";
import { createProgress } from "../../core/progress.ts";
import { createAnnIndexFactory } from "../../infra/ann/index.ts";
import { type Adapters, createAdapters } from "../../infra/create-adapters.ts";
import { createArtifactDirectory } from "../../infra/files/artifact-directory.ts";
import type { Dataset, Movie, Rating } from "../../offline/data/index.ts";
import { runTraining } from "../../offline/jobs/training/run-training.ts";
import { FAST_OFFLINE_ENV } from "./fast-offline-env.ts";
import { loadSharedMovieLens } from "./shared-data.ts";

/** The ratings of the first `users` users of ml-latest-small and the movies they rated, as a Dataset. */
export async function firstUsersDataset(users: number): Promise<{ dataset: Dataset; ratings: Rating[] }> {
  const all = await loadSharedMovieLens();
  const ratings = all.ratings.filter((r) => Number(r.userId) <= users);
  const rated = new Set(ratings.map((r) => r.itemId));
  const movies: Movie[] = all.movies.filter((m) => rated.has(m.itemId));
  const dataset: Dataset = {
    format: "ml-latest",
    dir: "(memory)",
    movies: async function* () {
      yield* movies;
    },
    ratings: async function* () {
      yield* ratings;
    },
    reports: () => [],
  };
  return { dataset, ratings };
}

export interface EmbeddedOnline {
  readonly app: Hono;
  readonly adapters: Adapters;
  readonly config: Config;
  readonly version: string;
  /** Stops the online app and the nearline, closes the adapters and deletes the state folder. */
  close(): Promise<void>;
}

/**
 * The demo's composition in this process, on file-backed embedded adapters in a temporary folder: a version
 * trained with the fast settings on `dataset` and published, the event topics, the nearline consumer and the
 * online app (bin/online-app startOnlineApp). `env` adds settings (e.g. the online deadline).
 */
export async function startEmbeddedOnline(
  dataset: Dataset,
  env: Record<string, string> = {},
): Promise<EmbeddedOnline> {
  const stateDir = await mkdtemp(join(tmpdir(), "starling-online-"));
  const config = loadConfig({
    ...FAST_OFFLINE_ENV,
    RECSYS_EVENTLOG_PARTITIONS: "2",
    ...env,
    RECSYS_STATE_DIR: stateDir,
  });
  const adapters = await createAdapters(config, { clock: systemClock, logger: silentLogger });
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop();
    await adapters.close();
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    let n = 0;
    const result = await runTraining(
      {
        cache: adapters.cache,
        bulk: adapters.bulk,
        control: adapters.control,
        files: createArtifactDirectory({ dir: join(stateDir, "artifacts") }),
        ann: createAnnIndexFactory(),
        clock: systemClock,
        logger: silentLogger,
        progress: (options) => createProgress({ ...options, write: () => {} }),
        newId: () => `t${n++}`,
      },
      { ...trainingParams(config, true), dataset },
    );
    if (!result.promoted) throw new Error(`the trained version was not published: ${result.reason}`);
    await createEventTopics(adapters.eventLog, config);
    const onStall = (reason: string) => {
      throw new Error(`nearline stalled: ${reason}`);
    };
    const { nearline } = await startNearlineOn(adapters, config, {
      clock: systemClock,
      logger: silentLogger,
      onStall,
    });
    stops.push(() => nearline.stop());
    const online = await startOnlineApp(adapters, config, silentLogger);
    stops.push(() => online.stop());
    return { app: online.app, adapters, config, version: result.version, close };
  } catch (error) {
    await close();
    throw error;
  }
}
