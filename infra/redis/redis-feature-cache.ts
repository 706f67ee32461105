import type { Redis } from "ioredis";
import type { Clock } from "../../core/clock.ts";
import { StarlingError, ValidationError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { checkCheckpointInput, checkWriteInput, isEmptyWrite } from "../../core/ports/checks/index.ts";
import type { CacheWrite, Checkpoint, FeatureCache, ScoredMember } from "../../core/ports/feature-cache.ts";
import { applyWritesLua } from "./apply-writes-script.ts";
import { redisError } from "./redis-errors.ts";
import { parseCheckpoint, parseScore, scoredMembers, vectorFrom } from "./replies.ts";
import { needsScript, type RedisArg, scriptCall, writeCommands } from "./write-encoding.ts";

/** The apply script as ioredis defines it: EVALSHA, falling back to EVAL when the server lacks the script. */
interface ApplyScript<R> {
  /** One array argument (ioredis flattens it): spreading 100k+ arguments into a call overflows the stack. */
  starlingApplyWrites(numberOfKeysThenKeysThenArgv: RedisArg[]): R;
}

function checkIndexes(start: number, stop: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(stop)) {
    throw new ValidationError("start and stop must be integers", [
      { field: "start", message: "not an integer" },
    ]);
  }
}

/** Validates every write's input before any is sent, and drops writes with nothing to add (Redis rejects them). */
function liveWrites(writes: readonly CacheWrite[]): CacheWrite[] {
  for (const write of writes) checkWriteInput(write);
  return writes.filter((write) => !isEmptyWrite(write));
}

/**
 * FeatureCache on Redis through ioredis. Keys are `keyPrefix` + the port's key; vectors are little-endian Float32
 * bytes in a plain string. `batch` is one pipeline (in order, not atomic: earlier writes stay when a later one
 * fails); `applyAtomically` is one Lua script that validates before it writes. Every failure without a server
 * reply becomes a retriable UnavailableError, so callers can fall back to the next tier.
 */
export class RedisFeatureCache implements FeatureCache {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #clock: Clock;
  #closed = false;

  constructor(client: Redis, deps: { keyPrefix: string; logger: Logger; clock: Clock }) {
    this.#client = client;
    this.#prefix = deps.keyPrefix;
    this.#logger = deps.logger;
    this.#clock = deps.clock;
    client.defineCommand("starlingApplyWrites", { lua: applyWritesLua });
  }

  get(key: string): Promise<string | null> {
    return this.#run("get", () => this.#client.get(this.#key(key)));
  }

  async mget(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return this.#run("mget", () => this.#client.mget(keys.map(this.#key)));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.batch([{ op: "set", key, value, ...(ttlMs === undefined ? {} : { ttlMs }) }]);
  }

  async del(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#run("del", () => this.#client.del(keys.map(this.#key)));
  }

  async ttl(key: string): Promise<number | null> {
    const remaining = await this.#run("ttl", () => this.#client.pttl(this.#key(key)));
    return remaining < 0 ? null : remaining; // -2: missing, -1: no expiry
  }

  hgetall(key: string): Promise<Record<string, string>> {
    return this.#run("hgetall", () => this.#client.hgetall(this.#key(key)));
  }

  hget(key: string, field: string): Promise<string | null> {
    return this.#run("hget", () => this.#client.hget(this.#key(key), field));
  }

  async lrange(key: string, start: number, stop: number): Promise<string[]> {
    checkIndexes(start, stop);
    return this.#run("lrange", () => this.#client.lrange(this.#key(key), start, stop));
  }

  async zrevrange(key: string, start: number, stop: number): Promise<ScoredMember[]> {
    checkIndexes(start, stop);
    const flat = await this.#run("zrevrange", () =>
      this.#client.zrevrange(this.#key(key), start, stop, "WITHSCORES"),
    );
    return scoredMembers(flat);
  }

  async zscore(key: string, member: string): Promise<number | null> {
    const score = await this.#run("zscore", () => this.#client.zscore(this.#key(key), member));
    return score === null ? null : parseScore(score);
  }

  async getVector(key: string): Promise<Float32Array | null> {
    return vectorFrom(await this.#run("getVector", () => this.#client.getBuffer(this.#key(key))));
  }

  async mgetVectors(keys: readonly string[]): Promise<(Float32Array | null)[]> {
    if (keys.length === 0) return [];
    const values = await this.#run("mgetVectors", () => this.#client.mgetBuffer(keys.map(this.#key)));
    return values.map(vectorFrom);
  }

  /**
   * One pipeline, one round trip. A collection write with a TTL goes as a one-write script so that a write Redis
   * rejects (WRONGTYPE) never leaves the other key's expiry changed; everything else is a native command.
   */
  async batch(writes: readonly CacheWrite[]): Promise<void> {
    const live = liveWrites(writes);
    if (live.length === 0) return;
    const pipeline = this.#client.pipeline();
    for (const write of live) {
      if (needsScript(write)) {
        const { keys, argv } = scriptCall([write], null, this.#key);
        (pipeline as unknown as ApplyScript<unknown>).starlingApplyWrites([
          String(keys.length),
          ...keys,
          ...argv,
        ]);
      } else {
        for (const [name, ...args] of writeCommands(write, this.#key(write.key)))
          pipeline.call(name, ...args);
      }
    }
    const results = await this.#run("batch", () => pipeline.exec());
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (failure) throw redisError(failure, "batch");
  }

  async applyAtomically(writes: readonly CacheWrite[], checkpoint: Checkpoint): Promise<boolean> {
    checkCheckpointInput(checkpoint);
    const { keys, argv } = scriptCall(liveWrites(writes), checkpoint, this.#key);
    const script = this.#client as unknown as ApplyScript<Promise<number>>;
    const applied = await this.#run("applyAtomically", () =>
      script.starlingApplyWrites([String(keys.length), ...keys, ...argv]),
    );
    return applied === 1;
  }

  async getCheckpoint(key: string, field: string): Promise<number | null> {
    return parseCheckpoint(key, field, await this.hget(key, field));
  }

  /** QUIT so pending replies arrive first; a server that does not answer in time is simply disconnected. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#client.status === "end") return;
    try {
      await this.#client.quit();
    } catch {
      this.#client.disconnect();
    }
  }

  readonly #key = (key: string): string => this.#prefix + key;

  async #run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new StarlingError("the redis feature cache is closed", { code: "closed" });
    const started = this.#clock.now();
    try {
      return await call();
    } catch (error) {
      const mapped = redisError(error, operation);
      if (mapped.retriable) {
        this.#logger.debug("redis call failed", { operation, elapsedMs: this.#clock.now() - started });
      }
      throw mapped;
    }
  }
}
