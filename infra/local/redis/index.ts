import type { LauncherOptions } from "../launcher-options.ts";
import { runFolder, runningPid, stopRecorded } from "../process-control.ts";
import { redisAnswersPing } from "./redis-ping.ts";
import { redisHost, startRedisServer, waitForRedis } from "./redis-server-process.ts";

export { type PrivateRedis, startPrivateRedis } from "./private-redis.ts";

/** How to reach the local Redis. */
export interface RedisEndpoint {
  readonly url: string;
}

export interface RedisStatus extends RedisEndpoint {
  /** Whether something answers PING at `url` (possibly a Redis this launcher did not start). */
  readonly answering: boolean;
  /** The pid this launcher recorded, when that process still runs. */
  readonly pid: number | null;
}

const defaultPort = 6379;
const urlOf = (port: number) => `redis://${redisHost}:${port}`;

/** Reuses whatever answers PING on 127.0.0.1:6379, else starts a redis-server without persistence there. */
export function ensureRedis(options: LauncherOptions): Promise<RedisEndpoint> {
  return ensureRedisOn(options, defaultPort);
}

/** {@link ensureRedis} on another port; tests use it to exercise a real start away from the shared 6379. */
export async function ensureRedisOn(options: LauncherOptions, port: number): Promise<RedisEndpoint> {
  const url = urlOf(port);
  const folder = runFolder(options.root, "redis");
  if (await redisAnswersPing(redisHost, port)) {
    options.log(`redis: reusing the server answering at ${url}`);
    return { url };
  }
  const started = Date.now();
  const recorded = runningPid(folder);
  if (recorded !== null) {
    options.log(`redis: pid ${recorded} is running but not answering yet; waiting`);
    await waitForRedis(folder, port);
  } else {
    options.log(`redis: starting redis-server on ${url} (data and log in ${folder.dir})`);
    const pid = await startRedisServer(folder, port);
    options.log(`redis: pid ${pid} answers PING after ${Date.now() - started} ms`);
  }
  return { url };
}

/** Stops the redis-server this launcher started (by its recorded pid); false when it had started none. */
export async function stopRedis(options: LauncherOptions): Promise<boolean> {
  const stopped = await stopRecorded(runFolder(options.root, "redis"), 10_000);
  options.log(stopped ? "redis: stopped" : "redis: no redis-server started by this launcher is running");
  return stopped;
}

/** Whether Redis answers on the default port and which pid this launcher recorded. */
export function statusRedis(options: LauncherOptions): Promise<RedisStatus> {
  return statusRedisOn(options, defaultPort);
}

/** {@link statusRedis} for another port. */
export async function statusRedisOn(options: LauncherOptions, port: number): Promise<RedisStatus> {
  const pid = runningPid(runFolder(options.root, "redis"));
  return { url: urlOf(port), answering: await redisAnswersPing(redisHost, port), pid };
}
