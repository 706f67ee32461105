import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigError, ValidationError } from "../../core/errors.ts";
import { type BreakerGuardOptions, type CallOutcome, createBreakerGuard } from "./breaker-guard.ts";
import { type BreakerState, type Dependency, DependencyUnavailable } from "./types.ts";

const RESET_MS = 60;

function guardWith(over: Partial<BreakerGuardOptions> = {}) {
  const changes: [Dependency, BreakerState][] = [];
  const outcomes: [Dependency, CallOutcome][] = [];
  const guard = createBreakerGuard({
    errorThresholdPercent: 50,
    resetTimeoutMs: RESET_MS,
    volumeThreshold: 4,
    onStateChange: (dependency, state) => changes.push([dependency, state]),
    onOutcome: (dependency, outcome) => outcomes.push([dependency, outcome]),
    ...over,
  });
  return { guard, changes, outcomes };
}

const failing = () => Promise.reject(new Error("boom"));

async function rejectsWith(promise: Promise<unknown>, dependency: Dependency, reason: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DependencyUnavailable, `expected DependencyUnavailable, got ${String(error)}`);
    assert.deepEqual([error.dependency, error.reason], [dependency, reason]);
    return true;
  });
}

async function trip(guard: ReturnType<typeof guardWith>["guard"], dependency: Dependency, times = 4) {
  for (let i = 0; i < times; i++)
    await rejectsWith(guard.call(dependency, failing, 100), dependency, "error");
}

describe("createBreakerGuard", () => {
  it("passes values through and reports every breaker closed", async () => {
    const { guard, outcomes } = guardWith();
    try {
      assert.equal(await guard.call("cache", async () => 42, 100), 42);
      assert.deepEqual(guard.states(), {
        cache: "closed",
        bulk: "closed",
        control: "closed",
        eventLog: "closed",
      });
      assert.deepEqual(outcomes, [["cache", "success"]]);
    } finally {
      guard.close();
    }
  });

  it("wraps a failure as error with its cause, a synchronous throw too", async () => {
    const { guard } = guardWith();
    try {
      const cause = new Error("boom");
      await assert.rejects(
        guard.call("bulk", () => Promise.reject(cause), 100),
        (error: unknown) => error instanceof DependencyUnavailable && error.cause === cause,
      );
      await rejectsWith(
        guard.call(
          "bulk",
          () => {
            throw new Error("sync");
          },
          100,
        ),
        "bulk",
        "error",
      );
    } finally {
      guard.close();
    }
  });

  it("opens after enough failures and then refuses without calling the dependency", async () => {
    const { guard, changes, outcomes } = guardWith();
    try {
      await trip(guard, "cache", 3);
      assert.equal(guard.state("cache"), "closed", "below the volume threshold");
      await trip(guard, "cache", 1);
      assert.equal(guard.state("cache"), "open");
      let called = false;
      await rejectsWith(
        guard.call(
          "cache",
          async () => {
            called = true;
          },
          100,
        ),
        "cache",
        "open",
      );
      assert.equal(called, false);
      assert.equal(guard.state("bulk"), "closed", "breakers are per dependency");
      assert.deepEqual(changes, [["cache", "open"]]);
      assert.equal(outcomes.at(-1)?.[1], "open");
    } finally {
      guard.close();
    }
  });

  it("lets one trial through after the reset timeout; success closes the breaker", async () => {
    const { guard, changes } = guardWith();
    try {
      await trip(guard, "control");
      await sleep(RESET_MS + 30);
      assert.equal(guard.state("control"), "halfOpen");
      let release: (value: string) => void = () => {};
      const trial = guard.call("control", () => new Promise<string>((resolve) => (release = resolve)), 500);
      await rejectsWith(
        guard.call("control", async () => "second", 100),
        "control",
        "open",
      );
      release("ok");
      assert.equal(await trial, "ok");
      assert.equal(guard.state("control"), "closed");
      assert.deepEqual(
        changes.map(([, state]) => state),
        ["open", "halfOpen", "closed"],
      );
    } finally {
      guard.close();
    }
  });

  it("re-opens when the half-open trial fails or times out", async () => {
    const { guard } = guardWith();
    try {
      await trip(guard, "eventLog");
      await sleep(RESET_MS + 30);
      await rejectsWith(
        guard.call("eventLog", () => new Promise(() => {}), 15),
        "eventLog",
        "timeout",
      );
      assert.equal(guard.state("eventLog"), "open");
    } finally {
      guard.close();
    }
  });

  it("times a hanging call out at its own timeout and counts it as a failure", async () => {
    const { guard } = guardWith({ volumeThreshold: 2 });
    try {
      const started = performance.now();
      await rejectsWith(
        guard.call("bulk", () => new Promise(() => {}), 20),
        "bulk",
        "timeout",
      );
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 15 && elapsed < 250, `took ${elapsed} ms`);
      await rejectsWith(
        guard.call("bulk", () => new Promise(() => {}), 5),
        "bulk",
        "timeout",
      );
      assert.equal(guard.state("bulk"), "open");
    } finally {
      guard.close();
    }
  });

  it("leaves no unhandled rejection when a timed-out operation rejects later", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const { guard } = guardWith();
    try {
      let failed = false;
      const late = () =>
        new Promise<never>((_, reject) =>
          setTimeout(() => {
            failed = true;
            reject(new Error("too late"));
          }, 30),
        );
      await rejectsWith(guard.call("cache", late, 5), "cache", "timeout");
      await sleep(60);
      assert.equal(failed, true);
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      guard.close();
    }
  });

  it("refuses a call with no budget left without calling it or counting a failure", async () => {
    const { guard } = guardWith({ volumeThreshold: 1 });
    try {
      let called = false;
      const operation = async () => {
        called = true;
      };
      await rejectsWith(guard.call("cache", operation, 0), "cache", "timeout");
      await rejectsWith(guard.call("cache", operation, Number.NaN), "cache", "timeout");
      assert.equal(called, false);
      assert.equal(guard.state("cache"), "closed");
    } finally {
      guard.close();
    }
  });

  it("does not count the caller's own bad input as a dependency failure", async () => {
    const { guard } = guardWith({ volumeThreshold: 1 });
    try {
      const invalid = new ValidationError("bad", [{ field: "x", message: "bad" }]);
      for (let i = 0; i < 5; i++) {
        await assert.rejects(
          guard.call("control", () => Promise.reject(invalid), 100),
          (error: unknown) => error instanceof DependencyUnavailable && error.cause === invalid,
        );
      }
      assert.equal(guard.state("control"), "closed");
    } finally {
      guard.close();
    }
  });

  it("refuses every call once closed", async () => {
    const { guard } = guardWith();
    guard.close();
    await rejectsWith(
      guard.call("cache", async () => 1, 100),
      "cache",
      "open",
    );
  });

  it("rejects unusable options", () => {
    const base = { errorThresholdPercent: 50, resetTimeoutMs: 100 };
    assert.throws(() => createBreakerGuard({ ...base, errorThresholdPercent: 0 }), ConfigError);
    assert.throws(() => createBreakerGuard({ ...base, resetTimeoutMs: 0 }), ConfigError);
    assert.throws(() => createBreakerGuard({ ...base, volumeThreshold: -1 }), ConfigError);
    assert.throws(() => createBreakerGuard({ ...base, rollingCountTimeoutMs: 5 }), ConfigError);
  });
});
