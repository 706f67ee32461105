export { createKafkaEventLog } from "./create-kafka-event-log.ts";
export { javaCompatiblePartitioner } from "./java-partitioner.ts";
export { KafkaEventLog } from "./kafka-event-log.ts";
export type { KafkaEventLogDeps, KafkaEventLogOptions } from "./kafka-options.ts";
