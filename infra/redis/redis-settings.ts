import type { RedisOptions } from "ioredis";
import { ConfigError } from "../../core/errors.ts";

/**
 * `online`: the request path. No offline queue and no retries, so every call fails at `commandTimeoutMs` at the
 * latest (a paused Redis keeps the socket open, so only the timeout can end a read) and the caller's breaker and
 * fallback tier take over. `nearline`: the stream writer. Calls made while disconnected wait in the offline queue
 * for the connection to come back, failing after three reconnect attempts or `commandTimeoutMs`, whichever is first.
 */
export type RedisClientMode = "online" | "nearline";

/** Options of {@link createRedisFeatureCache}; the registry builds them from the configured URL. */
export interface RedisFeatureCacheOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  readonly url: string;
  /** Prepended to every key as given (include your own separator), e.g. `starling:`. Default none. */
  readonly keyPrefix?: string;
  /** Longest wait for one reply, in ms: tens of ms for the online reader, seconds for the nearline writer. */
  readonly commandTimeoutMs: number;
  /** Default `online`; picks the defaults below and the queueing behaviour. */
  readonly mode?: RedisClientMode;
  /** Longest wait for a TCP connection; default 1000 (online) or 5000 (nearline). */
  readonly connectTimeoutMs?: number;
  /** Cap on the back-off between reconnect attempts (which never stop); default 1000 or 5000. */
  readonly reconnectMaxDelayMs?: number;
  /** Whether the factory waits for the first connection (default true) or returns at once and connects behind. */
  readonly waitForReady?: boolean;
}

/** The options with every default filled in. */
export interface RedisSettings {
  readonly url: string;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly mode: RedisClientMode;
  readonly connectTimeoutMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly waitForReady: boolean;
}

const modeDefaults = {
  online: { connectTimeoutMs: 1000, reconnectMaxDelayMs: 1000, offlineQueue: false, retriesPerRequest: 0 },
  nearline: { connectTimeoutMs: 5000, reconnectMaxDelayMs: 5000, offlineQueue: true, retriesPerRequest: 2 },
} as const satisfies Record<RedisClientMode, object>;

function positiveInteger(value: number | undefined, fallback: number, field: string): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen <= 0) {
    throw new ConfigError(`redis ${field} must be a positive integer of ms, got ${chosen}`, field);
  }
  return chosen;
}

/** Validates the options and fills in the mode's defaults; throws ConfigError naming the bad field. */
export function resolveRedisSettings(options: RedisFeatureCacheOptions): RedisSettings {
  if (!/^rediss?:\/\/[^/]/.test(options.url)) {
    throw new ConfigError(`redis url must look like redis://host:port, got "${options.url}"`, "url");
  }
  const mode = options.mode ?? "online";
  if (!(mode in modeDefaults))
    throw new ConfigError(`redis mode must be online or nearline, got ${mode}`, "mode");
  const defaults = modeDefaults[mode];
  return {
    url: options.url,
    keyPrefix: options.keyPrefix ?? "",
    commandTimeoutMs: positiveInteger(options.commandTimeoutMs, Number.NaN, "commandTimeoutMs"),
    mode,
    connectTimeoutMs: positiveInteger(
      options.connectTimeoutMs,
      defaults.connectTimeoutMs,
      "connectTimeoutMs",
    ),
    reconnectMaxDelayMs: positiveInteger(
      options.reconnectMaxDelayMs,
      defaults.reconnectMaxDelayMs,
      "reconnectMaxDelayMs",
    ),
    waitForReady: options.waitForReady ?? true,
  };
}

/** Exponential back-off from 50 ms up to the cap, forever: a cache that comes back should be used again. */
export function reconnectDelay(attempt: number, capMs: number): number {
  return Math.min(50 * 2 ** Math.min(Math.max(attempt - 1, 0), 16), capMs);
}

/** The ioredis options for these settings; keys are prefixed by the adapter itself, not by ioredis. */
export function ioredisOptions(settings: RedisSettings): RedisOptions {
  const defaults = modeDefaults[settings.mode];
  return {
    lazyConnect: true,
    connectionName: `starling-${settings.mode}`,
    commandTimeout: settings.commandTimeoutMs,
    connectTimeout: settings.connectTimeoutMs,
    enableOfflineQueue: defaults.offlineQueue,
    maxRetriesPerRequest: defaults.retriesPerRequest,
    // A write whose reply was lost may or may not have happened: report it rather than resend it blindly
    // (HINCRBY and LPUSH are not idempotent; applyAtomically's checkpoint makes the caller's retry safe).
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt: number) => reconnectDelay(attempt, settings.reconnectMaxDelayMs),
  };
}
