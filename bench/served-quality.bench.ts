/**
 * Served quality equals measured quality (issue 7): Starling trained on the leave-last-out training split of
 * ml-latest-small, served by `recsys online`, asked `GET /users/:id/recommendations?k=10` for every evaluated user;
 * its HR@10 must be within 5% (relative) of the ranker row of `recsys offline evaluate` on the full data, and at
 * least 0.09.
 *   npm run bench:served-quality -- [--data DIR] [--fast] [--seed N] [--concurrency 4] [--deadline-ms 2000]
 *     [--serial] [--keep] [--trained STATE_DIR] [--reference evaluation.json]
 * Steps: the split is written as a MovieLens folder (training ratings only, movies.csv unchanged) in a temp dir;
 * `recsys offline train --data <split>` and `recsys offline evaluate --data <full data>` run on separate temp
 * state dirs with the same settings (in parallel unless --serial; --fast uses the tests' small settings for a
 * smoke run); `recsys online` then serves the trained state with no response cache, no impression log and a
 * deadline raised to --deadline-ms, so that no answer is cut by time on a loaded machine.
 * What "the model being served" means: `offline train` on data D publishes embeddings trained on D and a ranker
 * trained on a leave-last-out split of D's own evaluation split (so it never saw D's held-out items), while
 * `offline evaluate` on the full data scores a ranker trained one split shallower over channels trained on D.
 * Both use the same channels trained on the same D; the rankers differ in the data they learned from. So the
 * bench also replays the served version offline: its published vectors, ALS factors and ranker scored by the
 * offline re-ranker for the same users; served lists must equal those (parity of the online path), and the
 * served / evaluate ratio then only measures the two rankers' difference.
 * --trained reuses a state dir trained by an earlier run (--keep prints it) and --reference an earlier
 * evaluation.json, to re-run the serving part alone.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { FAST_OFFLINE_ENV } from "../tests/support/fast-offline-env.ts";
import { sharedDataDir } from "../tests/support/shared-data.ts";
import { benchEnvironment } from "./lib/environment.ts";
import { writeResult } from "./lib/report.ts";
import { childEnv, onlineEnv } from "./served-quality/child-env.ts";
import { listAgreement } from "./served-quality/list-agreement.ts";
import { servedQualityMarkdown } from "./served-quality/markdown.ts";
import { modelRow, readEvaluationReport } from "./served-quality/offline-reference.ts";
import { startOnline } from "./served-quality/online-server.ts";
import { queryUsers, waitUntilServing } from "./served-quality/query-users.ts";
import { killLiveChildren, runRecsys } from "./served-quality/recsys-process.ts";
import { replayServedVersion } from "./served-quality/replay-served-version.ts";
import { type ServedAnswer, servedMetrics } from "./served-quality/served-metrics.ts";
import { writeTrainingSplit } from "./served-quality/training-split.ts";
import { judge } from "./served-quality/verdict.ts";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    fast: { type: "boolean", default: false },
    seed: { type: "string" },
    concurrency: { type: "string", default: "4" },
    "deadline-ms": { type: "string", default: "2000" },
    serial: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    trained: { type: "string" },
    reference: { type: "string" },
  },
});

function positiveInt(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${flag} must be a positive integer, got ${raw}`);
  return value;
}

const params = {
  data: resolve(values.data ?? sharedDataDir()),
  fast: values.fast === true,
  seed: values.seed === undefined ? null : positiveInt("seed", values.seed),
  k: 10,
  concurrency: positiveInt("concurrency", values.concurrency),
  deadlineMs: positiveInt("deadline-ms", values["deadline-ms"]),
  serial: values.serial === true,
  trained: values.trained === undefined ? null : resolve(values.trained),
  reference: values.reference === undefined ? null : resolve(values.reference),
};
/** Model settings shared by training, evaluation and serving (the ranker's candidates per channel too). */
const settings: Record<string, string> = {
  ...(params.fast ? FAST_OFFLINE_ENV : {}),
  ...(params.seed === null ? {} : { RECSYS_OFFLINE_ITEM2VEC_SEED: String(params.seed) }),
};

const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;
const step = (text: string) => console.log(`\n[${seconds().toFixed(0)} s] ${text}`);

