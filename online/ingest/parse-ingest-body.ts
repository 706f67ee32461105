import { StarlingError, ValidationError } from "../../core/errors.ts";
import { EVENT_SCHEMA_VERSION } from "../../schemas/index.ts";

// RFC 8259: JSON exchanged between systems is UTF-8, so no other charset is accepted.
const JSON_MEDIA_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** The events of one request, and whether they came as `{ events: [...] }`. */
export interface IngestBody {
  readonly batch: boolean;
  readonly events: readonly unknown[];
}

/** Throw a 415 unless the request says it carries UTF-8 JSON. */
export function checkJsonContentType(contentType: string | undefined): void {
  if (contentType !== undefined && JSON_MEDIA_TYPE.test(contentType.trim())) return;
  throw new StarlingError(`content type must be application/json, got ${contentType ?? "none"}`, {
    code: "unsupported_media_type",
    status: 415,
    field: "content-type",
  });
}

/** Parse the request text as JSON; a failure is a 400 naming `(body)`. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw bodyError("(body)", "not valid JSON");
  }
}

/** Split a decoded body into its events: one event object, or `{ events: [1..maxBatch objects] }`. */
export function splitIngestBody(body: unknown, maxBatch: number): IngestBody {
  if (!isPlainObject(body)) {
    throw bodyError("(body)", 'must be an event object or { "events": [...] }');
  }
  if (!Object.hasOwn(body, "events")) return { batch: false, events: [body] };
  const extra = Object.keys(body).find((key) => key !== "events");
  if (extra !== undefined) throw bodyError(extra, "unknown field next to events");
  const events = body.events;
  if (!Array.isArray(events)) throw bodyError("events", "must be an array of events");
  if (events.length === 0) throw bodyError("events", "must hold at least one event");
  if (events.length > maxBatch) throw bodyError("events", `must hold at most ${maxBatch} events`);
  return { batch: true, events };
}

/** Fill the defaults of one event (`eventId`, `schemaVersion`) without touching fields the client sent. */
export function withDefaults(event: unknown, newId: () => string): unknown {
  if (!isPlainObject(event)) return event;
  // A copy, so the caller's object is never changed; own `__proto__` keys stay plain data.
  const filled: Record<string, unknown> = { ...event };
  if (!Object.hasOwn(filled, "eventId")) filled.eventId = newId();
  if (!Object.hasOwn(filled, "schemaVersion")) filled.schemaVersion = EVENT_SCHEMA_VERSION;
  return filled;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function bodyError(field: string, message: string): ValidationError {
  return new ValidationError(`${field} ${message}`, [{ field, message }]);
}
