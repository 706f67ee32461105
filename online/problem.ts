import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { StarlingError, ValidationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";

/** An RFC 9457 problem body with the offending field named, so clients can fix their request. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  field?: string;
  issues?: readonly { field: string; message: string }[];
}

/** Turns any thrown value into a JSON problem response; unexpected errors are logged and hidden. */
export function problemResponse(c: Context, error: unknown, logger: Logger): Response {
  if (error instanceof StarlingError) {
    const body: Problem = {
      type: `urn:starling:${error.code}`,
      title: error.code,
      status: error.status,
      detail: error.message,
    };
    if (error.field !== undefined) body.field = error.field;
    if (error instanceof ValidationError && error.issues.length > 0) body.issues = error.issues;
    if (error.status >= 500) logger.warn("request failed", { code: error.code, message: error.message });
    if (error.retriable) c.header("Retry-After", "1");
    return c.json(body, error.status as ContentfulStatusCode);
  }
  logger.error("unexpected error", { message: (error as Error)?.message, stack: (error as Error)?.stack });
  const body: Problem = {
    type: "urn:starling:internal",
    title: "internal",
    status: 500,
    detail: "internal error",
  };
  return c.json(body, 500);
}
