export { NEARLINE_TOPICS, type RunningNearline, startNearline } from "./consumer/nearline-consumer.ts";
export type { NearlineDeps, NearlineSettings } from "./consumer/nearline-context.ts";
export { createNearlineMetrics, type NearlineMetrics } from "./metrics.ts";
