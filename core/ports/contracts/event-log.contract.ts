import { after, describe } from "node:test";
import type { EventLog } from "../event-log.ts";
import { consumerGroups } from "./event-log/consumer-groups.ts";
import { delivery } from "./event-log/delivery.ts";
import { flowControl } from "./event-log/flow-control.ts";
import { partialCommit } from "./event-log/partial-commit.ts";
import { topicsAndProduce } from "./event-log/topics-and-produce.ts";
import type { ContractHarness } from "./harness.ts";

/**
 * The EventLog guarantees every adapter must keep, registered as node:test suites. Each test opens its own
 * client (closing it at the end), uses randomly named topics and groups, and waits for conditions, never sleeps.
 * At most one client per test is open at a time, so adapters that lock their storage can run it too.
 */
export function eventLogContract(adapterName: string, harness: ContractHarness<EventLog>): void {
  describe(`EventLog contract: ${adapterName}`, () => {
    after(() => harness.cleanup());
    describe("topics and produce", () => topicsAndProduce(harness));
    describe("delivery to a group", () => delivery(harness));
    describe("pause, resume and seek", () => flowControl(harness));
    describe("consumer groups", () => {
      consumerGroups(harness);
      partialCommit(harness);
    });
  });
}
