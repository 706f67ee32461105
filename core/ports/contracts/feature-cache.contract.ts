import { after, describe } from "node:test";
import type { FeatureCache } from "../feature-cache.ts";
import { applyAtomicallyAndCheckpoints } from "./feature-cache/apply-atomically.ts";
import { batchesAndTypes } from "./feature-cache/batches-and-types.ts";
import { hashesAndLists } from "./feature-cache/hashes-and-lists.ts";
import { sortedSetsAndVectors } from "./feature-cache/sorted-sets-and-vectors.ts";
import { stringsAndTtls } from "./feature-cache/strings-and-ttls.ts";
import { ttlKeepingWrites } from "./feature-cache/ttl-keeping-writes.ts";
import { ttlReplacingWrites } from "./feature-cache/ttl-replacing-writes.ts";
import type { ContractHarness } from "./harness.ts";

/**
 * The FeatureCache guarantees every adapter must keep, registered as node:test suites. Each test uses its own client
 * and random key prefix and deletes its keys; TTLs are 1 s and time moves only through `harness.advance`.
 */
export function featureCacheContract(adapterName: string, harness: ContractHarness<FeatureCache>): void {
  describe(`FeatureCache contract: ${adapterName}`, () => {
    after(() => harness.cleanup());
    describe("strings and TTLs", () => stringsAndTtls(harness));
    describe("TTLs of set, setVector and del", () => ttlReplacingWrites(harness));
    describe("TTLs of hset, hincrby, lpush, zincrby and zadd", () => ttlKeepingWrites(harness));
    describe("hashes and capped lists", () => hashesAndLists(harness));
    describe("sorted sets and vectors", () => sortedSetsAndVectors(harness));
    describe("batches and wrong types", () => batchesAndTypes(harness));
    describe("applyAtomically and checkpoints", () => applyAtomicallyAndCheckpoints(harness));
  });
}
