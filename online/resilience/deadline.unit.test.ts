import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ManualClock } from "../../core/clock.ts";
import { ConfigError } from "../../core/errors.ts";
import { createDeadline } from "./deadline.ts";

describe("createDeadline", () => {
  it("counts down on its clock and never goes below zero", () => {
    const clock = new ManualClock(1000);
    const deadline = createDeadline(150, clock);
    assert.equal(deadline.remaining(), 150);
    clock.advance(100);
    assert.equal(deadline.remaining(), 50);
    assert.equal(deadline.expired(), false);
    clock.advance(80);
    assert.equal(deadline.remaining(), 0);
    assert.equal(deadline.expired(), true);
  });

  it("slices a share of what is left, capped, and at least 1 ms", () => {
    const clock = new ManualClock(0);
    const deadline = createDeadline(150, clock);
    assert.equal(deadline.slice(0.4), 60);
    assert.equal(deadline.slice(0.4, 25), 25);
    clock.advance(60);
    assert.equal(deadline.slice(0.5), 45);
    assert.equal(deadline.slice(1), 90);
    clock.advance(200);
    assert.equal(deadline.slice(0.4), 1);
    assert.equal(deadline.slice(0), 1);
    assert.throws(() => deadline.slice(1.5), RangeError);
    assert.throws(() => deadline.slice(-0.1), RangeError);
  });

  it("aborts its signal when the time is up", async () => {
    const deadline = createDeadline(20);
    const { signal } = deadline;
    assert.equal(signal.aborted, false);
    await sleep(60);
    assert.equal(signal.aborted, true);
    assert.equal((signal.reason as DOMException).name, "TimeoutError");
    assert.equal(deadline.signal, signal, "one signal per deadline");
  });

  it("never aborts once disposed, even when the signal is first read afterwards", async () => {
    const early = createDeadline(20);
    const signal = early.signal;
    early.dispose();
    const late = createDeadline(20);
    late.dispose();
    const lateSignal = late.signal;
    await sleep(60);
    assert.equal(signal.aborted, false);
    assert.equal(lateSignal.aborted, false);
  });

  it("gives an already aborted signal when read after the deadline", () => {
    const clock = new ManualClock(0);
    const deadline = createDeadline(10, clock);
    clock.advance(10);
    assert.equal(deadline.signal.aborted, true);
  });

  it("refuses a budget that is not positive", () => {
    assert.throws(() => createDeadline(0), ConfigError);
    assert.throws(() => createDeadline(Number.NaN), ConfigError);
  });
});
