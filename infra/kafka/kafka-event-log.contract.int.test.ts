import { describe } from "node:test";
import { eventLogContract } from "../../core/ports/contracts/event-log.contract.ts";
import { realService, testNamespace } from "../../tests/support/real-services.ts";
import { kafkaHarness } from "./kafka-test-support.ts";

const service = await realService("kafka");

describe("KafkaEventLog on a real kafka", { skip: "skip" in service ? service.skip : false }, () => {
  if ("skip" in service) return;
  eventLogContract("KafkaEventLog", kafkaHarness(service.endpoint.brokers, testNamespace("kafka")));
});
