import type { Config } from "../core/config/index.ts";
import type { EventLog } from "../core/ports/index.ts";
import { TOPICS } from "../schemas/index.ts";

/** Creates every event topic (and the dead-letter topic) that does not exist yet; topics are never implicit. */
export async function createEventTopics(eventLog: EventLog, config: Config): Promise<void> {
  const partitions = config.eventLog.partitions;
  await eventLog.createTopics(Object.values(TOPICS).map((name) => ({ name, partitions })));
}
