import { ValidationError } from "../../errors.ts";
import type { SubscribeOptions } from "../event-log.ts";

/** Longest group id, in characters; the same bound as Kafka topic names. */
export const MAX_GROUP_ID_LENGTH = 249;

/** Check subscribe options; returns them with defaults filled in and topics deduplicated. */
export function checkSubscribeOptions(options: SubscribeOptions): Required<SubscribeOptions> {
  const issues: { field: string; message: string }[] = [];
  const { groupId, topics, fromBeginning, handler, maxBatchSize = 500 } = options ?? {};
  if (typeof groupId !== "string" || groupId.length === 0 || groupId.length > MAX_GROUP_ID_LENGTH) {
    issues.push({ field: "groupId", message: `must be a string of 1-${MAX_GROUP_ID_LENGTH} characters` });
  }
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => typeof t !== "string")) {
    issues.push({ field: "topics", message: "must be a non-empty array of topic names" });
  }
  if (typeof fromBeginning !== "boolean")
    issues.push({ field: "fromBeginning", message: "must be a boolean" });
  if (typeof handler !== "function") issues.push({ field: "handler", message: "must be a function" });
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
    issues.push({ field: "maxBatchSize", message: "must be a positive integer" });
  }
  if (issues.length > 0) {
    const text = issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
    throw new ValidationError(`invalid subscribe options: ${text}`, issues);
  }
  return { groupId, topics: [...new Set(topics)], fromBeginning, handler, maxBatchSize };
}
