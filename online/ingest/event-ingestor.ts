import type { Clock } from "../../core/clock.ts";
import { ConfigError } from "../../core/errors.ts";
import { type Logger, silentLogger } from "../../core/logger.ts";
import type { EventLog } from "../../core/ports/event-log.ts";
import { type EventValidation, topicForEvent, validateEvent } from "../../schemas/index.ts";
import { buildResults, type IngestOutcome, summarise } from "./ingest-outcome.ts";
import { splitIngestBody, withDefaults } from "./parse-ingest-body.ts";
import { type ProduceReport, produceWithin, type TopicGroup } from "./produce-within.ts";

export interface EventIngestorDeps {
  readonly eventLog: EventLog;
  readonly clock: Clock;
  /** Ids for events sent without one. */
  readonly newId: () => string;
  readonly logger?: Logger;
}

export interface EventIngestorOptions {
  /** Most events one request may carry. */
  readonly maxBatch: number;
  /** Longest wait for the log's acknowledgement; after it the answer is `unavailable`. */
  readonly deadlineMs: number;
}

/** Validates events and appends the valid ones to their topics; knows nothing of HTTP. */
export interface EventIngestor {
  /**
   * Ingest a decoded request body: one event object or `{ events: [...] }`.
   * Throws a ValidationError (field named) when the body's shape is wrong; bad events are reported per event.
   * Resolves only after the log acknowledged the valid events, or after the deadline with `unavailable`.
   */
  ingest(body: unknown): Promise<IngestOutcome>;
}

const NOTHING_PRODUCED: ProduceReport = { settled: new Map(), timedOut: false };

/** An ingestor that produces each valid event to its type's topic, keyed by user id. */
export function createEventIngestor(deps: EventIngestorDeps, options: EventIngestorOptions): EventIngestor {
  checkOptions(options);
  const logger = deps.logger ?? silentLogger;
  return {
    async ingest(body) {
      const { batch, events } = splitIngestBody(body, options.maxBatch);
      const now = deps.clock.now();
      const checked = events.map((event) => validateEvent(withDefaults(event, deps.newId), { now }));
      const groups = groupByTopic(checked, now);
      const report =
        groups.length === 0
          ? NOTHING_PRODUCED
          : await produceWithin(deps.eventLog, groups, options.deadlineMs);
      logFailures(logger, groups, report, options.deadlineMs);
      return summarise(batch, buildResults(checked, groups, report));
    },
  };
}

/** One group per topic, topics and records in input order. */
function groupByTopic(checked: readonly EventValidation[], now: number): TopicGroup[] {
  const groups = new Map<
    string,
    { topic: string; indexes: number[]; records: TopicGroup["records"][number][] }
  >();
  checked.forEach((validation, index) => {
    if (!validation.ok) return;
    const { event } = validation;
    const topic = topicForEvent(event.type);
    const group = groups.get(topic) ?? { topic, indexes: [], records: [] };
    groups.set(topic, group);
    group.indexes.push(index);
    group.records.push({
      key: event.userId,
      value: JSON.stringify(event),
      timestamp: now,
      headers: { eventId: event.eventId },
    });
  });
  return [...groups.values()];
}

function logFailures(
  logger: Logger,
  groups: readonly TopicGroup[],
  report: ProduceReport,
  deadlineMs: number,
): void {
  if (report.timedOut) {
    const pending = groups.map((g) => g.topic).filter((topic) => !report.settled.has(topic));
    logger.warn("event log did not acknowledge before the deadline", { deadlineMs, topics: pending });
  }
  for (const [topic, result] of report.settled) {
    if (result.ok) continue;
    const fields = { topic, ...describeError(result.error) };
    // A non-retriable failure (a missing topic, a closed log) means the deployment is broken, not busy.
    if (isRetriable(result.error)) logger.warn("event log refused a produce", fields);
    else logger.error("event log cannot take events", fields);
  }
}

function isRetriable(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { retriable?: unknown }).retriable === true;
}

function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return { message: error.message, ...(code === undefined ? {} : { code }) };
}

function checkOptions(options: EventIngestorOptions): void {
  if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
    throw new ConfigError("ingest maxBatch must be an integer of at least 1", "maxBatch");
  }
  if (!Number.isFinite(options.deadlineMs) || options.deadlineMs <= 0) {
    throw new ConfigError("ingest deadlineMs must be a positive number", "deadlineMs");
  }
}
