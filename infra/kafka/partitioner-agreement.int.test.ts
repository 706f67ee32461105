import assert from "node:assert/strict";
import { it } from "node:test";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { partitionForKey } from "../../core/partitioner.ts";
import { realService } from "../../tests/support/real-services.ts";
import { createKafkaEventLog } from "./create-kafka-event-log.ts";
import { describeOnKafka, testLogger, testOptions } from "./kafka-test-support.ts";

const service = await realService("kafka");

describeOnKafka("KafkaEventLog partitioning on a real kafka", service, (brokers, namespace) => {
  it("places keys where core partitionForKey and a plain kafkajs producer place them", {
    timeout: 60_000,
  }, async () => {
    const log = await createKafkaEventLog({ logger: testLogger() }, testOptions(brokers, namespace));
    const plain = new Kafka({ clientId: "plain", brokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    try {
      await log.createTopics([{ name: "placement", partitions: 6 }]);
      const keys = Array.from({ length: 60 }, (_, i) => `user-${i * 7919}`);
      const acks = await log.produce(
        "placement",
        keys.map((key) => ({ key, value: key })),
      );
      keys.forEach((key, i) => {
        assert.equal(acks[i]?.partition, partitionForKey(key, 6), key);
      });
      await plain.connect();
      for (const key of keys.slice(0, 20)) {
        const [meta] = await plain.send({ topic: `${namespace}.placement`, messages: [{ key, value: key }] });
        assert.equal(meta?.partition, partitionForKey(key, 6), `kafkajs default partitioner, ${key}`);
      }
    } finally {
      await plain.disconnect();
      await log.close();
    }
  });
});
