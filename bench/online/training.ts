import { FAST_OFFLINE_ENV } from "../../tests/support/fast-offline-env.ts";
import { progress } from "../stores/section-result.ts";
import { startChild } from "./children.ts";

/** Progress lines of the training child shown at most this often; the rest only go to the error text. */
const PROGRESS_EVERY_MS = 5000;
const TRAIN_TIMEOUT_MS = 30 * 60_000;

/** What `recsys offline train` did for the benchmark. */
export interface TrainingRun {
  readonly seconds: number;
  readonly version: string;
  /** `default` (the configured model settings) or `fast` (tests/support/fast-offline-env.ts). */
  readonly settings: "default" | "fast";
  /** The per-stage times it printed. */
  readonly stages: string;
}

/** Runs `recsys offline train --data <dataDir> --force` in the namespace and returns the published version. */
export async function trainVersion(
  env: Readonly<Record<string, string>>,
  dataDir: string,
  fast: boolean,
): Promise<TrainingRun> {
  const started = performance.now();
  const child = startChild({
    name: "offline train",
    script: "bin/recsys.ts",
    args: ["offline", "train", "--data", dataDir, "--force"],
    env: { ...env, ...(fast ? FAST_OFFLINE_ENV : {}) },
  });
  let shownAt = 0;
  child.onLine((line) => {
    const now = performance.now();
    const always = /^(published|NOT promoted|stages:)/.test(line);
    if (!always && now - shownAt < PROGRESS_EVERY_MS) return;
    shownAt = now;
    progress(`train: ${line.slice(0, 160)}`);
  });
  const timer = setTimeout(() => {
    progress(`training took longer than ${TRAIN_TIMEOUT_MS / 60_000} min: stopping it`);
    void child.stop();
  }, TRAIN_TIMEOUT_MS);
  const code = await child.exited().finally(() => clearTimeout(timer));
  const output = child.lines();
  const version = output.map((l) => /^published (v\S+)/.exec(l)?.[1]).find((v) => v !== undefined);
  if (code !== 0 || version === undefined) {
    throw new Error(`recsys offline train exited with ${code}:\n${output.slice(-40).join("\n")}`);
  }
  return {
    seconds: (performance.now() - started) / 1000,
    version,
    settings: fast ? "fast" : "default",
    stages: output.find((l) => l.startsWith("stages:")) ?? "",
  };
}
