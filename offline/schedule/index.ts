export { createExclusiveRunner, type ExclusiveRunner, type RunOutcome } from "./exclusive-runner.ts";
export {
  checkCronExpression,
  nodeCronTicker,
  startTrainingSchedule,
  type Ticker,
  type TrainingSchedule,
} from "./training-schedule.ts";
