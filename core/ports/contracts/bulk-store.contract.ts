import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BulkStore } from "../bulk-store.ts";
import { artifactCases } from "./bulk-store/artifacts.ts";
import { eventCases } from "./bulk-store/events.ts";
import { bytes, collect, rawEvent, sameBytes, uid } from "./bulk-store/fixture.ts";
import type { ContractHarness } from "./harness.ts";

/**
 * The BulkStore guarantees every adapter must keep, registered as node:test suites. Tests share one client, isolate
 * themselves with random users, kinds and event ids, and move time only through `harness.advance`; the suite calls
 * `harness.cleanup()` once at the end.
 */
export function bulkStoreContract(adapterName: string, harness: ContractHarness<BulkStore>): void {
  describe(`BulkStore contract: ${adapterName}`, () => {
    let store: BulkStore;
    before(async () => {
      store = await harness.create();
    });
    after(async () => {
      await store.close();
      await harness.cleanup();
    });
    describe("events", () => eventCases(() => store));
    describe("artifacts", () => artifactCases(() => store, harness));
    it("a second client over the same storage reads what the first wrote", async () => {
      const user = `u-${uid()}`;
      const kind = `k-${uid()}`;
      const event = rawEvent(user, 5, `${uid()}-e`);
      await store.appendEvents([event]);
      await store.putArtifacts(kind, "v1", [{ key: "a", value: bytes("shared") }]);
      const other = await harness.create();
      try {
        assert.deepEqual(await collect(other.readEvents({ userId: user })), [event]);
        sameBytes(await other.getArtifact(kind, "v1", "a"), bytes("shared"), "a");
      } finally {
        await other.close();
      }
    });
  });
}
