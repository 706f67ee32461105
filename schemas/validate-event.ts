import { eventSchema, type StarlingEvent } from "./events.ts";
import { DEFAULT_MAX_FUTURE_SKEW_MS } from "./ids.ts";

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `rating` or `items.3.itemId`; `(event)` for the whole value. */
  readonly field: string;
  readonly message: string;
}

export type EventValidation = { ok: true; event: StarlingEvent } | { ok: false; issues: FieldIssue[] };

export interface ValidateOptions {
  /** The receiver's clock, ms since the epoch. */
  readonly now: number;
  readonly maxFutureSkewMs?: number;
}

/** Check one decoded event strictly (no coercion, no unknown fields, no far-future time). */
export function validateEvent(input: unknown, options: ValidateOptions): EventValidation {
  const parsed = eventSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join(".") : fieldOfUnrecognised(issue),
      message: issue.message,
    }));
    return { ok: false, issues };
  }
  const limit = options.now + (options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS);
  if (parsed.data.timestamp > limit) {
    return {
      ok: false,
      issues: [{ field: "timestamp", message: "event time is in the future beyond the allowed skew" }],
    };
  }
  return { ok: true, event: parsed.data };
}

function fieldOfUnrecognised(issue: { code: string; keys?: string[] }): string {
  return issue.code === "unrecognized_keys" && issue.keys?.[0] ? issue.keys[0] : "(event)";
}

/** Parse JSON text and validate it; a parse failure is reported as an issue, never thrown. */
export function decodeEvent(text: string | null, options: ValidateOptions): EventValidation {
  if (text === null) return { ok: false, issues: [{ field: "(event)", message: "empty value" }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ field: "(event)", message: "not valid JSON" }] };
  }
  return validateEvent(value, options);
}
