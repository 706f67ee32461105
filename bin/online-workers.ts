import cluster, { type Worker } from "node:cluster";
import { say } from "./cli-support.ts";
import { answerClusterMetrics } from "./cluster-metrics.ts";

/** A worker that dies sooner than this after its start counts toward the crash-loop limit. */
const EARLY_EXIT_MS = 10_000;
const MAX_EARLY_EXITS = 5;

/**
 * The primary of `recsys online --workers N`: forks N processes that share one listening port (node:cluster hands
 * connections round-robin), restarts any that die (the supervisor of fault A1), and on SIGINT/SIGTERM asks every
 * worker to drain and exit, then exits itself. Gives up when workers keep dying at start-up.
 */
export function superviseWorkers(count: number): void {
  let stopping = false;
  let earlyExits = 0;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    say(`online worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    if (lived < EARLY_EXIT_MS && ++earlyExits >= MAX_EARLY_EXITS) {
      say(`workers keep exiting at start-up (${earlyExits} times): see their errors above; stopping`);
      stopping = true;
      for (const other of startedAt.keys()) other.process.kill("SIGTERM");
      process.exitCode = 1;
      if (startedAt.size === 0) process.exit(1);
      return;
    }
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`received ${signal}: draining ${startedAt.size} workers`);
    for (const worker of startedAt.keys()) worker.process.kill("SIGTERM");
    if (startedAt.size === 0) process.exit(0);
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));

  answerClusterMetrics();
  for (let i = 0; i < count; i++) fork();
  say(`online primary ${process.pid} started ${count} workers`);
}

/** True in a process forked by `superviseWorkers`. */
export const isOnlineWorker = (): boolean => cluster.isWorker;
