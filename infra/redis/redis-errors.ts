import { StarlingError, UnavailableError } from "../../core/errors.ts";

/** Server replies that mean "not now" rather than "never": loading, busy script, out of memory, failover. */
const transientReply = /^(LOADING|BUSY|OOM|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN|NOREPLICAS|MISCONF)\b/;

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ReplyError";
}

/**
 * The StarlingError for a failed Redis call. Server replies keep their meaning (WRONGTYPE and HINCRBY's "hash value is not an integer" are
 * `wrong_type`, an overflowing increment `out_of_range`); anything without a server reply (refused, reset, timed
 * out, offline queue disabled, retries exhausted) is a retriable UnavailableError.
 */
export function redisError(error: unknown, operation: string): StarlingError {
  if (error instanceof StarlingError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (!isReplyError(error)) return new UnavailableError(`redis ${operation} failed: ${message}`, error);
  if (message.includes("WRONGTYPE") || message.includes("hash value is not an integer")) {
    return new StarlingError(`redis ${operation}: ${message}`, { code: "wrong_type", cause: error });
  }
  if (message.includes("would overflow")) {
    return new StarlingError(`redis ${operation}: ${message}`, { code: "out_of_range", cause: error });
  }
  if (message.startsWith("CORRUPT")) {
    return new StarlingError(`redis ${operation}: ${message}`, { code: "corrupt_value", cause: error });
  }
  if (transientReply.test(message)) return new UnavailableError(`redis ${operation}: ${message}`, error);
  return new StarlingError(`redis ${operation}: ${message}`, { code: "redis_error", cause: error });
}
