import { isEmptyWrite } from "../../../core/ports/checks/index.ts";
import type { CacheWrite } from "../../../core/ports/feature-cache.ts";
import { float32ToBytes } from "../../../core/vector-bytes.ts";
import { incrementedField } from "./hash-increment.ts";
import { type CacheStore, collectionFor } from "./typed-access.ts";

/** When a replaced key expires: `ttlMs` from now, or never without one (Redis SET clears any earlier expiry). */
function expiryOf(write: { readonly ttlMs?: number }, now: number): number | null {
  return write.ttlMs === undefined ? null : now + write.ttlMs;
}

/** Applies one write that `validateWrites` accepted; eviction is left to the caller, after the whole batch. */
export function applyWrite(store: CacheStore, write: CacheWrite, now: number): void {
  if (isEmptyWrite(write)) return;
  switch (write.op) {
    case "set":
      store.set(write.key, { kind: "string", text: write.value }, expiryOf(write, now));
      return;
    case "setVector":
      store.set(write.key, { kind: "vector", bytes: float32ToBytes(write.vector) }, expiryOf(write, now));
      return;
    case "del":
      store.delete(write.key);
      return;
    case "expire":
      store.setExpiry(write.key, now + write.ttlMs, now);
      return;
    default:
      updateCollection(store, write, now);
      // Like HSET/LPUSH/ZADD in Redis: the key keeps its expiry unless this write gives a new one.
      if (write.ttlMs !== undefined) store.setExpiry(write.key, now + write.ttlMs, now);
      return;
  }
}

type CollectionWrite = Extract<CacheWrite, { op: "hset" | "hincrby" | "lpush" | "zincrby" | "zadd" }>;

function updateCollection(store: CacheStore, write: CollectionWrite, now: number): void {
  switch (write.op) {
    case "hset": {
      const { fields } = collectionFor(store, write.key, "hash", now);
      for (const [field, value] of Object.entries(write.fields)) fields.set(field, value);
      return;
    }
    case "hincrby": {
      const { fields } = collectionFor(store, write.key, "hash", now);
      fields.set(
        write.field,
        String(incrementedField(write.key, write.field, fields.get(write.field), write.by)),
      );
      return;
    }
    case "lpush": {
      const list = collectionFor(store, write.key, "list", now);
      // LPUSH a b c leaves c b a: the last value given is the newest.
      list.items = [...write.values].reverse().concat(list.items).slice(0, write.cap);
      return;
    }
    case "zincrby": {
      const { scores } = collectionFor(store, write.key, "zset", now);
      scores.set(write.member, (scores.get(write.member) ?? 0) + write.by);
      return;
    }
    case "zadd": {
      const { scores } = collectionFor(store, write.key, "zset", now);
      for (const { member, score } of write.entries) scores.set(member, score);
      return;
    }
  }
}
