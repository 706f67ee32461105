import { DependencyUnavailable } from "../resilience/types.ts";

/** The short reason of a failed source: the guard's (`timeout`, `open`, `error`), `timeout` for an abort. */
export function failureReason(error: unknown): string {
  if (error instanceof DependencyUnavailable) return error.reason;
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError"))
    return "timeout";
  return "error";
}
