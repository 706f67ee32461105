import { after, before, describe } from "node:test";
import type { ControlStore } from "../control-store.ts";
import { catalogCases } from "./control-store/catalog.ts";
import { experimentAndSwitchCases } from "./control-store/experiments-and-switches.ts";
import { leaseCases } from "./control-store/leases.ts";
import { versionSwitchCases } from "./control-store/versions.ts";
import type { ContractHarness } from "./harness.ts";

/**
 * The ControlStore guarantees every adapter must keep, registered as node:test suites. Tests share one client (plus
 * a second one for the concurrent reader), isolate themselves with random ids, names and kinds, and move time only
 * through `harness.advance`; the suite calls `harness.cleanup()` once at the end.
 */
export function controlStoreContract(adapterName: string, harness: ContractHarness<ControlStore>): void {
  describe(`ControlStore contract: ${adapterName}`, () => {
    let store: ControlStore;
    before(async () => {
      store = await harness.create();
    });
    after(async () => {
      await store.close();
      await harness.cleanup();
    });
    describe("items and genres", () => catalogCases(() => store));
    describe("experiments and switches", () => experimentAndSwitchCases(() => store));
    describe("model versions", () => versionSwitchCases(() => store, harness));
    describe("leases", () => leaseCases(() => store, harness));
  });
}
