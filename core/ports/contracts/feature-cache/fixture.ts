import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { StarlingError } from "../../../errors.ts";
import type { FeatureCache } from "../../feature-cache.ts";
import type { ContractHarness } from "../harness.ts";

/** What each contract test gets: a fresh client and a key builder inside the test's own random namespace. */
export interface CacheTestContext {
  readonly cache: FeatureCache;
  readonly harness: ContractHarness<FeatureCache>;
  /** A key unique to this test; every key built here is deleted when the test ends. */
  key(name: string): string;
}

/** Wraps `test` so it runs on its own client and key prefix, then deletes its keys and closes the client. */
export function withCache(
  harness: ContractHarness<FeatureCache>,
  test: (context: CacheTestContext) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const cache = await harness.create();
    const prefix = `contract:feature-cache:${randomUUID().slice(0, 8)}:`;
    const used = new Set<string>();
    const key = (name: string) => {
      used.add(prefix + name);
      return prefix + name;
    };
    try {
      await test({ cache, harness, key });
    } finally {
      try {
        await cache.del([...used]);
      } finally {
        await cache.close();
      }
    }
  };
}

/** Asserts that `promise` rejects with a StarlingError of `code`. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof StarlingError, `expected a StarlingError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

/** Asserts `ttl` is a remaining time within (0, atMostMs]. */
export function assertTtlWithin(ttl: number | null, atMostMs: number): void {
  assert.ok(ttl !== null && ttl > 0 && ttl <= atMostMs, `expected a TTL in (0, ${atMostMs}] ms, got ${ttl}`);
}

/** A Float32Array with exactly these bit patterns, so tests can name -0, subnormals and NaN payloads. */
export function float32FromBits(bits: readonly number[]): Float32Array {
  return new Float32Array(new Uint32Array(bits).buffer);
}

/** The bit patterns of `vector`, for exact comparison (NaN !== NaN and -0 === 0 hide differences). */
export function float32Bits(vector: Float32Array | null): number[] | null {
  if (vector === null) return null;
  return Array.from(
    new Uint32Array(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength)),
  );
}
