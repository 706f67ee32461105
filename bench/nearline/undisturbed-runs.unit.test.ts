import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consumerDisturbance, undisturbedRuns } from "./undisturbed-runs.ts";

describe("consumerDisturbance", () => {
  it("trusts a run without retries or rebuilds", () => {
    assert.equal(consumerDisturbance({ retries: 0, rebuilds: 0, errors: [] }), null);
  });

  it("sets aside a run whose errors all say a service went away", () => {
    const errors = [
      "cassandra appendEvents failed: All host(s) tried for query failed",
      "connect ECONNREFUSED",
    ];
    assert.match(consumerDisturbance({ retries: 3, rebuilds: 0, errors }) ?? "", /retried 3 batches/);
  });

  it("keeps a run that failed on the nearline's own error, since redoing it would fail again", () => {
    const errors = ["redis applyAtomically failed: Maximum call stack size exceeded", "connect ECONNREFUSED"];
    assert.equal(consumerDisturbance({ retries: 5, rebuilds: 0, errors }), null);
  });
});

describe("undisturbedRuns", () => {
  it("redoes disturbed attempts until enough are clean, within the extra attempts", async () => {
    const outcome = await undisturbedRuns(
      2,
      2,
      async (n) => n,
      (n) => (n === 1 ? "restarted" : null),
    );
    assert.deepEqual(outcome.results, [2, 3]);
    assert.deepEqual(
      outcome.discarded.map((d) => [d.attempt, d.why]),
      [[1, "restarted"]],
    );
  });

  it("stops after the extra attempts even when runs are still missing", async () => {
    let calls = 0;
    const outcome = await undisturbedRuns(
      2,
      1,
      async () => ++calls,
      () => "always",
    );
    assert.equal(calls, 3);
    assert.deepEqual(outcome.results, []);
  });
});
