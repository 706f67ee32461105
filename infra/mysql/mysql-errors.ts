import { StarlingError, UnavailableError, ValidationError } from "../../core/errors.ts";

/** Socket, protocol and server states where the same call may succeed later (server restarting, paused, busy). */
const RETRIABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_TOO_MANY_USER_CONNECTIONS",
  "ER_SERVER_SHUTDOWN",
  "ER_CONNECTION_KILLED",
  "ER_QUERY_INTERRUPTED",
  "ER_CLIENT_INTERACTION_TIMEOUT",
  "ER_LOCK_DEADLOCK",
  "ER_LOCK_WAIT_TIMEOUT",
  "ER_STATEMENT_TIMEOUT",
]);

/** mysql2 pool refusals that carry no code, only a message. */
const RETRIABLE_MESSAGES = ["Queue limit reached.", "No connections available."];

/** Values the schema cannot hold (too long, out of range): the caller's input is at fault. */
const INPUT_CODES = new Set(["ER_DATA_TOO_LONG", "ER_WARN_DATA_OUT_OF_RANGE", "ER_TRUNCATED_WRONG_VALUE"]);

interface MysqlErrorFields {
  readonly code?: unknown;
  readonly fatal?: unknown;
  readonly message?: unknown;
}

/** Whether the connection that raised this error must be thrown away rather than reused. */
export function breaksConnection(error: unknown): boolean {
  const { code, fatal } = (error ?? {}) as MysqlErrorFields;
  return (
    fatal === true || (typeof code === "string" && RETRIABLE_CODES.has(code) && !code.startsWith("ER_LOCK"))
  );
}

/** Whether the failure is worth retrying: the server or the network, not the request. */
export function isRetriable(error: unknown): boolean {
  const { code, fatal, message } = (error ?? {}) as MysqlErrorFields;
  if (fatal === true) return true;
  if (typeof code === "string" && RETRIABLE_CODES.has(code)) return true;
  return typeof message === "string" && RETRIABLE_MESSAGES.includes(message);
}

/** Turn whatever mysql2 threw into a StarlingError that says what the store was trying to do. */
export function mysqlFailure(action: string, error: unknown): StarlingError {
  if (error instanceof StarlingError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const message = `MySQL store could not ${action}: ${detail}`;
  if (isRetriable(error)) return new UnavailableError(message, error);
  const code = (error as MysqlErrorFields | null)?.code;
  if (typeof code === "string" && INPUT_CODES.has(code)) {
    return new ValidationError(message, [{ field: "value", message: detail }]);
  }
  return new StarlingError(message, { code: "store_failed", cause: error });
}
