import { notIntegerError, overflowError } from "./cache-errors.ts";

/** Canonical decimal integers only, as Redis accepts for HINCRBY (no sign on zero, no leading zeros). */
const decimalInteger = /^(0|-?[1-9][0-9]*)$/;

/** The value of hash field `field` after adding `by`, or the type/overflow error Redis would raise. */
export function incrementedField(
  key: string,
  field: string,
  current: string | undefined,
  by: number,
): number {
  const start = current === undefined ? 0 : Number(current);
  if (current !== undefined && (!decimalInteger.test(current) || !Number.isSafeInteger(start))) {
    throw notIntegerError(key, field);
  }
  const result = start + by;
  if (!Number.isSafeInteger(result)) throw overflowError(key, field);
  return result;
}
