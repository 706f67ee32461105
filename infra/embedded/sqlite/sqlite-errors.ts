import { messageOf } from "../../../core/error-message.ts";
import { StarlingError, UnavailableError } from "../../../core/errors.ts";

/** SQLite result codes where the same call may succeed later (another connection holds a lock, a disk hiccup). */
const RETRIABLE_CODES = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR"];

/** Turn whatever SQLite threw into a StarlingError that says what the store was trying to do. */
export function sqliteFailure(action: string, error: unknown): StarlingError {
  if (error instanceof StarlingError) return error;
  const message = `SQLite store could not ${action}: ${messageOf(error)}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && RETRIABLE_CODES.some((prefix) => code.startsWith(prefix))) {
    return new UnavailableError(message, error);
  }
  return new StarlingError(message, { code: "store_failed", cause: error });
}

/** Run a synchronous SQLite call, rethrowing failures as StarlingErrors. */
export function guard<T>(action: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw sqliteFailure(action, error);
  }
}
