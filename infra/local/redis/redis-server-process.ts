import { spawnSync } from "node:child_process";
import { UnavailableError } from "../../../core/errors.ts";
import { logTail, pollUntil, type RunFolder, startDetached } from "../process-control.ts";
import { redisAnswersPing } from "./redis-ping.ts";

export const redisHost = "127.0.0.1";
const readyTimeoutMs = 15_000;

/** Throws with an install hint when `redis-server` is not on the PATH (spawn would fail only asynchronously). */
export function requireRedisServer(): void {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new UnavailableError(
      "redis-server is not installed; install it with: apt-get install redis-server",
    );
  }
}

/** Arguments for a throw-away server: loopback only, no RDB snapshots, no AOF, files in the run folder. */
export function redisServerArgs(folder: RunFolder, port: number): string[] {
  return [
    "--port",
    String(port),
    "--bind",
    redisHost,
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    folder.dataDir,
    "--daemonize",
    "no",
  ];
}

/** Waits until the server on `port` answers PING; throws with the log tail when it does not in time. */
export async function waitForRedis(
  folder: RunFolder,
  port: number,
  timeoutMs = readyTimeoutMs,
): Promise<void> {
  const ready = await pollUntil(() => redisAnswersPing(redisHost, port, 500), timeoutMs, 50);
  if (!ready) {
    throw new UnavailableError(
      `redis-server on port ${port} did not answer PING within ${timeoutMs} ms; log tail:\n${logTail(folder)}`,
    );
  }
}

/** Starts redis-server detached with its pid recorded in the run folder, and waits until it answers. */
export async function startRedisServer(folder: RunFolder, port: number): Promise<number> {
  requireRedisServer();
  const pid = startDetached(folder, "redis-server", redisServerArgs(folder, port));
  await waitForRedis(folder, port);
  return pid;
}
