import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isCoordinatorError, retryOnCoordinatorMove } from "./kafka-errors.ts";

/** The shape of a kafkajs protocol error: a `type` naming the Kafka error code. */
function protocolError(type: string, message = "a Kafka protocol error"): Error {
  return Object.assign(new Error(message), { type });
}

describe("coordinator moves", () => {
  it("recognises coordinator errors, also when wrapped", () => {
    assert.equal(isCoordinatorError(protocolError("NOT_COORDINATOR")), true);
    assert.equal(
      isCoordinatorError(new Error("wrapped", { cause: protocolError("COORDINATOR_LOAD_IN_PROGRESS") })),
      true,
    );
    assert.equal(isCoordinatorError(protocolError("UNKNOWN_TOPIC_OR_PARTITION")), false);
    // kafkajs' own names for codes 14-16, and its admin's wrapper that keeps only the message.
    assert.equal(isCoordinatorError(protocolError("NOT_COORDINATOR_FOR_GROUP")), true);
    assert.equal(isCoordinatorError(protocolError("GROUP_LOAD_IN_PROGRESS")), true);
    assert.equal(isCoordinatorError(new Error("This is not the correct coordinator for this group")), true);
  });

  it("retries a request while the coordinator moves, and not other errors", async () => {
    let calls = 0;
    const answer = await retryOnCoordinatorMove(async () => {
      calls += 1;
      if (calls < 3) throw protocolError("NOT_COORDINATOR");
      return "offsets";
    });
    assert.equal(answer, "offsets");
    assert.equal(calls, 3);
    let other = 0;
    await assert.rejects(
      retryOnCoordinatorMove(async () => {
        other += 1;
        throw protocolError("GROUP_AUTHORIZATION_FAILED");
      }),
    );
    assert.equal(other, 1);
  });
});
