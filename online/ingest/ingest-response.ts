import type { Context } from "hono";
import { ValidationError } from "../../core/errors.ts";
import type { FieldIssue } from "../../schemas/index.ts";
import type { Problem } from "../problem.ts";
import type { EventResult, IngestOutcome } from "./ingest-outcome.ts";

/** A problem body that also carries the per-event results, so a client knows what to fix or resend. */
type IngestProblem = Problem & Omit<IngestOutcome, "kind" | "batch">;

/**
 * The HTTP answer to an ingestion: 202 with per-event results, 400 when nothing was valid,
 * 503 with `Retry-After` when the log did not acknowledge in time. A single invalid event is thrown
 * as a ValidationError so the app's problem handler answers it like any other bad input.
 */
export function ingestResponse(c: Context, outcome: IngestOutcome): Response {
  const { accepted, rejected, unavailable, results } = outcome;
  if (outcome.kind === "accepted") return c.json({ accepted, rejected, results }, 202);
  if (outcome.kind === "unavailable") {
    c.header("Retry-After", "1");
    const detail = `the event log did not acknowledge ${unavailable} event(s) before the deadline or failed; resending is safe`;
    const body: IngestProblem = { ...problem("unavailable", 503, detail), ...counts(outcome) };
    return c.json(body, 503);
  }
  const issues = requestIssues(outcome);
  if (!outcome.batch) throw new ValidationError(`invalid event: ${describe(issues)}`, issues);
  const detail = `no event in the batch is valid: ${describe(issues)}`;
  const body: IngestProblem = { ...problem("invalid_input", 400, detail), ...counts(outcome) };
  if (issues[0]) body.field = issues[0].field;
  body.issues = issues;
  return c.json(body, 400);
}

function problem(code: string, status: number, detail: string): Problem {
  return { type: `urn:starling:${code}`, title: code, status, detail };
}

function counts(outcome: IngestOutcome): Omit<IngestOutcome, "kind" | "batch"> {
  const { accepted, rejected, unavailable, results } = outcome;
  return { accepted, rejected, unavailable, results };
}

/** Every issue of a rejected request, named from the body's top: batch fields become `events.<i>.<field>`. */
function requestIssues(outcome: IngestOutcome): FieldIssue[] {
  return outcome.results.flatMap((result: EventResult) => {
    if (result.status !== "rejected") return [];
    if (!outcome.batch) return result.errors;
    const at = `events.${result.index}`;
    return result.errors.map(({ field, message }) => ({
      field: field === "(event)" ? at : `${at}.${field}`,
      message,
    }));
  });
}

function describe(issues: readonly FieldIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.field}: ${issue.message}`)
    .join("; ");
}
