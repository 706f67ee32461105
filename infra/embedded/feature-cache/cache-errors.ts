import { StarlingError } from "../../../core/errors.ts";
import type { ValueKind } from "./values.ts";

/** An operation on a key holding another kind of value, like Redis's WRONGTYPE. */
export function wrongTypeError(key: string, wanted: ValueKind, found: ValueKind): StarlingError {
  return new StarlingError(`key "${key}" holds a ${found}, not a ${wanted}`, {
    code: "wrong_type",
    field: key,
  });
}

/** HINCRBY on a field that does not hold a decimal integer; reported as a type error, as the brief asks. */
export function notIntegerError(key: string, field: string): StarlingError {
  return new StarlingError(`field "${field}" of hash "${key}" is not an integer`, {
    code: "wrong_type",
    field: key,
  });
}

/** HINCRBY whose result would leave the range of exactly representable integers. */
export function overflowError(key: string, field: string): StarlingError {
  return new StarlingError(`incrementing field "${field}" of hash "${key}" would overflow`, {
    code: "out_of_range",
    field: key,
  });
}

/** A stored checkpoint that is not a decimal offset. */
export function corruptCheckpointError(key: string, field: string, stored: string): StarlingError {
  return new StarlingError(`checkpoint "${key}" field "${field}" holds "${stored}", not an offset`, {
    code: "corrupt_value",
    field: key,
  });
}

/** Any call after close(). */
export function closedError(): StarlingError {
  return new StarlingError("the in-memory feature cache is closed", { code: "closed" });
}
