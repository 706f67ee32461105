import { describe } from "node:test";
import { featureCacheContract } from "../../core/ports/contracts/feature-cache.contract.ts";
import { realService, testNamespace } from "../../tests/support/real-services.ts";
import { redisHarness } from "./redis-test-harness.ts";

const service = await realService("redis");

describe("RedisFeatureCache on a real redis", { skip: "skip" in service ? service.skip : false }, () => {
  if ("skip" in service) return;
  featureCacheContract("RedisFeatureCache", redisHarness(service.endpoint.url, `${testNamespace("r")}:`));
});
