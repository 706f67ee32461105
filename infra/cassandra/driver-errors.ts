import cassandra from "cassandra-driver";
import { UnavailableError } from "../../core/errors.ts";

const { errors, types } = cassandra;

/** Server answers that mean "not now" rather than "wrong request". */
const TRANSIENT_CODES = new Set<number>([
  types.responseErrorCodes.serverError,
  types.responseErrorCodes.unavailableException,
  types.responseErrorCodes.overloaded,
  types.responseErrorCodes.isBootstrapping,
  types.responseErrorCodes.truncateError,
  types.responseErrorCodes.writeTimeout,
  types.responseErrorCodes.readTimeout,
  types.responseErrorCodes.readFailure,
  types.responseErrorCodes.writeFailure,
]);

/** Whether a driver error says Cassandra is unreachable, slow or overloaded (the call may succeed later). */
export function isTransient(error: unknown): boolean {
  if (error instanceof errors.ResponseError) return TRANSIENT_CODES.has(error.code);
  return (
    error instanceof errors.NoHostAvailableError ||
    error instanceof errors.OperationTimedOutError ||
    error instanceof errors.BusyConnectionError
  );
}

/** Maps transient driver errors to a retriable UnavailableError naming the operation; others pass through. */
export function translateDriverError(operation: string, error: unknown): unknown {
  if (!isTransient(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new UnavailableError(`cassandra ${operation} failed: ${reason}`, error);
}

/** Runs `work`, translating its failure. */
export async function guarded<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDriverError(operation, error);
  }
}

/** Streams `source`, translating a failure mid-stream. */
export async function* guardedStream<T>(operation: string, source: () => AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* source();
  } catch (error) {
    throw translateDriverError(operation, error);
  }
}
