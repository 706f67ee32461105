export { createExclusiveRunner, type ExclusiveRunner, type RunOutcome } from "./exclusive-runner.ts";
export {
  nodeCronTicker,
  startTrainingSchedule,
  type Ticker,
  type TrainingSchedule,
} from "./training-schedule.ts";
