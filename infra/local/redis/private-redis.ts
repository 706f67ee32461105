import { freePort } from "../free-port.ts";
import { isAlive, runFolder, stopRecorded } from "../process-control.ts";
import { redisHost, startRedisServer } from "./redis-server-process.ts";

/** A redis-server owned by one test, for fault injection that must never touch the shared instance. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops this server by its pid (resuming it first if it was paused with SIGSTOP). */
  stop(): Promise<void>;
}

/** Starts a private redis-server in `dir` on `port` (default: a free one), ready when it answers PING. */
export async function startPrivateRedis(dir: string, port?: number): Promise<PrivateRedis> {
  const chosen = port ?? (await freePort());
  const folder = runFolder(dir, "redis");
  const pid = await startRedisServer(folder, chosen);
  return {
    url: `redis://${redisHost}:${chosen}`,
    port: chosen,
    pid,
    stop: async () => {
      // A stopped process only acts on SIGTERM once continued; without this, stop would wait for SIGKILL.
      if (isAlive(pid)) process.kill(pid, "SIGCONT");
      await stopRecorded(folder, 5000);
    },
  };
}
