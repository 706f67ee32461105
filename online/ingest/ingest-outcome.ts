import type { EventValidation, FieldIssue } from "../../schemas/index.ts";
import type { ProduceReport, TopicGroup } from "./produce-within.ts";

/** The fate of one event of a request, by its index in the request. */
export type EventResult =
  | {
      readonly index: number;
      readonly status: "accepted";
      readonly eventId: string;
      readonly topic: string;
      readonly partition: number;
      readonly offset: number;
    }
  | { readonly index: number; readonly status: "rejected"; readonly errors: readonly FieldIssue[] }
  /** Valid, but the log did not acknowledge it in time; resending is safe (consumers dedupe by eventId). */
  | {
      readonly index: number;
      readonly status: "unavailable";
      readonly eventId: string;
      readonly topic: string;
    };

/**
 * What one ingestion request came to:
 * `accepted` when every valid event is durable and there was at least one,
 * `invalid` when no event was valid (nothing was produced),
 * `unavailable` when the log did not acknowledge every valid event before the deadline.
 */
export interface IngestOutcome {
  readonly kind: "accepted" | "invalid" | "unavailable";
  /** The request used `{ "events": [...] }` rather than one bare event. */
  readonly batch: boolean;
  readonly accepted: number;
  readonly rejected: number;
  readonly unavailable: number;
  readonly results: readonly EventResult[];
}

/** One result per event, in request order, from the validations and what the log acknowledged. */
export function buildResults(
  checked: readonly EventValidation[],
  groups: readonly TopicGroup[],
  report: ProduceReport,
): EventResult[] {
  const results: EventResult[] = new Array(checked.length);
  checked.forEach((validation, index) => {
    if (!validation.ok) results[index] = { index, status: "rejected", errors: validation.issues };
  });
  for (const { topic, indexes } of groups) {
    const settled = report.settled.get(topic);
    indexes.forEach((index, n) => {
      const validation = checked[index] as Extract<EventValidation, { ok: true }>;
      const eventId = validation.event.eventId;
      const ack = settled?.ok ? settled.acks[n] : undefined;
      results[index] = ack
        ? { index, status: "accepted", eventId, topic, partition: ack.partition, offset: ack.offset }
        : { index, status: "unavailable", eventId, topic };
    });
  }
  return results;
}

/** Count the results and decide the request's outcome. */
export function summarise(batch: boolean, results: readonly EventResult[]): IngestOutcome {
  const count = (status: EventResult["status"]) => results.filter((r) => r.status === status).length;
  const accepted = count("accepted");
  const rejected = count("rejected");
  const unavailable = count("unavailable");
  const kind = unavailable > 0 ? "unavailable" : accepted > 0 ? "accepted" : "invalid";
  return { kind, batch, accepted, rejected, unavailable, results };
}
