import { ManualClock } from "../../../core/clock.ts";
import { featureCacheContract } from "../../../core/ports/contracts/feature-cache.contract.ts";
import { createInMemoryFeatureCache } from "./index.ts";

// Each create() gets its own in-memory store: the contract never relies on two clients sharing data.
const clock = new ManualClock(Date.UTC(2024, 0, 1));

featureCacheContract("InMemoryFeatureCache", {
  create: async () => createInMemoryFeatureCache({ maxEntries: 1000, clock }),
  advance: async (ms) => clock.advance(ms),
  cleanup: async () => {},
});
