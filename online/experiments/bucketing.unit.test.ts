import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { armFor, bucketOf } from "./bucketing.ts";

const USERS = Array.from({ length: 100_000 }, (_, i) => `u${i}`);
const arms = (...weights: number[]) => weights.map((weight, i) => ({ name: `a${i}`, weight, params: {} }));

function shares(experimentId: string, weights: number[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of USERS) {
    const arm = armFor(experimentId, user, arms(...weights));
    const name = arm?.name ?? "none";
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...counts].map(([name, count]) => [name, count / USERS.length]));
}

describe("bucketing", () => {
  it("puts a user in the same bucket every time, within [0, 1)", () => {
    for (const user of ["u1", "42", "someone-else"]) {
      const bucket = bucketOf("exp", user);
      assert.ok(bucket >= 0 && bucket < 1);
      assert.equal(bucketOf("exp", user), bucket);
      assert.equal(armFor("exp", user, arms(1, 1, 1))?.name, armFor("exp", user, arms(1, 1, 1))?.name);
    }
    assert.notEqual(bucketOf("ab", "c"), bucketOf("a", "bc"), "the two ids are kept apart");
  });

  it("is a fixed function of (experiment, user), not of the process", () => {
    // sha256("exp\0u1") starts 0x0ba666f2, so this pins the hash so that a change shows up here.
    assert.equal(bucketOf("exp", "u1").toFixed(6), "0.045508");
  });

  it("splits 100k users by the arms' weights within 1%", () => {
    const split = shares("exp-weights", [1, 2, 7]);
    for (const [name, expected] of [
      ["a0", 0.1],
      ["a1", 0.2],
      ["a2", 0.7],
    ] as const) {
      const share = split.get(name) ?? 0;
      assert.ok(Math.abs(share - expected) < 0.01, `${name}: ${share} vs ${expected}`);
    }
  });

  it("never picks an arm of weight 0, and gives no arm when none has weight", () => {
    const split = shares("exp-zero", [0, 1, 0, 3]);
    assert.deepEqual([...split.keys()].sort(), ["a1", "a3"]);
    assert.ok(Math.abs((split.get("a3") ?? 0) - 0.75) < 0.01);
    assert.equal(armFor("exp", "u1", arms(0, 0)), null);
    assert.equal(armFor("exp", "u1", []), null);
  });

  it("buckets independently in different experiments", () => {
    const both = new Map<string, number>();
    for (const user of USERS) {
      const cell = `${armFor("exp-a", user, arms(1, 1))?.name}/${armFor("exp-b", user, arms(1, 1))?.name}`;
      both.set(cell, (both.get(cell) ?? 0) + 1);
    }
    assert.equal(both.size, 4);
    for (const [cell, count] of both) {
      const share = count / USERS.length;
      assert.ok(Math.abs(share - 0.25) < 0.01, `${cell}: ${share}`);
    }
  });
});
