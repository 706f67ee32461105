import { StarlingError } from "../../../core/errors.ts";

/** Producing to, reading or subscribing to a topic that was never created. */
export function unknownTopicError(topic: string): StarlingError {
  return new StarlingError(`unknown topic "${topic}": create it first`, {
    code: "unknown_topic",
    status: 404,
    field: "topic",
  });
}

/** Any call after {@link EventLog.close}. */
export function closedError(): StarlingError {
  return new StarlingError("event log is closed", { code: "closed", status: 503 });
}
