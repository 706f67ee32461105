import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UnavailableError, ValidationError } from "../../core/errors.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import { RecordingEventLog } from "./recording-event-log.ts";
import { TopicLanes } from "./topic-lanes.ts";

const noSleep = async () => undefined;

function records(...keys: string[]) {
  return keys.map((key) => ({ key, value: key }));
}

async function lanesOn(log: RecordingEventLog, maxInFlight = 4, retries = 2) {
  await log.createTopics([
    { name: "a", partitions: 1 },
    { name: "b", partitions: 1 },
  ]);
  return new TopicLanes(log, { maxInFlight, retries, backoffMs: 1, sleep: noSleep });
}

describe("TopicLanes", () => {
  it("keeps one call in flight per topic and pipelines across topics", async () => {
    const log = new RecordingEventLog(true);
    const lanes = await lanesOn(log);
    const acked: string[] = [];
    await lanes.submit("a", records("a1"), () => acked.push("a1"));
    await lanes.submit("a", records("a2"), () => acked.push("a2"));
    await lanes.submit("b", records("b1"), () => acked.push("b1"));
    await waitFor(() => log.calls.length === 2);
    assert.deepEqual(
      log.calls.map((c) => c.topic),
      ["a", "b"],
    );
    log.calls[0]?.ack();
    await waitFor(() => log.calls.length === 3);
    assert.equal(log.calls[2]?.records[0]?.key, "a2");
    log.calls[1]?.ack();
    log.calls[2]?.ack();
    await lanes.drain();
    assert.deepEqual(acked, ["a1", "b1", "a2"]);
  });

  it("makes submit wait while maxInFlight calls are pending", async () => {
    const log = new RecordingEventLog(true);
    const lanes = await lanesOn(log, 2);
    await lanes.submit("a", records("a1"), () => undefined);
    await lanes.submit("b", records("b1"), () => undefined);
    let third = false;
    const waiting = lanes
      .submit("a", records("a2"), () => undefined)
      .then(() => {
        third = true;
      });
    await waitFor(() => log.calls.length === 2);
    assert.equal(third, false);
    log.calls[1]?.ack();
    await waiting;
    log.calls[0]?.ack();
    await waitFor(() => log.calls.length === 3);
    log.calls[2]?.ack();
    await lanes.drain();
  });

  it("retries a call that failed with a retriable error, in place", async () => {
    const log = new RecordingEventLog();
    let failures = 2;
    log.beforeAck = () => {
      if (failures-- > 0) throw new UnavailableError("broker down");
    };
    const lanes = await lanesOn(log);
    let acks = 0;
    await lanes.submit("a", records("a1"), () => acks++);
    await lanes.submit("a", records("a2"), () => acks++);
    await lanes.drain();
    assert.equal(acks, 2);
    assert.deepEqual(
      log.calls.map((c) => c.records[0]?.key),
      ["a1", "a1", "a1", "a2"],
    );
  });

  it("stops sending after a failure that retrying cannot fix, and reports it", async () => {
    const log = new RecordingEventLog();
    log.beforeAck = (call) => {
      if (call.records[0]?.key === "a1") throw new ValidationError("bad record");
    };
    const lanes = await lanesOn(log);
    await lanes.submit("a", records("a1"), () => undefined);
    await lanes.submit("a", records("a2"), () => undefined);
    await assert.rejects(lanes.drain(), ValidationError);
    assert.deepEqual(
      log.calls.map((c) => c.records[0]?.key),
      ["a1"],
    );
    await assert.rejects(
      lanes.submit("b", records("b1"), () => undefined),
      ValidationError,
    );
  });
});
