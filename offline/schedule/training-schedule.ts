import cron from "node-cron";
import { ConfigError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { createExclusiveRunner, type ExclusiveRunner } from "./exclusive-runner.ts";

/** Something that calls `tick` on a cron expression; node-cron in production, a manual trigger in tests. */
export type Ticker = (expression: string, tick: () => void) => { stop(): void };

/** node-cron as a Ticker; our own runner keeps runs from overlapping, so its `noOverlap` stays off. */
export const nodeCronTicker: Ticker = (expression, tick) => {
  const task = cron.schedule(expression, () => tick(), { name: "starling-offline-training" });
  return { stop: () => void task.stop() };
};

export interface TrainingScheduleOptions<T> {
  readonly expression: string;
  readonly job: (signal: AbortSignal) => Promise<T>;
  readonly logger: Logger;
  readonly ticker?: Ticker;
}

export interface TrainingSchedule<T> {
  readonly runner: ExclusiveRunner<T>;
  /** Stops ticking, aborts a run in progress and waits for it to end. */
  stop(): Promise<void>;
}

/** Throws a ConfigError naming the setting unless node-cron accepts the expression. */
export function checkCronExpression(expression: string): void {
  if (!cron.validate(expression)) {
    throw new ConfigError(
      `RECSYS_OFFLINE_SCHEDULE="${expression}" is not a valid cron expression (e.g. "0 3 * * *")`,
      "offline.schedule",
    );
  }
}

/** Runs the training job on a cron expression, never two runs at once; each run's outcome is logged. */
export function startTrainingSchedule<T>(options: TrainingScheduleOptions<T>): TrainingSchedule<T> {
  checkCronExpression(options.expression);
  const runner = createExclusiveRunner(options.job, options.logger);
  const ticker = options.ticker ?? nodeCronTicker;
  const handle = ticker(options.expression, () => void runner.run("schedule"));
  return {
    runner,
    async stop() {
      handle.stop();
      runner.close();
      await runner.idle();
    },
  };
}