let root: string | null = null;
async function cleanUp(): Promise<void> {
  killLiveChildren();
  if (root !== null && !values.keep) await rm(root, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping children and removing ${root ?? "nothing"}`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Trains on the split and evaluates on the full data (each unless reused), timed each. */
async function trainAndEvaluate(splitDir: string, workDir: string) {
  const trainState = params.trained ?? join(workDir, "train-state");
  const evalOut = join(workDir, "evaluation");
  const timing: Record<string, number> = {};
  const timedRun = async (name: string, label: string, args: string[], env: NodeJS.ProcessEnv) => {
    const at = performance.now();
    await runRecsys(label, args, env);
    timing[name] = (performance.now() - at) / 1000;
  };
  const train = async () => {
    if (params.trained !== null) return;
    await timedRun(
      "trainSeconds",
      "train",
      ["offline", "train", "--data", splitDir],
      childEnv(trainState, settings),
    );
  };
  const evaluate = async () => {
    if (params.reference !== null) return;
    const args = ["offline", "evaluate", "--data", params.data, "--out", evalOut];
    await timedRun("evaluateSeconds", "evaluate", args, childEnv(join(workDir, "eval-state"), settings));
  };
  if (params.serial) {
    await train();
    await evaluate();
  } else {
    await Promise.all([train(), evaluate()]);
  }
  return { trainState, reportPath: params.reference ?? join(evalOut, "evaluation.json"), timing };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const environment = benchEnvironment();
  console.log(
    `served-quality benchmark: commit ${environment.commit.slice(0, 12)}${environment.dirty ? " (dirty)" : ""}, ` +
      `node ${environment.node}, ${environment.cpus} CPUs; data ${params.data}${params.fast ? "; FAST settings" : ""}`,
  );
  root = await mkdtemp(join(tmpdir(), "starling-served-quality-"));
  if (values.keep) console.log(`temp dir (kept): ${root}`);

  step("leave-last-out split of the data");
  const split = await writeTrainingSplit(params.data, join(root, "split"));
  console.log(
    `${split.ratings} ratings -> ${split.trainRatings} training ratings; ${split.heldOut.size} evaluated users; ` +
      `${split.catalogue} movies`,
  );

  const work = [
    params.trained ? "reusing the trained state" : "offline train on the split",
    params.reference ? "reusing the evaluation" : "offline evaluate on the full data",
  ];
  const bothRun = params.trained === null && params.reference === null;
  step(
    `${work.join(" and ")}${bothRun ? (params.serial ? " (one after the other)" : " (in parallel)") : ""}`,
  );
  const { trainState, reportPath, timing } = await trainAndEvaluate(split.dir, root);
  const report = await readEvaluationReport(reportPath);
  const offline = modelRow(report);
  if (report.users !== split.heldOut.size) {
    throw new Error(
      `the evaluation scored ${report.users} users, the split holds out ${split.heldOut.size}: ` +
        "RECSYS_OFFLINE_EVAL_MAX_USERS (or another data set) made them differ",
    );
  }

  step(`recsys online on the trained state (deadline ${params.deadlineMs} ms)`);
  const server = await startOnline(childEnv(trainState, settings, onlineEnv(params.deadlineMs)));
  const queryStarted = performance.now();
  let answers: Awaited<ReturnType<typeof queryUsers>>;
  try {
    const users = [...split.heldOut.keys()];
    await waitUntilServing(server.url, users[0] as string);
    let lastShown = 0;
    answers = await queryUsers(server.url, users, {
      k: params.k,
      concurrency: params.concurrency,
      onProgress: (done, total) => {
        const now = performance.now();
        if (done < total && now - lastShown < 2000) return;
        lastShown = now;
        const rate = done / ((now - queryStarted) / 1000);
        console.error(`  query: ${done}/${total} users, ${rate.toFixed(1)} req/s`);
      },
    });
  } finally {
    await server.stop();
  }
  timing.querySeconds = (performance.now() - queryStarted) / 1000;

  step("offline replay: the served version's published models scored by the offline re-ranker");
  const replayStarted = performance.now();
  const replay = await replayServedVersion(childEnv(trainState, settings), split.split, params.k);
  timing.replaySeconds = (performance.now() - replayStarted) / 1000;
  const replayAnswers: ServedAnswer[] = [...replay.lists].map(([userId, itemIds]) => ({
    userId,
    status: 200,
    model: "ranker",
    coldStart: false,
    degradedReasons: [],
    itemIds,
    latencyMs: 0,
  }));

  const served = servedMetrics(answers, split.heldOut, split.catalogue, split.seenByUser);
  const replayed = servedMetrics(replayAnswers, split.heldOut, split.catalogue, split.seenByUser);
  const agreement = listAgreement(answers, replay.lists, split.heldOut, params.k);
  const ownRanker = replay.ownReport?.models.find((m) => m.model === "ranker") ?? null;
  const verdict = judge(served.hr10, offline.hr10);
  const parity = judge(served.hr10, replayed.hr10);
  const latencies = answers.map((a) => a.latencyMs).sort((a, b) => a - b);
  const latency = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
  const totalSeconds = seconds();
  console.log(
    `\n### Served quality: ${split.heldOut.size} users, k = ${params.k}, ${totalSeconds.toFixed(0)} s in all\n`,
  );
  console.log(
    servedQualityMarkdown({
      served,
      replay: replayed,
      agreement,
      offline,
      ownRanker,
      verdict,
      parity,
      latency,
    }),
  );
  const times = Object.entries(timing).map(([name, s]) => `${name.replace("Seconds", "")} ${s.toFixed(0)} s`);
  console.log(`\nsteps: ${times.join(", ")}`);
  console.log(
    `\n${verdict.pass ? "PASS" : "FAIL"}: served HR@10 ${served.hr10.toFixed(4)} vs offline ${offline.hr10.toFixed(4)}`,
  );
  const path = await writeResult("served-quality", {
    benchmark: "served-quality",
    date: new Date().toISOString(),
    environment,
    params: { ...params, settings },
    totalSeconds,
    timing,
    split: { ratings: split.ratings, trainRatings: split.trainRatings, evaluatedUsers: split.heldOut.size },
    servedVersion: replay.version,
    served,
    latency,
    replay: replayed,
    agreement,
    offline,
    offlineReport: report,
    servedVersionReport: replay.ownReport,
    verdict,
    parity,
    pass: verdict.pass,
    answers: answers.map((a) => ({
      userId: a.userId,
      heldOut: split.heldOut.get(a.userId),
      status: a.status,
      model: a.model,
      coldStart: a.coldStart,
      degradedReasons: a.degradedReasons,
      itemIds: a.itemIds,
      replay: replay.lists.get(a.userId) ?? [],
    })),
  });
  console.log(`\nJSON: ${path}`);
  if (!verdict.pass) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 2;
} finally {
  await cleanUp();
}
