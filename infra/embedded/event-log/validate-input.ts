import { ValidationError } from "../../../core/errors.ts";
import type { ProduceRecord, TopicSpec } from "../../../core/ports/event-log.ts";
import type { StoredRecord } from "./frame-codec.ts";

type Issue = { field: string; message: string };

// Kafka's legal topic characters; they are also safe as a directory name.
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

function topicNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "must be a non-empty string";
  if (name.includes("..") || name === ".") return "must not be '.' or contain '..'";
  if (!TOPIC_NAME.test(name)) return "may use only letters, digits, '.', '_' and '-' (at most 249)";
  return undefined;
}

/** Throw a ValidationError listing every bad topic spec. */
export function validateTopicSpecs(specs: readonly TopicSpec[]): void {
  if (!Array.isArray(specs)) throw new ValidationError("topic specs must be an array");
  const issues: Issue[] = [];
  specs.forEach((spec, i) => {
    const nameProblem = topicNameProblem(spec?.name);
    if (nameProblem) issues.push({ field: `specs[${i}].name`, message: nameProblem });
    if (!Number.isInteger(spec?.partitions) || spec.partitions < 1) {
      issues.push({ field: `specs[${i}].partitions`, message: "must be an integer of at least 1" });
    }
  });
  if (issues.length > 0) throw new ValidationError(`invalid topic spec: ${describe(issues)}`, issues);
}

/** Check what a producer sent and fix each record's timestamp (the producer's, or now). */
export function toStoredRecords(records: readonly ProduceRecord[], now: number): StoredRecord[] {
  if (!Array.isArray(records)) throw new ValidationError("records must be an array");
  const issues: Issue[] = [];
  const stored = records.map((record, i): StoredRecord => {
    const at = `records[${i}]`;
    if (typeof record?.key !== "string") issues.push({ field: `${at}.key`, message: "must be a string" });
    if (record?.value !== null && typeof record?.value !== "string") {
      issues.push({ field: `${at}.value`, message: "must be a string or null" });
    }
    const timestamp = record?.timestamp ?? now;
    if (!Number.isFinite(timestamp) || timestamp < 0) {
      issues.push({ field: `${at}.timestamp`, message: "must be a non-negative number" });
    }
    const headers = record?.headers ?? {};
    if (typeof headers !== "object" || Object.values(headers).some((v) => typeof v !== "string")) {
      issues.push({ field: `${at}.headers`, message: "must map names to strings" });
    }
    return { key: record?.key, value: record?.value, timestamp, headers };
  });
  if (issues.length > 0) throw new ValidationError(`invalid records: ${describe(issues)}`, issues);
  return stored;
}

/** Throw unless `offset` is a non-negative integer. */
export function checkOffset(field: string, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ValidationError(`${field} must be a non-negative integer, got ${offset}`, [
      { field, message: "must be a non-negative integer" },
    ]);
  }
}

function describe(issues: readonly Issue[]): string {
  return issues.map((issue) => `${issue.field} ${issue.message}`).join("; ");
}
