import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger } from "../../core/logger.ts";
import { waitFor } from "../../core/ports/contracts/wait-for.ts";
import { nodeCronTicker, startTrainingSchedule, type Ticker } from "./index.ts";

function manualTicker() {
  const ticks: (() => void)[] = [];
  let stopped = false;
  const ticker: Ticker = (_expression, tick) => {
    ticks.push(tick);
    return {
      stop: () => {
        stopped = true;
      },
    };
  };
  const fire = () => {
    for (const tick of ticks) tick();
  };
  return { ticker, fire, isStopped: () => stopped };
}

function recordingLogger() {
  const lines: string[] = [];
  const logger = createLogger("debug", "test", (line: string) => lines.push(line));
  return { logger, lines };
}

function gatedJob() {
  let release: () => void = () => {};
  let calls = 0;
  const job = async () => {
    calls += 1;
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return calls;
  };
  return { job, release: () => release(), calls: () => calls };
}

describe("training schedule", () => {
  it("never starts a run while one is going; later ticks run again", async () => {
    const { ticker, fire } = manualTicker();
    const { logger, lines } = recordingLogger();
    const gated = gatedJob();
    const schedule = startTrainingSchedule({ expression: "0 3 * * *", job: gated.job, logger, ticker });
    fire();
    fire();
    fire();
    assert.equal(gated.calls(), 1);
    assert.equal(schedule.runner.running, true);
    const onDemand = await schedule.runner.run("cli");
    assert.deepEqual(onDemand, { status: "skipped", reason: "a run is in progress" });
    gated.release();
    await schedule.runner.idle();
    assert.equal(schedule.runner.running, false);
    fire();
    assert.equal(gated.calls(), 2);
    gated.release();
    await schedule.stop();
    assert.deepEqual(await schedule.runner.run("SIGUSR2"), { status: "skipped", reason: "shutting down" });
    assert.equal(gated.calls(), 2, "no run starts after stop");
    assert.equal(lines.filter((l) => l.includes("training run skipped")).length, 3);
    assert.equal(lines.filter((l) => l.includes("training run succeeded")).length, 2);
  });

  it("logs a failed run and keeps the schedule going", async () => {
    const { ticker, fire, isStopped } = manualTicker();
    const { logger, lines } = recordingLogger();
    let calls = 0;
    const job = async () => {
      calls += 1;
      if (calls === 1) throw new Error("cassandra is down");
      return calls;
    };
    const schedule = startTrainingSchedule({ expression: "*/5 * * * *", job, logger, ticker });
    fire();
    await schedule.runner.idle();
    const second = await schedule.runner.run("cli");
    assert.equal(second.status, "succeeded");
    assert.ok(lines.some((l) => l.includes("training run failed") && l.includes("cassandra is down")));
    await schedule.stop();
    assert.equal(isStopped(), true);
  });

  it("rejects an invalid cron expression naming the setting", () => {
    const { logger } = recordingLogger();
    const start = () => startTrainingSchedule({ expression: "61 * * * *", job: async () => 1, logger });
    assert.throws(start, /RECSYS_OFFLINE_SCHEDULE="61 \* \* \* \*" is not a valid cron expression/);
  });

  it("ticks on a real node-cron expression", async () => {
    let ticks = 0;
    const handle = nodeCronTicker("* * * * * *", () => {
      ticks += 1;
    });
    try {
      await waitFor(() => ticks > 0, { timeoutMs: 5000, message: "a node-cron tick" });
    } finally {
      handle.stop();
    }
  });

  it("aborts the run in progress when it stops", async () => {
    const { ticker, fire } = manualTicker();
    const { logger, lines } = recordingLogger();
    let aborted = false;
    const job = (signal: AbortSignal) =>
      new Promise<number>((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          aborted = true;
          reject(signal.reason);
        });
      });
    const schedule = startTrainingSchedule({ expression: "0 3 * * *", job, logger, ticker });
    fire();
    assert.equal(schedule.runner.running, true);
    await schedule.stop();
    assert.equal(aborted, true);
    assert.ok(lines.some((l) => l.includes("training run failed") && l.includes("shutting down")));
  });
});
