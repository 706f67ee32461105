import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allServices } from "./support/all-services.ts";
import { poisonGoesToDeadLetters } from "./support/nearline-bad-input-scenarios.ts";
import { loadNearlineDataset } from "./support/nearline-dataset.ts";
import { duplicatesApplyOnce, staleDuplicateAppliedOnce } from "./support/nearline-duplicate-scenarios.ts";
import type { NearlineProfile } from "./support/nearline-harness.ts";
import {
  cacheLossRebuilds,
  rebalanceUnderLoad,
  replayEqualsOffline,
  twoMembersShareTheLog,
} from "./support/nearline-scenarios.ts";
import { servicesProfile } from "./support/nearline-services-profile.ts";
import { redisPauseLosesNothing } from "./support/nearline-services-scenarios.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;
// The first 60 users of ml-latest-small: about 8,700 ratings on 3,000 movies.
const data = await loadNearlineDataset(60);
const profile = endpoints ? servicesProfile(endpoints) : undefined;
const redisUrl = endpoints?.redis.url ?? "";

/** The test body on the services profile (never called when the describe block is skipped). */
const on = (body: (p: NearlineProfile) => Promise<unknown>) => async () => {
  if (profile) await body(profile);
};

// The scenarios of tests/nearline-scenarios.int.test.ts on Kafka, Redis, Cassandra and MySQL, each in its own
// namespace (topic and group prefix, Redis key prefix, keyspace, database), plus Redis paused mid-stream.
describe("nearline scenarios on the services profile", { skip }, () => {
  it(
    "a replay of the data set equals the offline graph, features, user vectors and history",
    on((p) => replayEqualsOffline(p, data)),
  );

  it(
    "poison records go to the dead-letter topic and the partition keeps flowing",
    on(async (p) => {
      // Kafka's default message.max.bytes (1 MB) refuses the 2 MB record when it is produced.
      assert.equal(await poisonGoesToDeadLetters(p, data), false, "the broker refuses a 2 MB record");
    }),
  );

  it(
    "a duplicate event id is applied once, within a batch and across batches",
    on((p) => duplicatesApplyOnce(p, data)),
  );

  it(
    "a duplicate older than the user's recent history is applied once",
    on((p) => staleDuplicateAppliedOnce(p, data)),
  );

  it(
    "after Redis loses the namespace's keys mid-stream the consumer rebuilds to the same state",
    on((p) => cacheLossRebuilds(p, data)),
  );

  it(
    "Redis paused for 5 s mid-stream: no dead letter, no loss, no rebuild, the lag drains",
    on((p) => redisPauseLosesNothing(p, redisUrl, data, 5_000)),
  );

  it(
    "Redis paused past the nearline command timeout (12 s): writes time out, retries apply each event once",
    on((p) => redisPauseLosesNothing(p, redisUrl, data, 12_000)),
  );

  it(
    "two members of the group split the partitions and apply every event once",
    on((p) => twoMembersShareTheLog(p, data)),
  );

  it(
    "a member joins and another leaves under load: nothing lost, nothing applied twice",
    on((p) => rebalanceUnderLoad(p, data)),
  );
});
