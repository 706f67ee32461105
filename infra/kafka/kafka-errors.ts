import { StarlingError, UnavailableError } from "../../core/errors.ts";

/** Producing to, or subscribing to, a topic that was never created. */
export function unknownTopicError(topic: string, cause?: unknown): StarlingError {
  return new StarlingError(`unknown topic "${topic}": create it first`, {
    code: "unknown_topic",
    status: 404,
    field: "topic",
    cause,
  });
}

/** Any call after close(). */
export function closedError(): StarlingError {
  return new StarlingError("event log is closed", { code: "closed", status: 503 });
}

/** The innermost cause of a kafkajs error (retries wrap the original one). */
export function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current;
}

/** kafkajs' own verdict on an error: its KafkaJS errors carry `retriable`. */
export function isRetriable(error: unknown): boolean {
  const root = rootCause(error) as { retriable?: unknown; name?: unknown };
  return (
    error instanceof Error && (error.name === "KafkaJSNumberOfRetriesExceeded" || root.retriable === true)
  );
}

/** True for the errors that mean "the group is rebalancing, rejoin": kafkajs handles those itself. */
export function isRebalancing(error: unknown): boolean {
  const type = (rootCause(error) as { type?: unknown }).type;
  return (
    type === "REBALANCE_IN_PROGRESS" || type === "NOT_COORDINATOR_FOR_GROUP" || type === "ILLEGAL_GENERATION"
  );
}

/** Wrap a kafkajs failure as a Starling error; StarlingErrors pass through. */
export function toStarlingError(what: string, error: unknown): StarlingError {
  if (error instanceof StarlingError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnavailableError(`kafka ${what} failed: ${message}`, error);
}

/** Reject with UnavailableError when `work` does not settle within `ms` (it keeps running in the background). */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnavailableError(`kafka ${what} got no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Codes 14-16 by the protocol's names and by kafkajs' older ones (which its errors carry as `type`). */
const COORDINATOR_ERRORS = new Set([
  "NOT_COORDINATOR",
  "COORDINATOR_LOAD_IN_PROGRESS",
  "COORDINATOR_NOT_AVAILABLE",
  "NOT_COORDINATOR_FOR_GROUP",
  "GROUP_LOAD_IN_PROGRESS",
  "GROUP_COORDINATOR_NOT_AVAILABLE",
]);
/** kafkajs' admin wraps a protocol error it gave up on without its type; only the message is left. */
const COORDINATOR_MESSAGES = [
  "not the correct coordinator",
  "coordinator is loading",
  "coordinator is not available",
];

/** Whether a group request failed because the group's coordinator moved or is still loading. */
export function isCoordinatorError(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (COORDINATOR_ERRORS.has(String((current as { type?: unknown }).type))) return true;
    if (COORDINATOR_MESSAGES.some((text) => current.message.includes(text))) return true;
  }
  return false;
}

/**
 * Runs a group request again while the coordinator is moving or loading: kafkajs' admin client does not retry
 * these (seen right after a broker start or under load), though a moment later the same request succeeds.
 */
export async function retryOnCoordinatorMove<T>(request: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attempts || !isCoordinatorError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
