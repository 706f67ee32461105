import type { IHeaders, KafkaMessage, Message } from "kafkajs";
import { ValidationError } from "../../core/errors.ts";
import type { LogRecord, ProduceRecord } from "../../core/ports/event-log.ts";

function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === "string" ? first : first.toString("utf8");
}

/** A fetched kafkajs message as the port's record; headers and null values survive. */
export function toLogRecord(topic: string, partition: number, message: KafkaMessage): LogRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  return {
    topic,
    partition,
    offset: Number(message.offset),
    key: message.key === null ? "" : message.key.toString("utf8"),
    value: message.value === null ? null : message.value.toString("utf8"),
    timestamp: Number(message.timestamp),
    headers,
  };
}

/** Check the records and turn them into kafkajs messages on the given partitions. */
export function toMessages(
  records: readonly ProduceRecord[],
  partitions: readonly number[],
  now: number,
): Message[] {
  if (!Array.isArray(records)) throw new ValidationError("records must be an array");
  const issues: { field: string; message: string }[] = [];
  const messages = records.map((record, i): Message => {
    const at = `records[${i}]`;
    if (typeof record?.key !== "string") issues.push({ field: `${at}.key`, message: "must be a string" });
    if (record?.value !== null && typeof record?.value !== "string") {
      issues.push({ field: `${at}.value`, message: "must be a string or null" });
    }
    const timestamp = record?.timestamp ?? now;
    if (!Number.isInteger(timestamp) || timestamp < 0) {
      issues.push({ field: `${at}.timestamp`, message: "must be a non-negative integer" });
    }
    const headers = record?.headers ?? {};
    if (typeof headers !== "object" || Object.values(headers).some((v) => typeof v !== "string")) {
      issues.push({ field: `${at}.headers`, message: "must map names to strings" });
    }
    return {
      key: record?.key,
      value: record?.value,
      partition: partitions[i],
      timestamp: String(timestamp),
      headers: { ...headers },
    };
  });
  if (issues.length > 0) {
    const text = issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
    throw new ValidationError(`invalid records: ${text}`, issues);
  }
  return messages;
}
