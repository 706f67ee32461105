import { z } from "zod";

/** Ids that are safe in Redis keys, Kafka keys, URLs and CQL: no `/`, no control characters, no prototype names. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const FORBIDDEN_IDS = new Set(["__proto__", "constructor", "prototype"]);

export const idSchema = z
  .string()
  .regex(ID_PATTERN, "an id of 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit")
  .refine((id) => !FORBIDDEN_IDS.has(id), "a reserved name is not a valid id");

/** Event time bounds: nothing before 1995 (MovieLens starts there; seconds mistaken for ms land in 1970). */
export const EARLIEST_EVENT_MS = Date.UTC(1995, 0, 1);
/** How far ahead of the receiver's clock an event time may be. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

export const timestampSchema = z
  .number()
  .int("an integer number of milliseconds since the epoch")
  .min(EARLIEST_EVENT_MS, "milliseconds since the epoch, not before 1995-01-01 (seconds are not accepted)");
