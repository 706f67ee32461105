import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { poisonGoesToDeadLetters } from "./support/nearline-bad-input-scenarios.ts";
import { loadNearlineDataset } from "./support/nearline-dataset.ts";
import { duplicatesApplyOnce, staleDuplicateAppliedOnce } from "./support/nearline-duplicate-scenarios.ts";
import { embeddedProfile } from "./support/nearline-embedded-profile.ts";
import {
  cacheLossRebuilds,
  rebalanceUnderLoad,
  replayEqualsOffline,
  twoMembersShareTheLog,
} from "./support/nearline-scenarios.ts";

// The first 60 users of ml-latest-small: about 8,700 ratings on 3,000 movies.
const data = await loadNearlineDataset(60);
const profile = embeddedProfile();

// Not on this profile: a paused cache (the in-memory cache lives inside the consumer's process; the services file
// pauses Redis) and kill -9 (tests/nearline-crash.int.test.ts runs `recsys nearline` on the services profile).
describe("nearline scenarios on the embedded profile", () => {
  it("a replay of the data set equals the offline graph, features, user vectors and history", () =>
    replayEqualsOffline(profile, data));

  it("poison records go to the dead-letter topic and the partition keeps flowing", async () => {
    const hugeAccepted = await poisonGoesToDeadLetters(profile, data);
    assert.equal(hugeAccepted, true, "the embedded log takes records up to 16 MB");
  });

  it("a duplicate event id is applied once, within a batch and across batches", () =>
    duplicatesApplyOnce(profile, data));

  it("a duplicate older than the user's recent history is applied once", () =>
    staleDuplicateAppliedOnce(profile, data));

  it("after the cache loses its data mid-stream the consumer rebuilds to the same state", () =>
    cacheLossRebuilds(profile, data));

  it("two members of the group split the partitions and apply every event once", () =>
    twoMembersShareTheLog(profile, data));

  it("a member joins and another leaves under load: nothing lost, nothing applied twice", () =>
    rebalanceUnderLoad(profile, data));
});
