import type { CacheWrite, Checkpoint } from "../../core/ports/feature-cache.ts";
import { float32ToBytes } from "../../core/vector-bytes.ts";

export type RedisArg = string | Buffer;
/** One Redis command: its name, then its arguments. */
export type RedisCommand = readonly [name: string, ...args: RedisArg[]];

/** A write's TTL as a command argument; '' when it has none. */
function ttlArg(write: CacheWrite): string {
  return "ttlMs" in write && write.ttlMs !== undefined ? String(write.ttlMs) : "";
}

/** Little-endian Float32 bytes as a Buffer without another copy. */
export function vectorValue(vector: Float32Array): Buffer {
  const bytes = float32ToBytes(vector);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Writes of collections with a TTL need two commands that must not be split by a failure: see batch. */
export function needsScript(write: CacheWrite): boolean {
  return write.op !== "set" && write.op !== "setVector" && write.op !== "expire" && ttlArg(write) !== "";
}

/** The native commands for one write, key already prefixed; collection TTLs are handled by the script instead. */
export function writeCommands(write: CacheWrite, key: string): RedisCommand[] {
  const ttl = ttlArg(write);
  const withTtl = ttl === "" ? [] : ["PX", ttl];
  switch (write.op) {
    case "set":
      return [["SET", key, write.value, ...withTtl]];
    case "setVector":
      return [["SET", key, vectorValue(write.vector), ...withTtl]];
    case "del":
      return [["DEL", key]];
    case "expire":
      return [["PEXPIRE", key, String(write.ttlMs)]];
    case "hset":
      return [["HSET", key, ...Object.entries(write.fields).flat()]];
    case "hincrby":
      return [["HINCRBY", key, write.field, String(write.by)]];
    case "lpush":
      return [
        ["LPUSH", key, ...write.values],
        ["LTRIM", key, "0", String(write.cap - 1)],
      ];
    case "zincrby":
      return [["ZINCRBY", key, String(write.by), write.member]];
    case "zadd":
      return [["ZADD", key, ...write.entries.flatMap((entry) => [String(entry.score), entry.member])]];
  }
}

/** The script's arguments for one write after its op and count (see apply-writes-script.ts). */
function scriptArgs(write: CacheWrite): [op: string, ...args: RedisArg[]] {
  const ttl = ttlArg(write);
  switch (write.op) {
    case "set":
      return ["set", ttl, write.value];
    case "setVector":
      return ["set", ttl, vectorValue(write.vector)];
    case "del":
      return ["del", ttl];
    case "expire":
      return ["expire", String(write.ttlMs)];
    case "hset":
      return ["hset", ttl, ...Object.entries(write.fields).flat()];
    case "hincrby":
      return ["hincrby", ttl, write.field, String(write.by)];
    case "lpush":
      return ["lpush", ttl, String(write.cap - 1), ...write.values];
    case "zincrby":
      return ["zincrby", ttl, write.member, String(write.by)];
    case "zadd":
      return ["zadd", ttl, ...write.entries.flatMap((entry) => [String(entry.score), entry.member])];
  }
}

/** KEYS and ARGV for the apply script; `prefixed` maps a port key to its Redis key. */
export function scriptCall(
  writes: readonly CacheWrite[],
  checkpoint: Checkpoint | null,
  prefixed: (key: string) => string,
): { keys: string[]; argv: RedisArg[] } {
  const firstKey = checkpoint?.key ?? writes[0]?.key ?? "";
  const keys = [prefixed(firstKey)];
  const argv: RedisArg[] = checkpoint === null ? ["", ""] : [checkpoint.field, String(checkpoint.offset)];
  // The guard travels as a pseudo-write checked before anything else, so its key is declared like the others.
  if (checkpoint?.guardKey !== undefined) {
    keys.push(prefixed(checkpoint.guardKey));
    argv.push("guard", "1", "");
  }
  for (const write of writes) {
    const [op, ...args] = scriptArgs(write);
    keys.push(prefixed(write.key));
    argv.push(op, String(args.length), ...args);
  }
  return { keys, argv };
}
