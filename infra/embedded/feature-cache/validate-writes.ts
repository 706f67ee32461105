import { checkWriteInput, isEmptyWrite } from "../../../core/ports/checks/index.ts";
import type { CacheWrite } from "../../../core/ports/feature-cache.ts";
import { wrongTypeError } from "./cache-errors.ts";
import { incrementedField } from "./hash-increment.ts";
import type { CacheStore } from "./typed-access.ts";
import type { ValueKind } from "./values.ts";

/** What a key would hold after the writes simulated so far: its kind and, for hashes, the fields they changed. */
interface Shadow {
  kind: ValueKind | null;
  /** The stored fields, until a write in the batch replaces or deletes the key. */
  storedFields: ReadonlyMap<string, string> | undefined;
  changedFields: Map<string, string>;
}

/**
 * Throws the error the first failing write would raise, simulating the earlier writes' effect on kinds and hash
 * fields, and changes nothing; once it passes, applying the same writes at the same `now` cannot fail half-way.
 */
export function validateWrites(store: CacheStore, writes: readonly CacheWrite[], now: number): void {
  const shadows = new Map<string, Shadow>();
  const shadowOf = (key: string): Shadow => {
    let shadow = shadows.get(key);
    if (shadow === undefined) {
      const stored = store.peek(key, now)?.value;
      const storedFields = stored?.kind === "hash" ? stored.fields : undefined;
      shadow = { kind: stored?.kind ?? null, storedFields, changedFields: new Map() };
      shadows.set(key, shadow);
    }
    return shadow;
  };
  for (const write of writes) {
    checkWriteInput(write);
    if (!isEmptyWrite(write)) simulate(write, shadowOf(write.key));
  }
}

function simulate(write: CacheWrite, shadow: Shadow): void {
  switch (write.op) {
    case "set":
      replace(shadow, "string");
      return;
    case "setVector":
      replace(shadow, "vector");
      return;
    case "del":
      replace(shadow, null);
      return;
    case "expire":
      return;
    case "hset":
      expectKind(write.key, shadow, "hash");
      for (const [field, value] of Object.entries(write.fields)) shadow.changedFields.set(field, value);
      return;
    case "hincrby": {
      expectKind(write.key, shadow, "hash");
      const current = shadow.changedFields.get(write.field) ?? shadow.storedFields?.get(write.field);
      const next = incrementedField(write.key, write.field, current, write.by);
      shadow.changedFields.set(write.field, String(next));
      return;
    }
    case "lpush":
      expectKind(write.key, shadow, "list");
      return;
    case "zincrby":
    case "zadd":
      expectKind(write.key, shadow, "zset");
      return;
  }
}

function replace(shadow: Shadow, kind: ValueKind | null): void {
  shadow.kind = kind;
  shadow.storedFields = undefined;
  shadow.changedFields.clear();
}

function expectKind(key: string, shadow: Shadow, kind: ValueKind): void {
  if (shadow.kind !== null && shadow.kind !== kind) throw wrongTypeError(key, kind, shadow.kind);
  shadow.kind = kind;
}
