import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { currentEpoch, decayedCount, EPOCH_HALF_LIVES, trendingIncrement } from "./trending.ts";

const HOUR = 3_600_000;

describe("trending decay", () => {
  it("an event counts 1 at its own time and half after one half-life", () => {
    const t = 1_700_000_000_000;
    const { epoch, weight } = trendingIncrement(t, HOUR);
    assert.ok(Math.abs(decayedCount(weight, epoch, t, HOUR) - 1) < 1e-9);
    assert.ok(Math.abs(decayedCount(weight, epoch, t + HOUR, HOUR) - 0.5) < 1e-9);
  });

  it("ranks like decayed counts: one recent event beats two events three half-lives older", () => {
    const t = 1_700_000_000_000;
    const old = trendingIncrement(t - 3 * HOUR, HOUR);
    const recent = trendingIncrement(t, HOUR);
    assert.equal(old.epoch, recent.epoch);
    assert.ok(recent.weight > 2 * old.weight);
  });

  it("keeps scores bounded by starting a new epoch every EPOCH_HALF_LIVES half-lives", () => {
    const span = HOUR * EPOCH_HALF_LIVES;
    const { epoch, weight } = trendingIncrement(5 * span - 1, HOUR);
    assert.equal(epoch, 4);
    assert.ok(weight < 2 ** EPOCH_HALF_LIVES && weight > 2 ** (EPOCH_HALF_LIVES - 1));
    assert.equal(currentEpoch(5 * span, HOUR), 5);
  });
});
