import { Redis } from "ioredis";
import { type Clock, systemClock } from "../../core/clock.ts";
import { UnavailableError } from "../../core/errors.ts";
import { type Logger, silentLogger } from "../../core/logger.ts";
import { RedisFeatureCache } from "./redis-feature-cache.ts";
import { ioredisOptions, type RedisFeatureCacheOptions, resolveRedisSettings } from "./redis-settings.ts";

export interface RedisFeatureCacheDeps {
  /** Measures how long failed calls took, for the logs. */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}

/** Logs connection changes once each, not once per reconnect attempt; ioredis needs an error listener anyway. */
function watchConnection(client: Redis, logger: Logger, url: string): void {
  let lastError = "";
  client.on("error", (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn("redis connection error", { url, error: error.message });
  });
  client.on("ready", () => {
    lastError = "";
    logger.info("redis connected", { url });
  });
}

/**
 * A FeatureCache on the Redis at `options.url`. With `waitForReady` (the default) it resolves once connected and
 * rejects with UnavailableError when the server does not answer within the connect and command timeouts; without it,
 * it resolves at once and calls fail with UnavailableError until the connection is up.
 */
export async function createRedisFeatureCache(
  deps: RedisFeatureCacheDeps,
  options: RedisFeatureCacheOptions,
): Promise<RedisFeatureCache> {
  const settings = resolveRedisSettings(options);
  const logger = (deps.logger ?? silentLogger).child("redis");
  const url = redactedUrl(settings.url);
  const client = new Redis(settings.url, ioredisOptions(settings));
  watchConnection(client, logger, url);
  const cache = new RedisFeatureCache(client, {
    keyPrefix: settings.keyPrefix,
    logger,
    clock: deps.clock ?? systemClock,
  });
  const connecting = client.connect();
  if (!settings.waitForReady) {
    connecting.catch(() => undefined); // reconnects continue behind; the error listener logs them
    return cache;
  }
  // A paused server accepts the TCP connection but never answers the ready check: bound the whole wait.
  const deadlineMs = settings.connectTimeoutMs + 2 * settings.commandTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not ready after ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    await Promise.race([connecting, deadline]);
    return cache;
  } catch (error) {
    connecting.catch(() => undefined);
    client.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnavailableError(`could not connect to redis at ${url}: ${reason}`, error);
  } finally {
    clearTimeout(timer);
  }
}
