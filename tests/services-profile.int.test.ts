import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { systemClock } from "../core/clock.ts";
import { loadConfig } from "../core/config/index.ts";
import { silentLogger } from "../core/logger.ts";
import { waitFor } from "../core/ports/contracts/wait-for.ts";
import { createProgress } from "../core/progress.ts";
import { type Adapters, createAdapters } from "../infra/create-adapters.ts";
import { buildPopularity } from "../offline/jobs/build-popularity.ts";
import { createApp } from "../online/app.ts";
import { allServices } from "./support/all-services.ts";
import { dropNamespace } from "./support/drop-namespace.ts";
import { testNamespace } from "./support/real-services.ts";
import { servicesEnv } from "./support/services-env.ts";
import { tinyDataset } from "./support/tiny-dataset.ts";

const services = await allServices();
const skip = "skip" in services ? services.skip : false;
const endpoints = "endpoints" in services ? services.endpoints : undefined;

describe("the services profile runs the same code on Kafka, Redis, Cassandra and MySQL", { skip }, () => {
  const namespace = testNamespace("prof");
  let adapters: Adapters | undefined;

  after(async () => {
    await adapters?.close();
    await dropNamespace(namespace, endpoints?.cassandra, endpoints?.mysql);
  });

  it("publishes popularity through the real stores and serves it, and moves an event through Kafka", async () => {
    if (endpoints === undefined) return;
    const config = loadConfig(servicesEnv(endpoints, namespace));
    adapters = await createAdapters(config, { clock: systemClock, logger: silentLogger });
    const deps = {
      ...adapters,
      clock: systemClock,
      logger: silentLogger,
      progress: createProgress,
      newId: () => namespace,
    };
    const result = await buildPopularity(deps, { dataset: tinyDataset(), priorWeight: 10, topK: 10 });
    assert.equal(result.ratings, 61);

    const app = createApp({ ...adapters, logger: silentLogger, bodyLimitBytes: 1024 });
    const response = await app.request("/api/v1/genres/Comedy/items?k=5");
    assert.equal(response.status, 200);
    const body = (await response.json()) as { version: string; items: { itemId: string }[] };
    assert.equal(body.version, result.version);
    assert.deepEqual(
      body.items.map((i) => i.itemId),
      ["1", "2"],
    );

    const topic = `starling.profile.${namespace}`;
    await adapters.eventLog.createTopics([{ name: topic, partitions: 2 }]);
    const [ack] = await adapters.eventLog.produce(topic, [{ key: "u1", value: "hello" }]);
    assert.ok(ack);
    const seen: string[] = [];
    const consumer = await adapters.eventLog.subscribe({
      groupId: `g-${randomUUID().slice(0, 8)}`,
      topics: [topic],
      fromBeginning: true,
      handler: async (batch) => {
        for (const record of batch.records) seen.push(record.value ?? "");
      },
    });
    await waitFor(() => seen.length > 0, {
      timeoutMs: 30_000,
      message: "the produced event was not consumed",
    });
    await consumer.stop();
    assert.deepEqual(seen, ["hello"]);
  });
});
