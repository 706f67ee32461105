import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { type Config, loadConfig } from "../../core/config/index.ts";
import { NotFoundError } from "../../core/errors.ts";
import { createLogger } from "../../core/logger.ts";
import { openDataset } from "../../offline/data/index.ts";
import { formatReportMarkdown } from "../../offline/evaluate/index.ts";
import { similarItems } from "../../offline/jobs/inspect-similar.ts";
import { rollback } from "../../offline/jobs/publish/index.ts";
import { runEvaluation } from "../../offline/jobs/training/evaluate-stage.ts";
import { loadHistory } from "../../offline/jobs/training/load-history.ts";
import { runTraining, type TrainingResult } from "../../offline/jobs/training/run-training.ts";
import { checkCronExpression, startTrainingSchedule } from "../../offline/schedule/index.ts";
import { positiveInt, say } from "../cli-support.ts";
import { openOfflineDeps, trainingParams } from "../offline-deps.ts";
import { resolveDemoDataset } from "../resolve-dataset.ts";
import { onShutdown } from "../shutdown.ts";

interface DataOption {
  /** `true` when `--data` was given without a folder: resolve it like the demo does. */
  readonly data?: string | true;
}

async function datasetFrom(config: Config, options: DataOption) {
  if (options.data === undefined) return undefined;
  if (options.data === true) return resolveDemoDataset(config, createLogger(config.log.level));
  return openDataset(options.data);
}

function printTraining(result: TrainingResult): void {
  say(formatReportMarkdown(result.report));
  const stages = Object.entries(result.stageMs).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)}s`);
  say(`stages: ${stages.join(", ")}`);
  say(`${result.ratings} ratings, ${result.items} items, ${result.users} users`);
  if (result.promoted)
    say(`published ${result.version} (previous: ${result.previous ?? "none"}; ${result.reason})`);
  else say(`NOT promoted: ${result.version} (${result.reason}); run again with --force to publish it anyway`);
}

async function train(options: DataOption & { force?: boolean }): Promise<void> {
  const config = loadConfig();
  const deps = await openOfflineDeps(config, createLogger(config.log.level));
  try {
    const dataset = await datasetFrom(config, options);
    const params = { ...trainingParams(config, options.force === true), ...(dataset ? { dataset } : {}) };
    const result = await runTraining(deps, params);
    printTraining(result);
    if (!result.promoted) process.exitCode = 3;
  } finally {
    await deps.close();
  }
}

async function evaluate(options: DataOption & { out?: string }): Promise<void> {
  const config = loadConfig();
  const deps = await openOfflineDeps(config, createLogger(config.log.level));
  try {
    const dataset = await datasetFrom(config, options);
    const history = await loadHistory(deps, dataset ? { dataset } : {});
    if (history.ratings.length === 0) {
      throw new NotFoundError(
        "there are no ratings to evaluate on: pass --data DIR (a MovieLens copy) to import one",
      );
    }
    const { models, ranking, evalMaxUsers } = trainingParams(config, false);
    const { report } = await runEvaluation(deps, { history, models, ranking, maxUsers: evalMaxUsers });
    const out = options.out ?? join(config.stateDir, "evaluation");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "evaluation.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(out, "evaluation.md"), formatReportMarkdown(report));
    say(formatReportMarkdown(report));
    say(`wrote ${join(out, "evaluation.json")} and evaluation.md`);
  } finally {
    await deps.close();
  }
}

async function schedule(options: { runNow?: boolean }): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log.level).child("offline");
  // Before any store opens, so a bad expression exits at once instead of leaving connections behind.
  checkCronExpression(config.offline.schedule);
  const deps = await openOfflineDeps(config, logger);
  const job = (signal: AbortSignal) => runTraining(deps, { ...trainingParams(config, false), signal });
  const handle = startTrainingSchedule({ expression: config.offline.schedule, job, logger });
  onShutdown(async () => handle.stop(), "first");
  // SIGUSR2 asks the running scheduler for a run now; it is skipped if one is going.
  process.on("SIGUSR2", () => void handle.runner.run("SIGUSR2"));
  say(
    `offline schedule "${config.offline.schedule}" started (pid ${process.pid}); kill -USR2 ${process.pid} runs now`,
  );
  if (options.runNow) await handle.runner.run("--run-now");
}

async function rollbackCommand(): Promise<void> {
  const config = loadConfig();
  const deps = await openOfflineDeps(config, createLogger(config.log.level));
  try {
    const result = await rollback(deps);
    say(`rolled back ${result.pointers.join(", ")} from ${result.from} to ${result.to}`);
  } finally {
    await deps.close();
  }
}

async function similarCommand(itemId: string, options: { k: number }): Promise<void> {
  const config = loadConfig();
  const deps = await openOfflineDeps(config, createLogger(config.log.level));
  try {
    const found = await similarItems(deps, itemId, options.k);
    say(`nearest to ${itemId} ${found.title ?? ""} in ${found.version} (cosine):`);
    for (const item of found.items) say(`  ${item.score.toFixed(3)}  ${item.itemId}  ${item.title ?? ""}`);
  } finally {
    await deps.close();
  }
}

const dataHelp =
  "import this MovieLens folder first (without a folder: RECSYS_DATA_DIR, ./data, download, synthetic)";

/** `recsys offline ...`: train, evaluate, schedule and roll back versions. */
export function offlineCommand(): Command {
  const offline = new Command("offline").description(
    "the offline tier: train, evaluate and publish versions",
  );
  offline
    .command("train")
    .description("run the pipeline once: load history, features, Item2Vec, evaluate, publish")
    .option("--data [dir]", dataHelp)
    .option("--force", "publish even when the evaluation is worse than the serving version's")
    .action(train);
  offline
    .command("evaluate")
    .description("leave-last-out evaluation of every model; prints a table, writes JSON and Markdown")
    .option("--data [dir]", dataHelp)
    .option("--out <dir>", "folder for evaluation.json and evaluation.md (default: <state dir>/evaluation)")
    .action(evaluate);
  offline
    .command("schedule")
    .description("run the pipeline on RECSYS_OFFLINE_SCHEDULE (cron), never two runs at once")
    .option("--run-now", "also run once right away")
    .action(schedule);
  offline
    .command("rollback")
    .description(
      `point every version back at the one that served before (files in ${"<state dir>/artifacts"})`,
    )
    .action(rollbackCommand);
  offline
    .command("similar <itemId>")
    .description("the items nearest to one item in the serving Item2Vec version, for inspection")
    .option("--k <n>", "how many", positiveInt, 10)
    .action(similarCommand);
  return offline;
}
