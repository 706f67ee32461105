import type { LogRecord, ProduceRecord } from "../../core/ports/index.ts";
import { decodeEvent, type FieldIssue, type StarlingEvent, topicForEvent } from "../../schemas/index.ts";

/** Why a record went to the dead-letter topic. */
export type DeadLetterReason =
  | "empty_value"
  | "too_large"
  | "not_json"
  | "invalid_event"
  | "wrong_topic"
  | "key_mismatch";

/** Largest record value decoded; anything bigger is dead-lettered unread (events are a few kB at most). */
export const MAX_EVENT_BYTES = 256 * 1024;
/** How much of a bad value the dead letter keeps, so a 2 MB value cannot fill the dead-letter topic. */
const KEPT_VALUE_CHARS = 16 * 1024;

export interface DeadLetter {
  readonly record: LogRecord;
  readonly reason: DeadLetterReason;
  readonly errors: readonly FieldIssue[];
}

export interface DecodedBatch {
  readonly events: { readonly record: LogRecord; readonly event: StarlingEvent }[];
  readonly dead: DeadLetter[];
}

function reasonOf(issues: readonly FieldIssue[]): DeadLetterReason {
  const first = issues[0]?.message ?? "";
  if (first === "empty value") return "empty_value";
  if (first === "not valid JSON") return "not_json";
  return "invalid_event";
}

/** One record: a valid event that belongs on this topic under this key, or a dead letter saying why not. */
type Decoded =
  | { readonly event: StarlingEvent }
  | { readonly reason: DeadLetterReason; readonly errors: readonly FieldIssue[] };

function decodeRecord(
  record: LogRecord,
  topicOf: (type: StarlingEvent["type"]) => string,
  now: number,
): Decoded {
  if (record.value !== null && record.value.length > MAX_EVENT_BYTES) {
    const message = `value of ${record.value.length} characters is over ${MAX_EVENT_BYTES}`;
    return { reason: "too_large", errors: [{ field: "(event)", message }] };
  }
  const decoded = decodeEvent(record.value, { now });
  if (!decoded.ok) return { reason: reasonOf(decoded.issues), errors: decoded.issues };
  const { event } = decoded;
  if (topicOf(event.type) !== record.topic) {
    const message = `a ${event.type} event does not belong on ${record.topic}`;
    return { reason: "wrong_topic", errors: [{ field: "type", message }] };
  }
  if (record.key !== event.userId) {
    // Keying by user keeps one user's events in order on one partition; other keys break that promise.
    const message = `record key ${JSON.stringify(record.key)} is not the event's userId`;
    return { reason: "key_mismatch", errors: [{ field: "userId", message }] };
  }
  return { event };
}

/** Validates every record again (producers other than ours exist); never throws on bad input. */
export function decodeRecords(
  records: readonly LogRecord[],
  now: number,
  topicOf: (type: StarlingEvent["type"]) => string = topicForEvent,
): DecodedBatch {
  const batch: DecodedBatch = { events: [], dead: [] };
  for (const record of records) {
    const result = decodeRecord(record, topicOf, now);
    if ("event" in result) batch.events.push({ record, event: result.event });
    else batch.dead.push({ record, reason: result.reason, errors: result.errors });
  }
  return batch;
}

/** The dead-letter record: origin, reason, errors, time, and the start of the bad value. */
export function deadLetterRecord(letter: DeadLetter, failedAt: number): ProduceRecord {
  const { record } = letter;
  const value = record.value ?? null;
  const body = {
    reason: letter.reason,
    errors: letter.errors,
    origin: { topic: record.topic, partition: record.partition, offset: record.offset, key: record.key },
    recordTimestamp: record.timestamp,
    failedAt,
    value: value === null ? null : value.slice(0, KEPT_VALUE_CHARS),
    truncated: value !== null && value.length > KEPT_VALUE_CHARS,
  };
  return { key: record.key, value: JSON.stringify(body), headers: { reason: letter.reason } };
}
